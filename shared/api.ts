/**
 * The whole contract between the renderer and the core: method name → input schema + output type.
 * Each feature keeps its methods in shared/<feature>.ts; add its map here.
 */
import type { InputOf, OutputOf } from './contract';
import { accountsMethods } from './accounts';
import { auditMethods } from './audit';
import { backupMethods } from './backup';
import { chronologyMethods } from './chronology';
import { councilMethods } from './council';
import { casesMethods } from './cases';
import { bullyingMethods } from './bullying';
import { documentsMethods } from './documents';
import { districtMethods } from './district';
import { districtSchoolMethods } from './district-school';
import { frameworksMethods } from './frameworks';
import { plansMethods } from './plans';
import { plansIoMethods } from './plans-io';
import { authMethods } from './auth';
import { keysMethods } from './keys';
import { pupilsMethods } from './pupils';
import { guardiansMethods } from './guardians';
import { pupilsImportMethods } from './pupils-import';
import { referralsMethods } from './referrals';
import { registerMethods } from './register';
import { retentionMethods } from './retention';
import { referenceMethods } from './reference';
import { caseDocumentsMethods } from './case-documents';
import { schoolMethods } from './school';
import { screeningMethods } from './screening';
import { settingsMethods } from './settings';
import { statisticsMethods } from './statistics';
import { overviewMethods } from './overview';
import { worklistsMethods } from './worklists';
import { capabilitiesMethods } from './capabilities';
import { helpMethods } from './help';

export const contract = {
  ...authMethods,
  ...accountsMethods,
  ...schoolMethods,
  ...auditMethods,
  ...settingsMethods,
  ...pupilsMethods,
  ...guardiansMethods,
  ...pupilsImportMethods,
  ...backupMethods,
  ...documentsMethods,
  ...frameworksMethods,
  ...plansMethods,
  ...plansIoMethods,
  ...keysMethods,
  ...chronologyMethods,
  ...worklistsMethods,
  ...councilMethods,
  ...registerMethods,
  ...casesMethods,
  ...bullyingMethods,
  ...screeningMethods,
  ...referralsMethods,
  ...referenceMethods,
  ...caseDocumentsMethods,
  ...statisticsMethods,
  ...overviewMethods,
  ...districtMethods,
  ...districtSchoolMethods,
  ...capabilitiesMethods,
  ...helpMethods,
  ...retentionMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = InputOf<Contract[M]>;
export type MethodOutput<M extends MethodName> = OutputOf<Contract[M]>;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];
