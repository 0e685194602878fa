/**
 * The case screen's and the pupil card's sections on a live core: what `capabilities.mine` shows a session is what
 * the sections' own reads give it. The psychologist sees every case section and every card section, and each read
 * answers; the class teacher sees none of the case, referral, screening, register or council sections — each of
 * those reads is refused by the core — and keeps the guardians and the chronology of a pupil of their class.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_SECTIONS, visibleCaseSections } from '../../renderer/src/features/cases/sections';
import { PUPIL_CARD_SECTIONS } from '../../renderer/src/features/pupils/card/sections';
import { visibleSections } from '../../renderer/src/features/pupils/card/visible';
import type { CaseDetail } from '../../shared/cases';
import { ADMIN, createTestCore, type TestCore } from '../harness/core';
import { CASE_SECTION_READS, PUPIL_CARD_SECTION_READS } from '../harness/section-reads';

const PW = { psy: 'psy password 1', cls: 'cls password 1' };
const CHRONOLOGY = { id: 'chronology', labelKey: 'chronology.title', capability: 'chronologyRead' as const, component: () => null };

let c: TestCore;
let kase: CaseDetail;
let pupilId = '';

async function loginAs(login: string, password: string): Promise<void> {
  await c.try('auth.lock', {});
  await c.call('auth.login', { login, password });
}

beforeAll(async () => {
  c = await createTestCore();
  await c.call('accounts.create', { login: 'psy', displayName: 'Психолог Тестова', roles: ['psychologist'], password: PW.psy });
  await c.call('accounts.create', { login: 'cls', displayName: 'Сынып жетекшісі', roles: ['class_teacher'], password: PW.cls });
  await loginAs('psy', PW.psy);
  pupilId = (await c.call('pupils.create', { lastName: 'Бөлімов', firstName: 'Оқушы', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' })).id;
  const other = (await c.call('pupils.create', { lastName: 'Сынақов', firstName: 'Оқушы', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' })).id;
  kase = await c.call('cases.create', { title: 'Үзілістегі буллинг', formOfHarm: 'bullying', risk: 'medium', pupils: [{ pupilId, role: 'targeted' }, { pupilId: other, role: 'initiator' }] });
  // the class teacher leads 7 Ә (the pupil's class)
  await loginAs(ADMIN.login, ADMIN.password);
  const cls = (await c.call('accounts.list', {})).find((a) => a.login === 'cls')!;
  await c.call('accounts.setClasses', { id: cls.id, classes: [{ grade: 7, letter: 'Ә' }] });
}, 60_000);
afterAll(async () => {
  await c.cleanup();
});

async function shown(): Promise<{ case: string[]; card: string[] }> {
  const caps = await c.call('capabilities.mine', {});
  return {
    case: visibleCaseSections(CASE_SECTIONS, caps, kase).map((s) => s.id),
    card: visibleSections(PUPIL_CARD_SECTIONS, caps, CHRONOLOGY).map((s) => s.id),
  };
}

async function reads(): Promise<{ case: Record<string, string>; card: Record<string, string> }> {
  const ids = { caseId: kase.id, pupilId };
  const out = { case: {} as Record<string, string>, card: {} as Record<string, string> };
  for (const [id, r] of Object.entries(CASE_SECTION_READS)) {
    const res = await r.call(c, ids);
    out.case[id] = res.ok ? 'ok' : res.error.code;
  }
  for (const [id, r] of Object.entries(PUPIL_CARD_SECTION_READS)) {
    const res = await r.call(c, ids);
    out.card[id] = res.ok ? 'ok' : res.error.code;
  }
  return out;
}

describe('sections by capability', () => {
  it('the psychologist sees the case, referral, screening and documents sections, and every card section', async () => {
    await loginAs('psy', PW.psy);
    const s = await shown();
    expect(s.case).toEqual(['bullying', 'screening', 'referrals', 'documents']);
    expect(s.card).toEqual(['guardians', 'register', 'cases', 'referrals', 'council', 'chronology']);
    const r = await reads();
    expect(Object.values(r.case).every((x) => x === 'ok'), JSON.stringify(r.case)).toBe(true);
    expect(Object.values(r.card).every((x) => x === 'ok'), JSON.stringify(r.card)).toBe(true);
  });

  it('a case that is not bullying has no bullying section, whoever looks', async () => {
    await loginAs('psy', PW.psy);
    const caps = await c.call('capabilities.mine', {});
    expect(visibleCaseSections(CASE_SECTIONS, caps, { ...kase, formOfHarm: 'difficult_life' }).map((s) => s.id)).toEqual(['screening', 'referrals', 'documents']);
  });

  it('the class teacher sees no case, referral, screening, register or council section, and the core refuses each of those reads', async () => {
    await loginAs('cls', PW.cls);
    const s = await shown();
    expect(s.case).toEqual([]);
    expect(s.card).toEqual(['guardians', 'chronology']);
    const r = await reads();
    expect(r.case).toEqual({ bullying: 'auth.forbidden', screening: 'auth.forbidden', referrals: 'auth.forbidden', documents: 'auth.forbidden' });
    expect(r.card).toEqual({ guardians: 'ok', register: 'auth.forbidden', cases: 'auth.forbidden', referrals: 'auth.forbidden', council: 'auth.forbidden', chronology: 'ok' });
  });

  it('a locked session sees nothing', async () => {
    await c.call('auth.lock', {});
    expect(visibleCaseSections(CASE_SECTIONS, null, kase)).toEqual([]);
    expect(visibleSections(PUPIL_CARD_SECTIONS, null, CHRONOLOGY)).toEqual([]);
    expect((await c.try('capabilities.mine', {})).ok).toBe(false);
  });
});
