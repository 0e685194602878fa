/**
 * Reading a pupil's chronology (issue 9, item 2): newest first by when it happened, then by when it was written, so
 * a backdated entry slots into place; who wrote it and when; summaries decrypted per the session's compartments (a
 * confidential entry is "confidential note" to the director, its text to the psychologist); filter by kind and
 * pages; a class teacher sees only the non-welfare kinds of the pupils of their own classes; an account without a
 * pupil role is refused; every call is an audited view. Entries are written through `recordChronology`, as the
 * record features do, on a real encrypted DB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChronologyInput } from '../../../electron/core/chronology/record';
import { recordChronology } from '../../../electron/core/chronology/record';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';

let c: TestCore;
const ids: Record<string, string> = {};
const accounts: Record<string, string> = {};

const PASS: Record<string, string> = { psy: 'psy password 1', soc: 'soc password 1', cls: 'cls password 1', itman: 'it password 1' };

async function loginAs(login: string): Promise<void> {
  // locked already (or by the idle timer, after the clock moved): nothing to lock
  await c.try('auth.lock', {});
  await c.call('auth.login', { login, password: login === ADMIN.login ? ADMIN.password : PASS[login]! });
}

/** Writes an entry as the logged-in session would (its keys), at a given moment of the clock. */
async function write(by: string, at: string, entry: ChronologyInput): Promise<string> {
  return recordChronology(c.state.db, c.state, { accountId: accounts[by]!, now: new Date(at) }, entry);
}

function lastAuditId(): number {
  return (c.state.sqlite.prepare('SELECT max(id) AS n FROM audit_log').get() as { n: number }).n;
}

beforeAll(async () => {
  c = await createTestCore();
  await c.call('accounts.create', { login: 'psy', displayName: 'Психолог Тестова', roles: ['psychologist'], password: PASS.psy! });
  await c.call('accounts.create', { login: 'soc', displayName: 'Әлеуметтік педагог', roles: ['social_pedagogue'], password: PASS.soc! });
  await c.call('accounts.create', { login: 'cls', displayName: 'Сынып жетекшісі', roles: ['class_teacher'], password: PASS.cls! });
  await c.call('accounts.create', { login: 'itman', displayName: 'IT маманы', roles: ['administrator'], password: PASS.itman! });
  for (const a of await c.call('accounts.list', {})) accounts[a.login] = a.id;
  const cls = accounts.cls!;
  await c.call('accounts.setClasses', { id: cls, classes: [{ grade: 7, letter: 'Ә' }] });
  await loginAs('psy');
  ids.own = (await c.call('pupils.create', { lastName: 'Мысалова', firstName: 'Айым', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' })).id;
  ids.other = (await c.call('pupils.create', { lastName: 'Сынақов', firstName: 'Ерік', grade: 8, classLetter: 'Б', instructionLanguage: 'kk' })).id;
  ids.empty = (await c.call('pupils.create', { lastName: 'Бос', firstName: 'Жазба', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' })).id;
  const p = ids.own;
  // in the order they were written; the concern of 10 October was written only on 20 November (backdated)
  ids.added = await write('psy', '2026-09-01T08:00:00Z', { pupilId: p, kind: 'pupil_added', summary: 'Оқушы тізімге қосылды' });
  ids.opened = await write('psy', '2026-10-12T09:00:00Z', { pupilId: p, kind: 'case_opened', occurredAt: '2026-10-12T09:00:00Z', summary: 'Іс ашылды: буллинг' });
  ids.noteConf = await write('psy', '2026-11-05T10:00:00Z', { pupilId: p, kind: 'case_note', summary: 'Құпия: баланың айтқаны', confidential: true });
  ids.backdated = await write('psy', '2026-11-20T15:00:00Z', { pupilId: p, kind: 'concern', occurredAt: '2026-10-10T07:30:00Z', summary: 'Дәлізде итеріп жіберді (кейін жазылды)' });
  // two entries of the same moment: the later-written comes first
  ids.sameA = await write('psy', '2026-11-21T09:00:00Z', { pupilId: p, kind: 'contact', occurredAt: '2026-11-21T08:00:00Z', summary: 'Анасымен сөйлесті' });
  await loginAs('soc');
  ids.sameB = await write('soc', '2026-11-21T09:05:00Z', { pupilId: p, kind: 'task', occurredAt: '2026-11-21T08:00:00Z', summary: 'Үйге бару жоспарланды' });
  ids.system = await recordChronology(c.state.db, c.state, { accountId: null, now: new Date('2026-11-25T00:00:00Z') }, { pupilId: p, kind: 'register_review', summary: 'Есепті қарау мерзімі келді' });
  // a day without a time (what a backdated "it happened on 10 October" often is) sorts after that day's timed entries
  ids.dated = (await c.call('pupils.create', { lastName: 'Күнтізбе', firstName: 'Тест', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' })).id;
  const d = ids.dated;
  ids.d1 = await write('soc', '2026-11-01T10:00:00Z', { pupilId: d, kind: 'contact', occurredAt: '2026-10-09T10:00:00Z', summary: 'd1' });
  ids.d2 = await write('soc', '2026-11-01T10:00:00Z', { pupilId: d, kind: 'contact', occurredAt: '2026-10-10', summary: 'd2' });
  ids.d3 = await write('soc', '2026-11-01T10:00:00Z', { pupilId: d, kind: 'contact', occurredAt: '2026-10-10T05:00:00Z', summary: 'd3' });
  ids.d4 = await write('soc', '2026-11-01T10:00:00Z', { pupilId: d, kind: 'contact', occurredAt: '2026-10-11T01:00:00Z', summary: 'd4' });
  ids.otherEntry = await write('soc', '2026-11-01T10:00:00Z', { pupilId: ids.other, kind: 'pupil_added', summary: 'Басқа оқушы' });
  await c.call('auth.lock', {});
});
afterAll(async () => {
  await c.cleanup();
});

describe('chronology.list', () => {
  it('newest first by when it happened, then when it was written; a backdated entry slots into place', async () => {
    await loginAs('psy');
    const page = await c.call('chronology.list', { pupilId: ids.own! });
    expect(page.items.map((e) => e.id)).toEqual([ids.system, ids.sameB, ids.sameA, ids.noteConf, ids.opened, ids.backdated, ids.added]);
    expect(page.total).toBe(7);
    const back = page.items.find((e) => e.id === ids.backdated)!;
    expect(back).toMatchObject({
      kind: 'concern',
      occurredAt: '2026-10-10T07:30:00Z',
      writtenAt: '2026-11-20T15:00:00.000Z',
      writtenBy: 'Психолог Тестова',
      summary: 'Дәлізде итеріп жіберді (кейін жазылды)',
      confidential: false,
    });
    expect(page.items.find((e) => e.id === ids.sameB)?.writtenBy).toBe('Әлеуметтік педагог');
    expect(page.items.find((e) => e.id === ids.system)?.writtenBy).toBeNull();
    const dated = await c.call('chronology.list', { pupilId: ids.dated! });
    expect(dated.items.map((e) => e.summary)).toEqual(['d4', 'd3', 'd2', 'd1']);
    expect(dated.items[2]?.occurredAt).toBe('2026-10-10');
    // the psychologist holds the confidential key: the note's text
    expect(page.items.find((e) => e.id === ids.noteConf)).toMatchObject({ confidential: true, summary: 'Құпия: баланың айтқаны' });
  });

  it('the director reads the protection summaries but a confidential entry only as "confidential note"', async () => {
    await loginAs(ADMIN.login);
    const page = await c.call('chronology.list', { pupilId: ids.own! });
    expect(page.total).toBe(7);
    expect(page.items.find((e) => e.id === ids.noteConf)).toMatchObject({ kind: 'case_note', confidential: true, summary: null, writtenBy: 'Психолог Тестова' });
    expect(page.items.find((e) => e.id === ids.opened)?.summary).toBe('Іс ашылды: буллинг');
    // and the ciphertext is really there: it is not a plaintext column left empty for the director
    const row = c.state.sqlite.prepare('SELECT summary_enc, confidential_enc FROM chronology WHERE id = ?').get(ids.noteConf) as { summary_enc: Buffer | null; confidential_enc: Buffer | null };
    expect(row.summary_enc).toBeNull();
    expect(row.confidential_enc?.includes(Buffer.from('баланың'))).toBe(false);
  });

  it('filters by kind, counts every kind regardless of the filter, and pages', async () => {
    await loginAs('psy');
    const f = await c.call('chronology.list', { pupilId: ids.own!, kinds: ['concern', 'case_opened'] });
    expect(f.items.map((e) => e.id)).toEqual([ids.opened, ids.backdated]);
    expect(f.total).toBe(2);
    expect(f.kinds).toEqual([
      { kind: 'pupil_added', count: 1 },
      { kind: 'concern', count: 1 },
      { kind: 'case_opened', count: 1 },
      { kind: 'case_note', count: 1 },
      { kind: 'task', count: 1 },
      { kind: 'contact', count: 1 },
      { kind: 'register_review', count: 1 },
    ]);
    const p1 = await c.call('chronology.list', { pupilId: ids.own!, page: 1, pageSize: 3 });
    expect(p1.items.map((e) => e.id)).toEqual([ids.noteConf, ids.opened, ids.backdated]);
    expect(p1.total).toBe(7);
    const none = await c.call('chronology.list', { pupilId: ids.empty! });
    expect(none).toEqual({ items: [], total: 0, kinds: [] });
    const missing = await c.try('chronology.list', { pupilId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
    const bad = await c.try('chronology.list', { pupilId: ids.own!, kinds: ['gossip' as 'concern'] });
    expect(bad.ok ? null : bad.error.code).toBe('validation');
  });

  it('a class teacher sees only the non-welfare kinds of their own pupils, without text; another class is refused', async () => {
    await loginAs('cls');
    const page = await c.call('chronology.list', { pupilId: ids.own! });
    expect(page.items.map((e) => e.id)).toEqual([ids.added]);
    expect(page.items[0]).toMatchObject({ kind: 'pupil_added', summary: null, confidential: false });
    expect(page.kinds).toEqual([{ kind: 'pupil_added', count: 1 }]);
    expect(page.total).toBe(1);
    // asking for a welfare kind gives nothing, not even a count
    const asked = await c.call('chronology.list', { pupilId: ids.own!, kinds: ['concern', 'case_note'] });
    expect(asked.items).toEqual([]);
    expect(asked.total).toBe(0);
    const before = lastAuditId();
    const other = await c.try('chronology.list', { pupilId: ids.other! });
    expect(other.ok ? null : other.error.code).toBe('auth.forbidden');
    const denied = c.state.sqlite.prepare('SELECT action, outcome, entity_id FROM audit_log WHERE id > ?').all(before);
    expect(denied).toEqual([{ action: 'chronology.list', outcome: 'denied', entity_id: ids.other }]);
  });

  it('an account with no pupil role (the administrator) is refused', async () => {
    await loginAs('itman');
    const r = await c.try('chronology.list', { pupilId: ids.own! });
    expect(r.ok ? null : r.error.code).toBe('auth.forbidden');
  });

  it('every read is an audited view of the pupil: the id, never the text', async () => {
    await loginAs('soc');
    const before = lastAuditId();
    await c.call('chronology.list', { pupilId: ids.own!, kinds: ['concern'] });
    const rows = c.state.sqlite.prepare('SELECT action, outcome, entity_type, entity_id, details FROM audit_log WHERE id > ?').all(before) as {
      action: string;
      outcome: string;
      entity_type: string;
      entity_id: string;
      details: string | null;
    }[];
    expect(rows).toEqual([{ action: 'chronology.list', outcome: 'ok', entity_type: 'pupil', entity_id: ids.own, details: null }]);
    const all = JSON.stringify(c.state.sqlite.prepare('SELECT * FROM audit_log').all());
    expect(all).not.toContain('итеріп');
  });

  it('a line the app composes is stored as a message and read in the reader’s language; typed text never becomes one', async () => {
    await loginAs('psy');
    const p = (await c.call('pupils.create', { lastName: 'Тілдік', firstName: 'Сынақ', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' })).id;
    const at = '2026-11-26T09:00:00Z';
    const stage = await write('psy', at, { pupilId: p, kind: 'case_stage', summary: { key: 'case_stage', case: 12, from: 'identified', to: 'assessment' } });
    const risk = await write('psy', at, { pupilId: p, kind: 'case_risk', summary: { key: 'case_risk', case: 12, from: 'low', to: 'high' } });
    const hearing = await write('psy', at, {
      pupilId: p,
      kind: 'hearing',
      summary: { key: 'hearing', minutes: 3, registerNumber: 'ПК-2026-0003', decisions: ['note', 'register_on'] },
    });
    const sent = await write('psy', at, {
      pupilId: p,
      kind: 'referral',
      summary: { key: 'referral_sent', case: 12, agencyType: 'psych_support', agencyName: 'Орталық №2', answerDueOn: '2026-12-10' },
    });
    // a concern quotes what a person typed: text shaped like a message stays that text
    const typed = JSON.stringify({ $msg: { key: 'case_stage', case: 1, from: 'plan', to: 'closed' } });
    const concern = await write('psy', at, { pupilId: p, kind: 'concern', summary: typed });
    // archived and restored through the app: its own lines too
    await c.call('pupils.archive', { id: p, reason: 'transferred', date: '2026-11-27' });
    await c.call('pupils.restore', { id: p });
    const archived = async () => (await c.call('chronology.list', { pupilId: p, kinds: ['pupil_archived'] })).items.map((e) => e.summary);
    // a message of another kind is refused when written
    await expect(write('psy', at, { pupilId: p, kind: 'concern', summary: { key: 'case_stage', case: 1, from: 'plan', to: 'closed' } })).rejects.toMatchObject({
      code: 'internal',
    });

    const read = async () => new Map((await c.call('chronology.list', { pupilId: p })).items.map((e) => [e.id, e.summary]));
    const kk = await read();
    expect(kk.get(stage)).toBe('№12: анықталды → бағалау');
    expect(kk.get(risk)).toBe('№12: төмен → жоғары');
    expect(kk.get(hearing)).toBe('Профилактика кеңесінде қаралды (хаттама № 3, ПК-2026-0003). Қаулы: мектепішілік есепке алу.');
    expect(kk.get(sent)).toBe('Жолдама (іс №12): психологиялық қолдау орталығы (Орталық №2) — жіберілді; жауап мерзімі 2026-12-10.');
    expect(kk.get(concern)).toBe(typed);
    expect((await archived()).sort()).toEqual(['Басқа мектепке кетті', 'Мұрағаттан қайтарылды']);

    await c.call('auth.setLanguage', { language: 'ru' });
    const ru = await read();
    expect(ru.get(stage)).toBe('№12: выявлен → оценка');
    expect(ru.get(risk)).toBe('№12: низкий → высокий');
    expect(ru.get(hearing)).toBe('Рассмотрен на Совете профилактики (протокол № 3, ПК-2026-0003). Решение: постановка на внутришкольный учёт.');
    expect(ru.get(sent)).toBe('Направление (дело №12): центр психологической поддержки (Орталық №2) — отправлено; срок ответа 2026-12-10.');
    expect(ru.get(concern)).toBe(typed);
    expect((await archived()).sort()).toEqual(['Возвращён из архива', 'Выбыл в другую школу']);
    // an entry written as text before messages reads as it was written, in either language
    expect((await c.call('chronology.list', { pupilId: ids.own!, kinds: ['case_opened'] })).items[0]?.summary).toBe('Іс ашылды: буллинг');
    await c.call('auth.setLanguage', { language: 'kk' });

    // the message is sealed like a summary: nothing of it is in the clear
    const row = c.state.sqlite.prepare('SELECT summary_enc FROM chronology WHERE id = ?').get(sent) as { summary_enc: Buffer };
    expect(row.summary_enc.includes(Buffer.from('Орталық'))).toBe(false);
    expect(row.summary_enc.includes(Buffer.from('referral_sent'))).toBe(false);
  });
});
