/**
 * The concern intake key (electron/core/cases/intake.ts): made at set-up, so a class teacher can log a concern from
 * the first day; renewed when the protection compartment rotates (a psychologist who lost the role may keep the old
 * private key: authors seal to a new pair at once); concerns sealed to the old pair stay readable by the holders; the
 * author's session cannot open what it sealed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntakeOpener } from '../../../electron/core/cases/intake';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';

let c: TestCore;
const ids: Record<string, string> = {};

async function loginAs(login: string, password: string): Promise<void> {
  await c.call('auth.lock', {});
  await c.call('auth.login', { login, password });
}
function intakeRows(): { id: string; protection_epoch: number }[] {
  return c.state.sqlite.prepare('SELECT id, protection_epoch FROM concern_intake_keys ORDER BY protection_epoch').all() as { id: string; protection_epoch: number }[];
}

beforeAll(async () => {
  c = await createTestCore();
  await c.call('accounts.create', { login: 'cls', displayName: 'Жетекші', roles: ['class_teacher'], password: 'cls password 1' });
  await c.call('accounts.create', { login: 'psy', displayName: 'Психолог', roles: ['psychologist'], password: 'psy password 1' });
  // arranged directly: no holder may log in before the first test (pupils.create is the psychologist's)
  ids.pupil = '11111111-1111-4111-8111-111111111111';
  c.state.sqlite
    .prepare(`INSERT INTO pupils (id, last_name, first_name, middle_name, grade, class_letter, instruction_language, family_status, on_register, archived, created_at, updated_at)
              VALUES (?, 'Мысалов', 'Оқушы', '', 5, 'А', 'kk', '[]', 0, 0, '2026-09-01', '2026-09-01')`)
    .run(ids.pupil);
  for (const a of await c.call('accounts.list', {})) ids[a.login] = a.id;
});
afterAll(async () => {
  await c.cleanup();
});

const concern = (what: string) => ({ what, occurredAt: '2026-11-20', formOfHarm: 'neglect' as const, pupils: [{ pupilId: ids.pupil!, role: 'targeted' as const }] });

describe('the concern intake key', () => {
  it('exists from the set-up: a class teacher logs a concern before any holder logged in again', async () => {
    expect(intakeRows()).toEqual([expect.objectContaining({ protection_epoch: 0 })]);
    await loginAs('cls', 'cls password 1');
    ids.first = (await c.call('concerns.log', concern('Бірінші (тест)'))).id;
    // the author's own session cannot open what it sealed
    const opener = new IntakeOpener(c.state.db, c.state);
    const row = c.state.sqlite.prepare('SELECT intake_key_id, intake_sealed FROM concerns WHERE id = ?').get(ids.first) as { intake_key_id: string; intake_sealed: string };
    expect(await opener.open(ids.first, row.intake_key_id, row.intake_sealed)).toBeNull();
    opener.close();
  });

  it('a sealed content moved to another concern does not open (the AAD binds the concern id)', async () => {
    await loginAs('cls', 'cls password 1');
    ids.second = (await c.call('concerns.log', concern('Екінші (тест)'))).id;
    const first = c.state.sqlite.prepare('SELECT intake_sealed FROM concerns WHERE id = ?').get(ids.first) as { intake_sealed: string };
    await loginAs(ADMIN.login, ADMIN.password);
    const opener = new IntakeOpener(c.state.db, c.state);
    const key = intakeRows()[0]!.id;
    expect(await opener.open(ids.second, key, first.intake_sealed)).toBeNull();
    expect((await opener.open(ids.first!, key, first.intake_sealed))?.what).toBe('Бірінші (тест)');
    opener.close();
  });

  it('a rotation of protection (the psychologist loses the role) makes a new pair; older concerns stay readable', async () => {
    await loginAs(ADMIN.login, ADMIN.password);
    await c.call('accounts.update', { id: ids.psy!, roles: ['class_teacher'] });
    const rows = intakeRows();
    expect(rows.map((r) => r.protection_epoch)).toEqual([0, 1]);
    await loginAs('cls', 'cls password 1');
    const third = await c.call('concerns.log', concern('Үшінші (тест)'));
    const sealedTo = (c.state.sqlite.prepare('SELECT intake_key_id FROM concerns WHERE id = ?').get(third.id) as { intake_key_id: string }).intake_key_id;
    expect(sealedTo).toBe(rows[1]!.id);
    await loginAs(ADMIN.login, ADMIN.password);
    const inbox = await c.call('concerns.inbox', {});
    expect(inbox.map((x) => x.content?.what).sort()).toEqual(['Бірінші (тест)', 'Екінші (тест)', 'Үшінші (тест)']);
  });
});
