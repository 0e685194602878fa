/**
 * Every table with protected fields, imported here so that the compartment rotation and the upgrade see them all.
 * A feature that declares protected fields adds its declaration's import below.
 */
import { chronologyProtected } from '../chronology/record';
import { guardianProtected } from '../guardians/protected';
import {
  caseContactProtected,
  caseNoteProtected,
  caseProtected,
  casePupilProtected,
  caseSearchProtected,
  concernProtected,
  intakeKeyProtected,
} from '../cases/protected';
import { pupilProtected } from '../pupils/protected';
import { safetyPlanProtected, screeningProtected } from '../screening/protected';
import { agendaProtected, attendanceProtected, decisionGroundsProtected, decisionProtected } from '../council/protected';
import { entryProtected, externalProtected, measureProtected, reviewProtected } from '../register/protected';
import { documentConfidentialProtected, documentSealedProtected } from '../documents/sealed';
import { taskTitleProtected } from '../cases/task-titles';
import { escalationProtected, evidenceFileProtected, evidenceProtected, stepProtected } from '../bullying/protected';
import { referralProtected } from '../referrals/protected';
import { tallyProtected } from '../statistics/tally';
import { PROTECTED_TABLES } from './fields';

export const ALL_PROTECTED = [
  pupilProtected,
  chronologyProtected,
  guardianProtected,
  agendaProtected,
  decisionProtected,
  decisionGroundsProtected,
  attendanceProtected,
  entryProtected,
  reviewProtected,
  externalProtected,
  measureProtected,
  intakeKeyProtected,
  concernProtected,
  caseProtected,
  casePupilProtected,
  caseNoteProtected,
  caseContactProtected,
  caseSearchProtected,
  documentSealedProtected,
  documentConfidentialProtected,
  taskTitleProtected,
  stepProtected,
  escalationProtected,
  evidenceProtected,
  evidenceFileProtected,
  screeningProtected,
  safetyPlanProtected,
  referralProtected,
  tallyProtected,
] as const;
export { PROTECTED_TABLES };
