import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../harness/core';

let c: TestCore | null = null;
afterEach(async () => {
  await c?.cleanup();
  c = null;
});

async function withEntries(): Promise<TestCore> {
  const core = await createTestCore();
  const a = await core.call('accounts.create', { login: 'soc', displayName: 'Әлеуметтік педагог', roles: ['social_pedagogue'], password: 'soc password 1' });
  await core.call('accounts.get', { id: a.id });
  await core.call('accounts.update', { id: a.id, roles: ['social_pedagogue', 'class_teacher'] });
  await core.call('settings.update', { idleLockMinutes: 15 });
  return core;
}

/** Tamper like an attacker with the key would: drop the append-only triggers first. */
function dropTriggers(core: TestCore): void {
  core.state.sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

describe('audit log', () => {
  it('records every write, the sensitive read and the login through the registry, with a valid chain', async () => {
    c = await withEntries();
    const page = await c.call('audit.list', { pageSize: 50 });
    expect(page.items.map((i) => i.action).reverse()).toEqual([
      'auth.setup',
      'accounts.create',
      'accounts.get',
      'accounts.update',
      'settings.update',
    ]);
    const get = page.items.find((i) => i.action === 'accounts.get');
    expect(get?.entityType).toBe('account');
    expect(get?.entityId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await c.call('audit.verify', {})).toEqual({ ok: true, checked: 5, firstBrokenId: null, reason: null, lastId: 5, headId: 5, macFrom: 1, problems: [] });
  });

  it('is append-only in the DB itself', async () => {
    c = await withEntries();
    expect(() => c!.state.sqlite.prepare(`UPDATE audit_log SET action = 'x' WHERE id = 2`).run()).toThrow(/append-only/);
    expect(() => c!.state.sqlite.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(/append-only/);
  });

  it('finds an edited entry', async () => {
    c = await withEntries();
    dropTriggers(c);
    c.state.sqlite.prepare(`UPDATE audit_log SET outcome = 'denied' WHERE id = 3`).run();
    expect(await c.call('audit.verify', {})).toMatchObject({ ok: false, firstBrokenId: 3, reason: 'edited' });
  });

  it('finds an entry edited with its hash recomputed (the next link breaks)', async () => {
    c = await withEntries();
    dropTriggers(c);
    c.state.sqlite.prepare(`UPDATE audit_log SET hash = '${'a'.repeat(64)}' WHERE id = 2`).run();
    expect(await c.call('audit.verify', {})).toMatchObject({ ok: false, firstBrokenId: 2, reason: 'edited' });
  });

  it('finds a deleted entry, and a deleted newest entry', async () => {
    c = await withEntries();
    dropTriggers(c);
    c.state.sqlite.prepare('DELETE FROM audit_log WHERE id = 3').run();
    expect(await c.call('audit.verify', {})).toMatchObject({ ok: false, firstBrokenId: 4, reason: 'deleted' });
    await c.cleanup();
    c = await withEntries();
    dropTriggers(c);
    c.state.sqlite.prepare('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)').run();
    expect(await c.call('audit.verify', {})).toMatchObject({ ok: false, reason: 'head_mismatch' });
  });

  it('pages and filters in SQL', async () => {
    c = await withEntries();
    const p0 = await c.call('audit.list', { page: 0, pageSize: 2 });
    const p1 = await c.call('audit.list', { page: 1, pageSize: 2 });
    expect(p0.total).toBe(5);
    expect(p0.items).toHaveLength(2);
    expect(p1.items[0]!.id).toBeLessThan(p0.items[1]!.id);
    expect((await c.call('audit.list', { action: 'accounts.get' })).total).toBe(1);
    expect(await c.call('audit.actions', {})).toContain('settings.update');
  });
});
