import { describe, expect, it } from 'vitest';
import { addedId, buildRows, editingRowKey, moveTargets, type Row } from '../../../renderer/src/features/plans/editorRows';
import { EMPTY_ITEM_FIELDS, type PlanItem, type PlanSection } from '../../../shared/plans';

const section = (id: string, parentId: string | null, position: number, number: string): PlanSection => ({
  id,
  parentId,
  position,
  number,
  titleKk: `Бөлім ${number}`,
  titleRu: `Раздел ${number}`,
});
const item = (id: string, sectionId: string, position: number, number: number): PlanItem => {
  const { frameworkItemIds: _links, ...fields } = EMPTY_ITEM_FIELDS;
  return { ...fields, id, sectionId, position, number, frameworkLinks: [] };
};

/** A plan as the core sends it: rows in no particular order. */
const plan = {
  sections: [section('s2', null, 1, '2'), section('s21', 's2', 0, '2.1'), section('s1', null, 0, '1'), section('s22', 's2', 1, '2.2')],
  items: [item('b', 's1', 1, 2), item('a', 's1', 0, 1), item('c', 's21', 0, 3)],
};

const keys = (rows: Row[]) => rows.map((r) => r.key);

describe('plan editor rows', () => {
  it('orders sections by position, each followed by its items in order, an add row, then its subsections', () => {
    expect(keys(buildRows(plan, true))).toEqual(['s-s1', 'i-a', 'i-b', 'a-s1', 's-s2', 'a-s2', 's-s21', 'i-c', 'a-s21', 's-s22', 'a-s22']);
  });

  it('has no add rows in a plan that cannot be edited', () => {
    expect(keys(buildRows(plan, false))).toEqual(['s-s1', 'i-a', 'i-b', 's-s2', 's-s21', 'i-c', 's-s22']);
  });

  it('gives each section its depth and place among its siblings, each item its place in its section', () => {
    const rows = buildRows(plan, false);
    const at = (key: string) => rows.find((r) => r.key === key);
    expect(at('s-s1')).toMatchObject({ depth: 0, index: 0, siblings: 2 });
    expect(at('s-s2')).toMatchObject({ depth: 0, index: 1, siblings: 2 });
    expect(at('s-s22')).toMatchObject({ depth: 1, index: 1, siblings: 2 });
    expect(at('i-b')).toMatchObject({ index: 1, count: 2 });
    expect(at('i-c')).toMatchObject({ index: 0, count: 1 });
  });

  it('is empty for an empty plan', () => {
    expect(buildRows({ sections: [], items: [] }, true)).toEqual([]);
  });

  it('moves the first row only down, the last only up, a lone row nowhere', () => {
    expect(moveTargets(0, 3)).toEqual({ up: null, down: 1 });
    expect(moveTargets(1, 3)).toEqual({ up: 0, down: 2 });
    expect(moveTargets(2, 3)).toEqual({ up: 1, down: null });
    expect(moveTargets(0, 1)).toEqual({ up: null, down: null });
  });

  it('finds the row the core has just added (to open it for editing), and none after a delete', () => {
    expect(addedId(plan.items, [...plan.items, item('d', 's22', 0, 4)])).toBe('d');
    expect(addedId(plan.items, plan.items.slice(1))).toBeNull();
  });

  it('brings the edited item into view before the edited section', () => {
    expect(editingRowKey('a', 's1')).toBe('i-a');
    expect(editingRowKey(null, 's1')).toBe('s-s1');
    expect(editingRowKey(null, null)).toBeNull();
  });
});
