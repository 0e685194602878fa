/**
 * Case task titles (migration 0018, cases/task-titles.ts): sealed to `protection` and to the owner's own key pair,
 * the plain column empty. The owner (a class teacher, no compartment) reads their task; another class teacher
 * reads nothing, in the app or offline with their password; the owner's password opens only the owner's copy.
 * Titles written before 0018 are sealed at a holder's next unlock; after the owner's password reset (a new key
 * pair) the owner's copy is sealed again at a holder's unlock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import { cellsContaining, dumpAll, openFieldBlob, openSealedTo, steal, stealAccountKey, type RawKeyring } from '../compartments/attacker';

const PSY = { login: 'psy', password: 'psy password 1' };
const OWNER = { login: 'owner', password: 'owner password 1' };
const OTHER = { login: 'other', password: 'other password 1' };
const TITLE = 'Аружанның анасымен үйде кездесу';
const OLD_TITLE = 'Ескі тапсырма: Данияр туралы';

let c: TestCore;
let ownerId = '';
let taskId = '';

const keyringOf = () => JSON.parse(fs.readFileSync(path.join(c.dataDir, 'keyring.json'), 'utf8')) as RawKeyring;
const taskRow = (id: string) => c.state.sqlite.prepare('SELECT title, title_enc, title_own FROM case_tasks WHERE id = ?').get(id) as { title: string; title_enc: Buffer | null; title_own: string | null };

async function loginAs(who: { login: string; password: string }): Promise<void> {
  await c.call('auth.lock', {});
  await c.call('auth.login', { login: who.login, password: who.password });
}

beforeAll(async () => {
  c = await createTestCore();
  c.platform.setNow(new Date('2026-11-30T09:00:00'));
  await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
  await c.call('accounts.create', { ...PSY, displayName: 'Педагог-психолог', roles: ['psychologist'] });
  ownerId = (await c.call('accounts.create', { ...OWNER, displayName: 'Сынып жетекшісі', roles: ['class_teacher'] })).id;
  await c.call('accounts.create', { ...OTHER, displayName: 'Басқа мұғалім', roles: ['class_teacher'] });
  // the owner signs in once: the owner's key pair is in the keyring from then on
  await loginAs(OWNER);
  await loginAs(PSY);
  const pupilId = (await c.call('pupils.create', { lastName: 'Мысалова', firstName: 'Аружан', grade: 7, classLetter: 'Ә', instructionLanguage: 'kk' })).id;
  const kase = await c.call('cases.create', { title: 'Буллинг', formOfHarm: 'bullying', risk: 'medium', pupils: [{ pupilId, role: 'targeted' }] });
  const withTask = await c.call('cases.addTask', { caseId: kase.id, version: kase.version, title: TITLE, dueOn: '2026-12-10', ownerId });
  taskId = withTask.tasks[0]!.id;
  expect(withTask.tasks[0]!.title).toBe(TITLE);
  // a task written before 0018: plain title, no sealed copies
  c.state.sqlite
    .prepare(`INSERT INTO case_tasks (id, case_id, title, due_on, owner_id, created_at, version) VALUES ('old-task', ?, ?, '2026-12-12', ?, ?, 1)`)
    .run(kase.id, OLD_TITLE, ownerId, new Date().toISOString());
}, 120_000);
afterAll(async () => c?.cleanup());

describe('case task titles', () => {
  it('are stored sealed: the plain column is empty, both copies present', () => {
    const r = taskRow(taskId);
    expect(r.title).toBe('');
    expect(r.title_enc).not.toBeNull();
    expect(r.title_own).not.toBeNull();
    expect(r.title_own).not.toContain('Аружан');
  });

  it('an older plain title is sealed at a holder’s unlock, not a non-holder’s; the owner reads both, another teacher neither', async () => {
    await loginAs(OTHER);
    expect(taskRow('old-task').title).toBe(OLD_TITLE);
    expect(await c.call('cases.myTasks', {})).toEqual([]);
    await loginAs(PSY);
    expect(taskRow('old-task')).toMatchObject({ title: '' });
    expect(taskRow('old-task').title_own).not.toBeNull();
    await loginAs(OWNER);
    expect((await c.call('cases.myTasks', {})).map((t) => t.title).sort()).toEqual([OLD_TITLE, TITLE].sort());
    // the owner's work list shows the titles too
    const mine = await c.call('worklists.list', { list: 'open', scope: 'mine' });
    expect(mine.items.map((i) => i.title)).toContain(TITLE);
    // the owner, holding no protection, is not told which child the case is about
    expect(mine.items.filter((i) => i.kind === 'case_task').map((i) => i.pupil)).toEqual([null, null]);
  });

  it('the school’s work list names the case’s pupil to a case reader', async () => {
    await loginAs(PSY);
    const school = await c.call('worklists.list', { list: 'open', scope: 'school' });
    const tasks = school.items.filter((i) => i.kind === 'case_task');
    expect(tasks).toHaveLength(2);
    for (const t of tasks) expect(t.pupil).toMatchObject({ lastName: 'Мысалова', firstName: 'Аружан', grade: 7, classLetter: 'Ә' });
  });

  it('offline: another teacher’s password reads no title; the owner’s opens only the owner’s copy; a holder’s the protection copy', async () => {
    await c.call('auth.lock', {});
    const other = steal(keyringOf(), OTHER.login, OTHER.password);
    const dump = dumpAll(path.join(c.dataDir, 'qorgan.db'), other.base[0]!)!;
    expect(cellsContaining(dump, ['Аружанның анасымен', 'Ескі тапсырма', 'Данияр'])).toEqual([]);
    const row = dump.case_tasks!.find((r) => r.id === taskId)!;
    const sealed = JSON.parse(String(row.title_own)) as { ephemeral: string; nonce: string; sealed: string; tag: string };
    const aad = `qorgan-task-title-v1:${taskId}:${ownerId}`;
    expect(openSealedTo(stealAccountKey(keyringOf(), OTHER.login, OTHER.password)!, sealed, aad)).toBeNull();
    expect(openSealedTo(stealAccountKey(keyringOf(), OWNER.login, OWNER.password)!, sealed, aad)?.toString('utf8')).toBe(TITLE);
    const protection = steal(keyringOf(), PSY.login, PSY.password).compartments.find((k) => k.name === 'protection')!;
    expect(openFieldBlob(protection, 'case_tasks', taskId, 'title_enc', row.title_enc as Uint8Array)).toBe(JSON.stringify(TITLE));
    await c.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
  });

  it('after the owner’s password reset (a new key pair) the owner’s copy is sealed again at a holder’s unlock', async () => {
    const before = taskRow(taskId).title_own;
    await c.call('accounts.resetPassword', { id: ownerId, newPassword: 'one-time password 9' });
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: OWNER.login, password: 'one-time password 9', newPassword: 'owner password 2' });
    // the new pair does not open the old copy: the title is hidden until a holder seals it again
    expect((await c.call('cases.myTasks', {})).find((t) => t.id === taskId)?.title).toBe('');
    await loginAs(PSY);
    expect(taskRow(taskId).title_own).not.toBe(before);
    await loginAs({ login: OWNER.login, password: 'owner password 2' });
    expect((await c.call('cases.myTasks', {})).find((t) => t.id === taskId)?.title).toBe(TITLE);
  });
});
