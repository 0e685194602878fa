import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/plans';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';

let c: TestCore;
beforeAll(async () => {
  c = await createTestCore();
  await c.call('accounts.create', { login: 'deputy', displayName: 'Орынбасар', roles: ['deputy_director'], password: 'deputy password 1' });
});
afterAll(async () => {
  await c.cleanup();
});

async function as(login: 'director' | 'deputy'): Promise<void> {
  await c.call('auth.lock', {});
  await c.call('auth.login', login === 'director' ? { login: ADMIN.login, password: ADMIN.password } : { login: 'deputy', password: 'deputy password 1' });
}

async function decree748ItemId(number: string): Promise<string> {
  const fw = await c.call('frameworks.get', { code: 'decree-748' });
  const it = fw.items.find((i) => i.number === number);
  if (!it) throw new Error(`no item ${number}`);
  return it.id;
}

const SEED_TITLE =
  'Қарасақал Ерімбет атындағы №96 мектеп бойынша зорлық-зомбылық, буллинг, кибербуллинг, аутодеструктивті мінез-құлықтың, оқушы өмірінде кездесетін қиын жағдайлардың алдын алуға бағытталған бірлескен жұмыс жоспары';

describe('a plan from the template', () => {
  let plan: Plan;
  it('covers Order 506 awareness for pupils, teachers and parents every quarter and links Decree 748 items', async () => {
    plan = await c.call('plans.create', { academicYear: 2025, from: { kind: 'template' } });
    expect(plan.titleKk).toBe(SEED_TITLE);
    expect(plan.status).toBe('draft');
    expect(plan.revision).toBe(1);
    expect(plan.sections.map((s) => s.number)).toEqual(['1', '2', '3', '4']);
    expect(plan.items.map((i) => i.number)).toEqual(plan.items.map((_, k) => k + 1));
    const quarterly = (pred: (i: Plan['items'][number]) => boolean) =>
      plan.items.filter(pred).some((i) => [[9, 10], [11, 12], [1, 2, 3], [4, 5]].every((q) => q.some((m) => i.dueMonths.includes(m))));
    expect(quarterly((i) => i.targetGroup.grades.length > 0)).toBe(true);
    expect(quarterly((i) => i.targetGroup.teachers)).toBe(true);
    expect(quarterly((i) => i.targetGroup.parents)).toBe(true);
    const linked8 = plan.items.filter((i) => i.frameworkLinks.some((l) => l.frameworkCode === 'decree-748' && l.number === '8'));
    expect(linked8.some((i) => i.measureKk.includes('KiVa'))).toBe(true);
  });

  it('numbers items automatically through sections and subsections, and reorders', async () => {
    const s2 = plan.sections[1]!;
    plan = await c.call('plans.addSection', { planId: plan.id, parentId: s2.id, titleKk: 'Қосымша шаралар', titleRu: 'Дополнительные меры' });
    const sub = plan.sections.find((s) => s.parentId === s2.id)!;
    expect(sub.number).toBe('2.1');
    const item8 = await decree748ItemId('8');
    plan = await c.call('plans.addItem', {
      sectionId: sub.id,
      fields: {
        measureKk: 'KiVa негізіндегі буллингтің алдын алу бағдарламасы бойынша сабақ',
        measureRu: 'Занятие по программе профилактики буллинга на основе KiVa',
        dueMonths: [11],
        responsibleRoles: ['psychologist'],
        responsibleBodies: ['ЖАО'],
        frameworkItemIds: [item8],
      },
    });
    const added = plan.items.find((i) => i.measureKk.startsWith('KiVa негізіндегі'))!;
    const lastOfS2 = plan.items.filter((i) => i.sectionId === s2.id).at(-1)!;
    // the subsection's items follow the section's own items, and everything after shifts by one
    expect(added.number).toBe(lastOfS2.number + 1);
    expect(added.frameworkLinks).toEqual([{ frameworkItemId: item8, frameworkCode: 'decree-748', number: '8' }]);
    const first = plan.items[0]!;
    plan = await c.call('plans.moveItem', { id: first.id, sectionId: first.sectionId, toIndex: 2 });
    expect(plan.items.find((i) => i.id === first.id)!.number).toBe(3);
    expect(plan.items.map((i) => i.number)).toEqual(plan.items.map((_, k) => k + 1));
    const s4 = plan.sections.find((s) => s.number === '4')!;
    plan = await c.call('plans.moveSection', { id: s4.id, toIndex: 0 });
    expect(plan.sections.find((s) => s.id === s4.id)!.number).toBe('1');
    expect(plan.items[0]!.sectionId).toBe(s4.id);
  });

  it('lets only the director approve, then refuses every change through the registry', async () => {
    await as('deputy');
    const denied = await c.try('plans.approve', { id: plan.id, approvedOn: '2025-09-01' });
    expect(denied.ok ? null : denied.error.code).toBe('auth.forbidden');
    await as('director');
    plan = await c.call('plans.approve', { id: plan.id, approvedOn: '2025-09-01' });
    expect(plan.status).toBe('approved');
    expect(plan.approvals).toHaveLength(1);
    expect(plan.approvals[0]).toMatchObject({ revision: 1, approverName: 'М.Қаншев', approvedOn: '2025-09-01', changes: [] });
    const item = plan.items[0]!;
    const attempts = await Promise.all([
      c.try('plans.updateItem', { id: item.id, fields: { measureKk: 'өзгерген' } }),
      c.try('plans.addItem', { sectionId: item.sectionId, fields: { measureKk: 'жаңа' } }),
      c.try('plans.deleteItem', { id: item.id }),
      c.try('plans.moveItem', { id: item.id, sectionId: item.sectionId, toIndex: 5 }),
      c.try('plans.update', { id: plan.id, titleKk: 'Басқа атау' }),
      c.try('plans.addSection', { planId: plan.id, titleKk: 'Жаңа бөлім', titleRu: '' }),
      c.try('plans.updateSection', { id: plan.sections[0]!.id, titleKk: 'x' }),
      c.try('plans.deleteSection', { id: plan.sections[0]!.id }),
      c.try('plans.delete', { id: plan.id }),
      c.try('plans.approve', { id: plan.id, approvedOn: '2025-09-02' }),
    ]);
    expect(attempts.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(Array(10).fill('plans.locked'));
    const after = await c.call('plans.get', { id: plan.id });
    expect(JSON.stringify(after.items)).toBe(JSON.stringify(plan.items));
    const audit = await c.call('audit.list', { action: 'plans.updateItem' });
    expect(audit.items[0]).toMatchObject({ outcome: 'failed', entityId: item.id });
  });

  it('makes a change after approval revision N+1 and lists what changed', async () => {
    plan = await c.call('plans.startRevision', { id: plan.id });
    expect(plan).toMatchObject({ status: 'draft', revision: 2 });
    const [a, b] = plan.items;
    plan = await c.call('plans.updateItem', { id: a!.id, fields: { deadlineKk: 'қазан', deadlineRu: 'октябрь', dueMonths: [10] } });
    plan = await c.call('plans.deleteItem', { id: b!.id });
    plan = await c.call('plans.addItem', { sectionId: a!.sectionId, fields: { measureKk: 'Жаңа іс-шара', measureRu: 'Новое мероприятие' } });
    const pending = await c.call('plans.pendingChanges', { id: plan.id });
    expect(pending.map((ch) => ch.kind).sort()).toEqual(['item_added', 'item_changed', 'item_removed', 'order_changed'].filter((k) => pending.some((p) => p.kind === k)).sort());
    expect(pending.find((ch) => ch.kind === 'item_changed')).toMatchObject({ ref: '1', fields: ['deadlineKk', 'deadlineRu', 'dueMonths'] });
    expect(pending.find((ch) => ch.kind === 'item_removed')?.ref).toBe('2');
    expect(pending.some((ch) => ch.kind === 'item_added')).toBe(true);
    plan = await c.call('plans.approve', { id: plan.id, approvedOn: '2025-10-05' });
    expect(plan.approvals.map((x) => x.revision)).toEqual([1, 2]);
    expect(plan.approvals[1]!.changes).toEqual(pending);
    expect(plan.approvedOn).toBe('2025-10-05');
  });

  it('copies last year\'s plan into a new draft with the same items and links', async () => {
    const copy = await c.call('plans.create', { academicYear: 2026, from: { kind: 'copy' } });
    expect(copy).toMatchObject({ academicYear: 2026, status: 'draft', revision: 1, titleKk: plan.titleKk });
    expect(copy.items.map((i) => [i.number, i.measureKk, i.frameworkLinks.map((l) => l.number)])).toEqual(
      plan.items.map((i) => [i.number, i.measureKk, i.frameworkLinks.map((l) => l.number)]),
    );
    expect(copy.sections.map((s) => s.number)).toEqual(plan.sections.map((s) => s.number));
    expect(copy.items[0]!.id).not.toBe(plan.items[0]!.id);
    const list = await c.call('plans.list', {});
    expect(list.map((p) => p.academicYear)).toEqual([2026, 2025]);
    const none = await c.try('plans.create', { academicYear: 2020, from: { kind: 'copy' } });
    expect(none.ok ? null : none.error.code).toBe('not_found');
  });
});
