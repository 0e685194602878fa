/**
 * The sections of the pupil card, in the order shown. A feature that keeps something about a pupil (guardians,
 * register, cases, council hearings, documents) adds one entry here with its own component; the card renders them
 * above the chronology. The core checks access on every call; `roles` only decides whether the section shows.
 */
import type { ComponentType } from 'react';
import type { Role } from '../../../../../shared/roles';
import { CASE_READERS } from '../../../../../shared/permissions';
import { CasesSection } from '../../cases/CasesSection';

export interface PupilCardSection {
  id: string;
  /** i18n key of the section title */
  labelKey: string;
  roles: 'all' | readonly Role[];
  component: ComponentType<{ pupilId: string; archived: boolean }>;
}

export const PUPIL_CARD_SECTIONS: PupilCardSection[] = [{ id: 'cases', labelKey: 'cases.section', roles: CASE_READERS, component: CasesSection }];
