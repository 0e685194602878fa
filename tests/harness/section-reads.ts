/**
 * What each registered screen section reads first: the method its component calls on opening, the file it lives in,
 * and a real call of that method for a case and a pupil. `tests/unit/sections-access.test.ts` checks each section's
 * capability against that method's access in the registry; `tests/integration/sections-capabilities.test.ts` makes
 * the calls on a live core. A feature adding a section adds its line here (the unit test fails until it does).
 */
import type { MethodName } from '../../shared/api';
import type { Result } from '../../shared/errors';
import type { TestCore } from './core';

export interface SectionRead {
  method: MethodName;
  /** the component's file, from the repository root */
  file: string;
  /** the section's read for one case and one of its pupils, through the registry */
  call: (c: TestCore, ids: { caseId: string; pupilId: string }) => Promise<Result<unknown>>;
}

export const CASE_SECTION_READS: Record<string, SectionRead> = {
  bullying: { method: 'bullying.get', file: 'renderer/src/features/bullying/BullyingSection.tsx', call: (c, x) => c.try('bullying.get', { caseId: x.caseId }) },
  screening: { method: 'screening.forCase', file: 'renderer/src/features/screening/ScreeningSection.tsx', call: (c, x) => c.try('screening.forCase', { caseId: x.caseId }) },
  referrals: { method: 'referrals.forCase', file: 'renderer/src/features/referrals/ReferralsSection.tsx', call: (c, x) => c.try('referrals.forCase', { caseId: x.caseId }) },
  documents: { method: 'caseDocs.list', file: 'renderer/src/features/case-documents/CaseDocumentsSection.tsx', call: (c, x) => c.try('caseDocs.list', { caseId: x.caseId }) },
};

export const PUPIL_CARD_SECTION_READS: Record<string, SectionRead> = {
  guardians: { method: 'guardians.list', file: 'renderer/src/features/guardians/GuardiansSection.tsx', call: (c, x) => c.try('guardians.list', { pupilId: x.pupilId }) },
  register: { method: 'register.forPupil', file: 'renderer/src/features/register/PupilRegister.tsx', call: (c, x) => c.try('register.forPupil', { pupilId: x.pupilId }) },
  cases: { method: 'cases.forPupil', file: 'renderer/src/features/cases/CasesSection.tsx', call: (c, x) => c.try('cases.forPupil', { pupilId: x.pupilId }) },
  referrals: { method: 'referrals.list', file: 'renderer/src/features/referrals/PupilReferralsSection.tsx', call: (c, x) => c.try('referrals.list', { pupilId: x.pupilId }) },
  council: { method: 'council.pupilHearings', file: 'renderer/src/features/council/PupilHearingsSection.tsx', call: (c, x) => c.try('council.pupilHearings', { pupilId: x.pupilId }) },
  chronology: { method: 'chronology.list', file: 'renderer/src/features/pupils/card/Chronology.tsx', call: (c, x) => c.try('chronology.list', { pupilId: x.pupilId, page: 0, pageSize: 20 }) },
};
