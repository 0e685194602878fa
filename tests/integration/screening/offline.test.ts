/**
 * Offline proof for screenings (issue 10, item 2): a thief with a copy of the data folder and the password of a
 * class teacher or of the social pedagogue — stock SQLCipher 4 and node:crypto only (compartments/attacker.ts) —
 * reads nothing of a screening or a safety plan: no plain column names the case, the pupil, an answer or the
 * result, and no sealed field opens with the keys those passwords unwrap (the social pedagogue's protection key
 * included). The psychologist's password does open them: the test is not vacuous.
 *
 * Not covered here: the bytes of a printed sheet in the documents register (`documents.data`), which the sealed
 * document bytes work seals; this test prints nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../harness/core';
import { cellsContaining, dumpAll, openFieldBlob, steal, type RawKeyring } from '../compartments/attacker';

const PW = { psy: 'psy password 1', soc: 'soc password 1', cls: 'cls password 1' };
const NOTE = 'ZEBRA-NOTE-7';
const PLAN = 'PARK-KOGERSHIN';
const readKeyring = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'keyring.json'), 'utf8')) as RawKeyring;

describe('screenings, offline', () => {
  let c: TestCore;
  let caseId = '';
  let pupilId = '';

  beforeAll(async () => {
    c = await createTestCore({ now: new Date('2026-11-30T06:00:00Z') });
    await c.call('accounts.create', { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: PW.psy });
    await c.call('accounts.create', { login: 'soc', displayName: 'Әлеуметтік педагог', roles: ['social_pedagogue'], password: PW.soc });
    await c.call('accounts.create', { login: 'cls', displayName: 'Сынып жетекшісі', roles: ['class_teacher'], password: PW.cls });
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: 'psy', password: PW.psy });
    pupilId = (await c.call('pupils.create', { lastName: 'Тестова', firstName: 'Бала', grade: 9, classLetter: 'А', instructionLanguage: 'kk' })).id;
    const k = await c.call('cases.create', { title: 'Кейс', formOfHarm: 'psychological', risk: 'medium', pupils: [{ pupilId, role: 'targeted' }] });
    caseId = k.id;
    const s = await c.call('screening.record', {
      caseId,
      caseVersion: k.version,
      pupilId,
      askedAt: '2026-11-30T10:40',
      answers: { q1: 'yes', q2: 'yes', q3: 'yes', q4: 'no', q5: 'yes' },
      notes: NOTE,
    });
    await c.call('screening.answerLine', { id: s.id, version: s.version, line: 'not_alone', state: 'done', at: '2026-11-30T10:41', note: NOTE });
    await c.call('safetyPlan.save', {
      caseId,
      pupilId,
      baseVersion: 0,
      withPupil: true,
      steps: { warningSigns: [PLAN], coping: [], distractions: [], helpers: [], professionals: [], environment: [] },
    });
    await c.call('auth.lock', {});
  }, 120_000);

  afterAll(async () => c?.cleanup());

  function rows(dump: Record<string, Record<string, unknown>[]>) {
    return { screenings: dump.screenings ?? [], plans: dump.safety_plans ?? [], chronology: (dump.chronology ?? []).filter((r) => r.kind === 'screening' || r.kind === 'safety_plan') };
  }

  for (const [login, password, held] of [
    ['cls', PW.cls, [] as string[]],
    ['soc', PW.soc, ['protection']],
  ] as const) {
    it(`the ${login === 'cls' ? 'class teacher' : 'social pedagogue'}'s password opens the DB but nothing of the screening`, () => {
      const loot = steal(readKeyring(c.dataDir), login, password);
      expect(loot.base.length).toBeGreaterThan(0);
      expect(loot.compartments.map((k) => k.name).sort()).toEqual([...held]);
      const dump = dumpAll(path.join(c.dataDir, 'qorgan.db'), loot.base[0]!);
      expect(dump).not.toBeNull();
      const { screenings, plans, chronology } = rows(dump!);
      expect(screenings).toHaveLength(1);
      expect(plans).toHaveLength(1);
      expect(chronology).toHaveLength(2);
      // no plain cell of these tables names the case, the pupil, an answer, the result or a note
      const plain = JSON.stringify([...screenings, ...plans].map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => !(v instanceof Uint8Array)))));
      for (const needle of [caseId, pupilId, 'acute', 'yes', NOTE, PLAN]) expect(plain).not.toContain(needle);
      // the notes and the plan are nowhere in the whole DB in the clear
      expect(cellsContaining(dump!, [NOTE, PLAN])).toEqual([]);
      // and no sealed field opens with any key this password gives
      for (const k of loot.compartments) {
        for (const r of screenings) {
          for (const f of ['record_enc', 'checklist_enc'] as const) {
            const blob = r[f];
            if (blob instanceof Uint8Array) expect(openFieldBlob(k, 'screenings', String(r.id), f, blob)).toBeNull();
          }
        }
        for (const r of plans) expect(openFieldBlob(k, 'safety_plans', String(r.id), 'record_enc', r.record_enc as Uint8Array)).toBeNull();
        for (const r of chronology) {
          expect(r.summary_enc).toBeNull();
          expect(openFieldBlob(k, 'chronology', String(r.id), 'confidential_enc', r.confidential_enc as Uint8Array)).toBeNull();
        }
      }
    });
  }

  it('the psychologist’s password opens them (the proof is not vacuous)', () => {
    const loot = steal(readKeyring(c.dataDir), 'psy', PW.psy);
    const conf = loot.compartments.find((k) => k.name === 'confidential');
    expect(conf).toBeDefined();
    const dump = dumpAll(path.join(c.dataDir, 'qorgan.db'), loot.base[0]!)!;
    const { screenings, plans } = rows(dump);
    const record = openFieldBlob(conf!, 'screenings', String(screenings[0]!.id), 'record_enc', screenings[0]!.record_enc as Uint8Array);
    expect(record).toContain(NOTE);
    expect(record).toContain(pupilId);
    expect(record).toContain('"result":"acute"');
    expect(openFieldBlob(conf!, 'safety_plans', String(plans[0]!.id), 'record_enc', plans[0]!.record_enc as Uint8Array)).toContain(PLAN);
  });
});
