/**
 * The sections of the case screen that a guided flow or a case document adds (bullying steps, a suicide-risk
 * screening and safety plan, referrals, documents). A feature adds one entry here with its own component; the case
 * screen renders, in this order, every entry whose `roles` the session holds and whose `shows` accepts the case,
 * between the case's course and its tasks. The core checks access on every call; `roles` and `shows` only decide
 * whether the section is on screen.
 */
import type { ComponentType } from 'react';
import type { CaseDetail } from '../../../../shared/cases';
import { CASE_READERS, REFERRAL_READERS, SCREENING_READERS } from '../../../../shared/permissions';
import type { Role } from '../../../../shared/roles';
import { BullyingSection } from '../bullying/BullyingSection';
import { ScreeningSection } from '../screening/ScreeningSection';
import { ReferralsSection } from '../referrals/ReferralsSection';
import { CaseDocumentsSection } from '../case-documents/CaseDocumentsSection';

export interface CaseSectionProps {
  c: CaseDetail;
  /** the session may work the case (a case worker, and the case is not closed) */
  canWork: boolean;
}

export interface CaseSection {
  id: string;
  roles: 'all' | readonly Role[];
  /** whether the section belongs on this case (e.g. the bullying steps only for bullying and cyberbullying) */
  shows: (c: CaseDetail) => boolean;
  component: ComponentType<CaseSectionProps>;
}

export const CASE_SECTIONS: CaseSection[] = [
  // the bullying / cyberbullying steps (Order 506, KiVa), the escalation to the council, the evidence
  { id: 'bullying', roles: CASE_READERS, shows: (c) => c.formOfHarm === 'bullying' || c.formOfHarm === 'cyberbullying', component: BullyingSection },
  // ASQ screening and the safety plan: any case may need one (a worry can surface in any situation)
  { id: 'screening', roles: SCREENING_READERS, shows: () => true, component: ScreeningSection },
  // referrals to the services that must act (features/referrals): on every case, for the case readers
  { id: 'referrals', roles: REFERRAL_READERS, shows: () => true, component: ReferralsSection },
  // the case summary and the letter to parents (signed, registered welfare documents)
  { id: 'documents', roles: CASE_READERS, shows: () => true, component: CaseDocumentsSection },
];
