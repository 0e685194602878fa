/**
 * The plan editor's rows, as pure logic (tested in tests/unit/plans/editor-rows.test.ts): sections in order with
 * their depth, each section's items in order, an "add an item" row under each section while the plan can be
 * edited, then its subsections; where a row can move to; which row was just added; which row is being edited.
 */
import type { Plan, PlanItem, PlanSection } from '../../../../shared/plans';

/** One row of the editor's table (a section's heading, an item, or the button that adds an item to a section). */
export type Row =
  | { kind: 'section'; key: string; section: PlanSection; depth: number; index: number; siblings: number }
  | { kind: 'item'; key: string; item: PlanItem; section: PlanSection; index: number; count: number }
  | { kind: 'add'; key: string; section: PlanSection; depth: number };


export function buildRows(plan: Pick<Plan, 'sections' | 'items'>, editable: boolean): Row[] {
  const byParent = new Map<string | null, PlanSection[]>();
  for (const s of plan.sections) {
    const list = byParent.get(s.parentId) ?? [];
    list.push(s);
    byParent.set(s.parentId, list);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.position - b.position);
  const itemsBySection = new Map<string, PlanItem[]>();
  for (const i of plan.items) {
    const list = itemsBySection.get(i.sectionId) ?? [];
    list.push(i);
    itemsBySection.set(i.sectionId, list);
  }
  for (const list of itemsBySection.values()) list.sort((a, b) => a.position - b.position);
  const rows: Row[] = [];
  const visit = (s: PlanSection, depth: number, index: number, siblings: number) => {
    rows.push({ kind: 'section', key: `s-${s.id}`, section: s, depth, index, siblings });
    const items = itemsBySection.get(s.id) ?? [];
    items.forEach((item, i) => rows.push({ kind: 'item', key: `i-${item.id}`, item, section: s, index: i, count: items.length }));
    if (editable) rows.push({ kind: 'add', key: `a-${s.id}`, section: s, depth });
    const children = byParent.get(s.id) ?? [];
    children.forEach((c, i) => visit(c, depth + 1, i, children.length));
  };
  const top = byParent.get(null) ?? [];
  top.forEach((s, i) => visit(s, 0, i, top.length));
  return rows;
}

/** Where a row at `index` of `count` siblings moves with the up and down buttons (null: it cannot). */
export function moveTargets(index: number, count: number): { up: number | null; down: number | null } {
  return { up: index > 0 ? index - 1 : null, down: index < count - 1 ? index + 1 : null };
}

/** The id that is in `after` but not in `before` (the section or item the core has just added), or null. */
export function addedId(before: readonly { id: string }[], after: readonly { id: string }[]): string | null {
  const known = new Set(before.map((x) => x.id));
  return after.find((x) => !known.has(x.id))?.id ?? null;
}

/** The key of the row being edited (an item first), to bring it into view; null when nothing is. */
export function editingRowKey(item: string | null, section: string | null): string | null {
  return item ? `i-${item}` : section ? `s-${section}` : null;
}
