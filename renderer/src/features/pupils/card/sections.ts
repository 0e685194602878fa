/**
 * The sections of the pupil card, in the order shown. A feature that keeps something about a pupil (guardians,
 * register, cases, council hearings, documents) adds one entry here with its own component; the card renders them
 * above the chronology. The core checks access on every call; `roles` only decides whether the section shows.
 */
import type { ComponentType } from 'react';
import { CASE_READERS, COUNCIL_PUPIL_READERS, REFERRAL_READERS, REGISTER_READERS } from '../../../../../shared/permissions';
import type { Role } from '../../../../../shared/roles';
import { GuardiansSection } from '../../guardians/GuardiansSection';
import { PupilHearingsSection } from '../../council/PupilHearingsSection';
import { RegisterSection } from '../../register/RegisterSection';
import { CasesSection } from '../../cases/CasesSection';
import { PupilReferralsSection } from '../../referrals/PupilReferralsSection';

export interface PupilCardSection {
  id: string;
  /** i18n key of the section title */
  labelKey: string;
  roles: 'all' | readonly Role[];
  component: ComponentType<{ pupilId: string; archived: boolean }>;
}

export const PUPIL_CARD_SECTIONS: PupilCardSection[] = [
  // every pupil reader (class teachers of the pupil's class too: they call parents); the core strips the
  // protection fields for those without the compartment
  { id: 'guardians', labelKey: 'guardians.title', roles: 'all', component: GuardiansSection },
  // the intra-school register: entries, reviews, the individual prevention plan
  { id: 'register', labelKey: 'nav.register', roles: REGISTER_READERS, component: RegisterSection },
  // concerns and cases the pupil is part of, with their role
  { id: 'cases', labelKey: 'cases.section', roles: CASE_READERS, component: CasesSection },
  // referrals of the pupil to outside services, each opening its case
  { id: 'referrals', labelKey: 'referrals.title', roles: REFERRAL_READERS, component: PupilReferralsSection },
  // the prevention council's hearings of the pupil and its decisions about them
  { id: 'council', labelKey: 'council.cardTitle', roles: COUNCIL_PUPIL_READERS, component: PupilHearingsSection },
];
