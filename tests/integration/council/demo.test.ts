/**
 * The demo council (electron/core/council/demo.ts): in the current academic year, three meetings — signed by the
 * secretary and co-signed by the chair in two logins, waiting for the chair (on his home screen), planned with the
 * pupil invited again on its agenda.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { academicYearOf, isoDate } from '../../../shared/calendar';
import { createCore, type Core } from '../../../electron/core/api';
import { seedDemoCouncil } from '../../../electron/core/council/demo';
import { createDemoSchool, DEMO_PASSWORD } from '../../../electron/core/demo/school';
import { tempDir } from '../../harness/core';
import { testPlatform } from '../../harness/platform';
import { flat, pdfText, pdfsig, qpdfCheck, renderPng, savePdfArtifact } from '../documents/helpers';
import fs from 'node:fs';

let dataDir: string;
let core: Core;
let ids: { signed: string; awaiting: string; planned: string };

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
  return r.value as T;
}

beforeAll(async () => {
  dataDir = tempDir();
  const platform = testPlatform(dataDir);
  await createDemoSchool(platform, {
    reset: true,
    pupils: 120,
    seeders: [
      async (c, now) => {
        ids = await seedDemoCouncil(c, now);
      },
    ],
  });
  core = createCore(platform);
  await call('auth.login', { login: 'director', password: DEMO_PASSWORD });
}, 240_000);
afterAll(async () => {
  await core.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo council', () => {
  it('has a council of the current year and three meetings: signed, awaiting the chair, planned', async () => {
    const year = academicYearOf(isoDate(new Date()));
    const roster = await call<{ members: { duty: string; accountId: string | null }[] }>('council.roster', { academicYear: year });
    expect(roster.members.filter((m) => m.duty === 'chair')).toHaveLength(1);
    expect(roster.members.filter((m) => m.accountId === null).length).toBeGreaterThanOrEqual(3);
    const meetings = await call<{ id: string; number: number; status: string; date: string; documentId: string | null }[]>('council.meetings.list', { academicYear: year });
    expect(meetings.map((m) => [m.number, m.status])).toEqual([
      [1, 'signed'],
      [2, 'awaiting_chair'],
      [3, 'planned'],
    ]);
    expect(meetings.map((m) => m.id)).toEqual([ids.signed, ids.awaiting, ids.planned]);
    for (const m of meetings) expect(academicYearOf(m.date)).toBe(year);

    const awaiting = await call<{ id: string }[]>('documents.awaitingMine', {});
    expect(awaiting.map((d) => d.id)).toEqual([meetings[1]!.documentId]);

    const signed = Buffer.from((await call<{ base64: string }>('documents.pdf', { id: meetings[0]!.documentId })).base64, 'base64');
    expect(pdfsig(signed).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    expect(qpdfCheck(signed).ok).toBe(true);
    expect(flat(pdfText(signed))).toContain('ҚАУЛЫ ЕТТІ');
    savePdfArtifact(signed, 'council-demo-signed');
    renderPng(signed, 'council-demo-signed', [1]);

    const planned = await call<{ agenda: { sourceType: string }[] }>('council.meetings.get', { id: ids.planned });
    expect(planned.agenda.map((i) => i.sourceType)).toContain('invite_again');
  });
});
