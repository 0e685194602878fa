/** Records the component tests share: one case with one pupil (override what a test needs). */
import type { CaseDetail } from '../../shared/cases';

export const CASE_ID = '8f7c1a52-5a0e-4f3b-9f57-8a4f2a3c9d11';
export const PUPIL_ID = '5b0f3c7e-2d1a-4e8b-9c6f-1a2b3c4d5e6f';

export function caseDetail(over: Partial<CaseDetail> = {}): CaseDetail {
  return {
    id: CASE_ID,
    number: 17,
    stage: 'assessment',
    risk: 'high',
    leadId: null,
    leadName: null,
    openedAt: '2026-11-02T10:00:00.000Z',
    updatedAt: '2026-11-02T10:00:00.000Z',
    title: 'Үзілістегі буллинг',
    formOfHarm: 'bullying',
    pupilCount: 1,
    openTasks: 0,
    closurePending: false,
    version: 4,
    summary: null,
    pupils: [{ pupilId: PUPIL_ID, lastName: 'Мысалова', firstName: 'Айша', grade: 7, classLetter: 'А', role: 'targeted' }],
    tasks: [],
    notes: [],
    contacts: [],
    concernIds: [],
    closure: null,
    closedAt: null,
    ...over,
  };
}
