/**
 * Snapshots of an approved revision and the list of what changed between two revisions.
 */
import type { Plan, PlanChange, PlanItem } from '../../../shared/plans';

export interface PlanSnapshot {
  titleKk: string;
  titleRu: string;
  sections: { id: string; number: string; titleKk: string; titleRu: string }[];
  items: (Omit<PlanItem, 'position' | 'frameworkLinks'> & { frameworkItemIds: string[] })[];
}

export function snapshotOf(plan: Plan): PlanSnapshot {
  return {
    titleKk: plan.titleKk,
    titleRu: plan.titleRu,
    sections: plan.sections.map((s) => ({ id: s.id, number: s.number, titleKk: s.titleKk, titleRu: s.titleRu })),
    items: plan.items.map(({ position: _p, frameworkLinks, ...rest }) => ({
      ...rest,
      frameworkItemIds: frameworkLinks.map((l) => l.frameworkItemId).sort(),
    })),
  };
}

const ITEM_FIELDS = [
  'measureKk',
  'measureRu',
  'completionFormKk',
  'completionFormRu',
  'deadlineKk',
  'deadlineRu',
  'dueMonths',
  'dueDates',
  'responsibleRoles',
  'responsibleBodies',
  'targetGroup',
  'costKk',
  'costRu',
  'fundingKk',
  'fundingRu',
  'frameworkItemIds',
  'sectionId',
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What changed from `before` (the last approved revision) to `after` (the draft). */
export function diffSnapshots(before: PlanSnapshot, after: PlanSnapshot): PlanChange[] {
  const changes: PlanChange[] = [];
  const titleFields = [
    ...(before.titleKk !== after.titleKk ? ['titleKk'] : []),
    ...(before.titleRu !== after.titleRu ? ['titleRu'] : []),
  ];
  if (titleFields.length > 0) changes.push({ kind: 'title_changed', ref: null, fields: titleFields });

  const oldSections = new Map(before.sections.map((s) => [s.id, s]));
  const newSections = new Map(after.sections.map((s) => [s.id, s]));
  for (const s of after.sections) {
    const o = oldSections.get(s.id);
    if (!o) changes.push({ kind: 'section_added', ref: s.number, fields: [] });
    else {
      const fields = (['titleKk', 'titleRu'] as const).filter((f) => o[f] !== s[f]);
      if (fields.length > 0) changes.push({ kind: 'section_changed', ref: s.number, fields: [...fields] });
    }
  }
  for (const s of before.sections) if (!newSections.has(s.id)) changes.push({ kind: 'section_removed', ref: s.number, fields: [] });

  const oldItems = new Map(before.items.map((i) => [i.id, i]));
  const newItems = new Map(after.items.map((i) => [i.id, i]));
  let reordered = false;
  for (const i of after.items) {
    const o = oldItems.get(i.id);
    if (!o) {
      changes.push({ kind: 'item_added', ref: String(i.number), fields: [] });
      continue;
    }
    const fields = ITEM_FIELDS.filter((f) => !same(o[f], i[f]));
    if (fields.length > 0) changes.push({ kind: 'item_changed', ref: String(i.number), fields: [...fields] });
  }
  for (const i of before.items) if (!newItems.has(i.id)) changes.push({ kind: 'item_removed', ref: String(i.number), fields: [] });
  // order: the kept items' relative order differs
  const keptBefore = before.items.filter((i) => newItems.has(i.id)).map((i) => i.id);
  const keptAfter = after.items.filter((i) => oldItems.has(i.id)).map((i) => i.id);
  if (!same(keptBefore, keptAfter)) reordered = true;
  const keptSecBefore = before.sections.filter((s) => newSections.has(s.id)).map((s) => s.id);
  const keptSecAfter = after.sections.filter((s) => oldSections.has(s.id)).map((s) => s.id);
  if (!same(keptSecBefore, keptSecAfter)) reordered = true;
  if (reordered) changes.push({ kind: 'order_changed', ref: null, fields: [] });
  return changes;
}
