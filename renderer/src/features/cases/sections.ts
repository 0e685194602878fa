/**
 * The sections of the case screen that a guided flow or a case document adds (bullying steps, a suicide-risk
 * screening and safety plan, referrals, documents). A feature adds one entry here with its own component; the case
 * screen renders, in this order, every entry whose `capability` the session holds and whose `shows` accepts the case,
 * between the case's course and its tasks. The capability is the core's answer (`capabilities.mine`) for the method
 * the section's component reads first, so the section shows exactly to the sessions that call may serve; the core
 * still checks access on every call. `tests/unit/sections-access.test.ts` checks each entry against the registry.
 */
import type { ComponentType } from 'react';
import type { CaseDetail } from '../../../../shared/cases';
import type { Capabilities, CapabilityName } from '../../../../shared/capabilities';
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
  /** who sees it: the sessions holding this capability (backed by the method the component reads first) */
  capability: CapabilityName;
  /** whether the section belongs on this case (e.g. the bullying steps only for bullying and cyberbullying) */
  shows: (c: CaseDetail) => boolean;
  component: ComponentType<CaseSectionProps>;
}

export const CASE_SECTIONS: CaseSection[] = [
  // the bullying / cyberbullying steps (Order 506, KiVa), the escalation to the council, the evidence
  { id: 'bullying', capability: 'bullyingRead', shows: (c) => c.formOfHarm === 'bullying' || c.formOfHarm === 'cyberbullying', component: BullyingSection },
  // ASQ screening and the safety plan: any case may need one (a worry can surface in any situation)
  { id: 'screening', capability: 'screeningRead', shows: () => true, component: ScreeningSection },
  // referrals to the services that must act (features/referrals): on every case, for the case readers
  { id: 'referrals', capability: 'caseReferralsRead', shows: () => true, component: ReferralsSection },
  // the case summary and the letter to parents (signed, registered welfare documents)
  { id: 'documents', capability: 'caseDocumentsRead', shows: () => true, component: CaseDocumentsSection },
];

/** The sections a session with these capabilities (null: not answered yet, none) sees on this case, in order. */
export function visibleCaseSections(sections: readonly CaseSection[], caps: Capabilities | null, c: CaseDetail): CaseSection[] {
  return sections.filter((s) => caps !== null && caps[s.capability] && s.shows(c));
}
