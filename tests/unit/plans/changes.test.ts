import { describe, expect, it } from 'vitest';
import { diffSnapshots, type PlanSnapshot } from '../../../electron/core/plans/changes';

const item = (id: string, number: number, measureKk: string, sectionId = 's1'): PlanSnapshot['items'][number] => ({
  id,
  number,
  sectionId,
  measureKk,
  measureRu: '',
  completionFormKk: '',
  completionFormRu: '',
  deadlineKk: '',
  deadlineRu: '',
  dueMonths: [],
  dueDates: [],
  responsibleRoles: [],
  responsibleBodies: [],
  targetGroup: { grades: [], parents: false, teachers: false },
  costKk: '',
  costRu: '',
  fundingKk: '',
  fundingRu: '',
  frameworkItemIds: [],
});

const base: PlanSnapshot = {
  titleKk: 'Жоспар',
  titleRu: 'План',
  sections: [{ id: 's1', number: '1', titleKk: 'Бөлім', titleRu: 'Раздел' }],
  items: [item('a', 1, 'Бір'), item('b', 2, 'Екі'), item('c', 3, 'Үш')],
};

describe('what changed between two revisions', () => {
  it('is nothing for the same plan', () => {
    expect(diffSnapshots(base, base)).toEqual([]);
  });

  it('names added, removed and changed items with their fields, title and section changes, and a new order', () => {
    const after: PlanSnapshot = {
      titleKk: 'Жоспар 2',
      titleRu: 'План',
      sections: [{ id: 's1', number: '1', titleKk: 'Бөлім', titleRu: 'Раздел (жаңа)' }, { id: 's2', number: '2', titleKk: 'Жаңа', titleRu: '' }],
      items: [item('c', 1, 'Үш'), { ...item('a', 2, 'Бір!'), dueMonths: [10] }, item('d', 3, 'Төрт', 's2')],
    };
    expect(diffSnapshots(base, after)).toEqual([
      { kind: 'title_changed', ref: null, fields: ['titleKk'] },
      { kind: 'section_changed', ref: '1', fields: ['titleRu'] },
      { kind: 'section_added', ref: '2', fields: [] },
      { kind: 'item_changed', ref: '2', fields: ['measureKk', 'dueMonths'] },
      { kind: 'item_added', ref: '3', fields: [] },
      { kind: 'item_removed', ref: '2', fields: [] },
      { kind: 'order_changed', ref: null, fields: [] },
    ]);
  });
});
