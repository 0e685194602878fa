/**
 * The sections of the pupil card, in the order shown. A feature that keeps something about a pupil (guardians,
 * register, cases, council hearings, documents) adds one entry here with its own component; the card renders them
 * above the chronology. The core checks access on every call; `roles` only decides whether the section shows.
 */
import type { ComponentType } from 'react';
import { REGISTER_READERS } from '../../../../../shared/permissions';
import type { Role } from '../../../../../shared/roles';
import { RegisterSection } from '../../register/RegisterSection';

export interface PupilCardSection {
  id: string;
  /** i18n key of the section title */
  labelKey: string;
  roles: 'all' | readonly Role[];
  component: ComponentType<{ pupilId: string; archived: boolean }>;
}

export const PUPIL_CARD_SECTIONS: PupilCardSection[] = [
  { id: 'register', labelKey: 'nav.register', roles: REGISTER_READERS, component: RegisterSection },
];
