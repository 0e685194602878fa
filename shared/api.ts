/**
 * The whole contract between the renderer and the core: method name → input schema + output type.
 * Each feature keeps its methods in shared/<feature>.ts; add its map here.
 */
import type { InputOf, OutputOf } from './contract';
import { accountsMethods } from './accounts';
import { auditMethods } from './audit';
import { backupMethods } from './backup';
import { casesMethods } from './cases';
import { documentsMethods } from './documents';
import { frameworksMethods } from './frameworks';
import { plansMethods } from './plans';
import { plansIoMethods } from './plans-io';
import { authMethods } from './auth';
import { keysMethods } from './keys';
import { pupilsMethods } from './pupils';
import { schoolMethods } from './school';
import { settingsMethods } from './settings';

export const contract = {
  ...authMethods,
  ...accountsMethods,
  ...schoolMethods,
  ...auditMethods,
  ...settingsMethods,
  ...pupilsMethods,
  ...backupMethods,
  ...documentsMethods,
  ...frameworksMethods,
  ...plansMethods,
  ...plansIoMethods,
  ...keysMethods,
  ...casesMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = InputOf<Contract[M]>;
export type MethodOutput<M extends MethodName> = OutputOf<Contract[M]>;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];
