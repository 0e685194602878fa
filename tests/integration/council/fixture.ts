/**
 * The set-up the council's integration tests share: a live core (the director logged in), the council secretary
 * and the psychologist as accounts, the director's signing certificate, an approved plan with the items a test
 * asks for, and the small helpers (log in as, the error code of a call). Each test builds its own council, pupils
 * and meetings on top: those are what it is about.
 */
import type { SignerInput } from '../../../shared/documents';
import type { PlanItemFieldsInput } from '../../../shared/plans';
import { createTestCore, type TestCore } from '../../harness/core';

export const YEAR = 2026;
export const SECRETARY = { login: 'secretary', password: 'хатшының ұзын құпия сөзі', displayName: 'Сейітова Әйгерім', roles: ['council_secretary' as const] };
export const PSYCHOLOGIST = { login: 'psych', password: 'психологтың ұзын құпия сөзі', displayName: 'Өмірзақова Ү.', roles: ['psychologist' as const] };

export interface CouncilSchool {
  c: TestCore;
  directorId: string;
  secretaryId: string;
  psychId: string;
  directorSigner: SignerInput;
  loginAs: (who: { login: string; password: string }) => Promise<void>;
}

/** The error code a call answered with (null when it succeeded). */
export async function code(p: Promise<{ ok: boolean; error?: { code: string } }>): Promise<string | null> {
  const r = await p;
  return r.ok ? null : (r.error?.code ?? null);
}

/** A signing certificate of the logged-in account, and the signer input that uses it. */
export async function newSigner(c: TestCore, position: string, password: string): Promise<SignerInput> {
  return { certificateId: (await c.call('documents.certificates.create', { position, organization: '№96 мектеп', password })).id, password };
}

/** The school every council test starts from; the director (the test core's first account) is logged in. */
export async function councilSchool(): Promise<CouncilSchool> {
  const c = await createTestCore();
  const loginAs = async (who: { login: string; password: string }): Promise<void> => {
    await c.call('auth.lock', {});
    await c.call('auth.login', { login: who.login, password: who.password });
  };
  const directorId = c.state.session!.accountId;
  const secretaryId = (await c.call('accounts.create', { ...SECRETARY, language: 'kk' })).id;
  const psychId = (await c.call('accounts.create', { ...PSYCHOLOGIST, language: 'kk' })).id;
  const directorSigner = await newSigner(c, 'Директор', 'директордың қол қою құпиясы');
  return { c, directorId, secretaryId, psychId, directorSigner, loginAs };
}

/** An approved plan of YEAR with one section holding the given items; their ids in order. */
export async function approvedPlan(c: TestCore, section: { titleKk: string; titleRu: string }, items: readonly Partial<PlanItemFieldsInput>[]): Promise<string[]> {
  let plan = await c.call('plans.create', { academicYear: YEAR, from: { kind: 'empty' } });
  plan = await c.call('plans.addSection', { planId: plan.id, ...section });
  for (const fields of items) plan = await c.call('plans.addItem', { sectionId: plan.sections[0]!.id, fields });
  await c.call('plans.approve', { id: plan.id, approvedOn: '2026-08-31' });
  return plan.items.map((i) => i.id);
}
