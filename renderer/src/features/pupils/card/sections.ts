/**
 * The sections of the pupil card, in the order shown. A feature that keeps something about a pupil (guardians,
 * register, cases, council hearings, documents) adds one entry here with its own component; the card renders them
 * above the chronology. A section shows to the sessions holding its `capability`: the core's answer
 * (`capabilities.mine`) for the method its component reads first, so the card cannot drift from the registry; the
 * core still checks access on every call. `tests/unit/sections-access.test.ts` checks each entry against the registry.
 */
import type { ComponentType } from 'react';
import type { CapabilityName } from '../../../../../shared/capabilities';
import { GuardiansSection } from '../../guardians/GuardiansSection';
import { PupilHearingsSection } from '../../council/PupilHearingsSection';
import { RegisterSection } from '../../register/RegisterSection';
import { CasesSection } from '../../cases/CasesSection';
import { PupilReferralsSection } from '../../referrals/PupilReferralsSection';

export interface PupilCardSection {
  id: string;
  /** i18n key of the section title */
  labelKey: string;
  /** who sees it: the sessions holding this capability (backed by the method the component reads first) */
  capability: CapabilityName;
  component: ComponentType<{ pupilId: string; archived: boolean }>;
}

export const PUPIL_CARD_SECTIONS: PupilCardSection[] = [
  // every pupil reader (class teachers of the pupil's class too: they call parents); the core strips the
  // protection fields for those without the compartment
  { id: 'guardians', labelKey: 'guardians.title', capability: 'guardiansRead', component: GuardiansSection },
  // the intra-school register: entries, reviews, the individual prevention plan
  { id: 'register', labelKey: 'nav.register', capability: 'pupilRegisterRead', component: RegisterSection },
  // concerns and cases the pupil is part of, with their role
  { id: 'cases', labelKey: 'cases.section', capability: 'pupilCasesRead', component: CasesSection },
  // referrals of the pupil to outside services, each opening its case
  { id: 'referrals', labelKey: 'referrals.title', capability: 'referralsRead', component: PupilReferralsSection },
  // the prevention council's hearings of the pupil and its decisions about them
  { id: 'council', labelKey: 'council.cardTitle', capability: 'councilPupilRead', component: PupilHearingsSection },
];
