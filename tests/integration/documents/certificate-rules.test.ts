/**
 * Who may hold a signing key, and in whose name (issue 8, item 3): only the roles that sign (SIGNING_ROLES) create
 * or import a certificate; a created certificate carries the account's own display name (no free name field); an
 * imported one must be in the account's name, or be confirmed by the director as another spelling of their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_ROLES } from '../../../shared/documents';
import type { Role } from '../../../shared/roles';
import { createSchoolCertificate, loadP12, sameHolderName } from '../../../electron/core/documents/certificates';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import { SCHOOL } from './fixtures';

let c: TestCore;
const PASSWORD = 'account password 1';
const SIGN = 'signing-pass-1';

async function loginAs(login: string, password = PASSWORD): Promise<void> {
  await c.call('auth.lock', {});
  await c.call('auth.login', { login, password });
}

const made = new Map<string, string>();
/** A PKCS#12 in the given name (RSA 3072 takes a moment: one per name) */
function p12For(name: string): string {
  let b64 = made.get(name);
  if (!b64) {
    b64 = createSchoolCertificate({ commonName: name, position: 'Лауазым', organization: SCHOOL, password: SIGN, now: new Date() }).p12.toString('base64');
    made.set(name, b64);
  }
  return b64;
}

const PEOPLE: { login: string; displayName: string; roles: Role[] }[] = [
  { login: 'deputy', displayName: 'Орынбасарова Гүлнар Серікқызы', roles: ['deputy_director'] },
  { login: 'secretary', displayName: 'Хатшыбаева Әлия Нұрланқызы', roles: ['council_secretary'] },
  { login: 'psychologist', displayName: 'Психологова Дана Ерланқызы', roles: ['psychologist'] },
  { login: 'socped', displayName: 'Педагогов Асқар Бекұлы', roles: ['social_pedagogue'] },
  { login: 'teacher', displayName: 'Мұғалімов Ерлан Тестұлы', roles: ['class_teacher'] },
  { login: 'admin', displayName: 'Әкімшісов Нұрлан', roles: ['administrator'] },
];

beforeAll(async () => {
  c = await createTestCore();
  for (const p of PEOPLE) await c.call('accounts.create', { ...p, password: PASSWORD });
}, 60_000);
afterAll(async () => {
  await c.cleanup();
});

describe('who may create or import a signing certificate', () => {
  it('the signing roles are declared once: director, deputy director, council secretary', () => {
    expect([...SIGNING_ROLES].sort()).toEqual(['council_secretary', 'deputy_director', 'director']);
  });

  it('a role that does not sign is refused both, and nothing is stored', async () => {
    // the access check comes before the file is read: one file in a signer's name stands for all
    const file = p12For(PEOPLE[0]!.displayName);
    for (const login of ['psychologist', 'socped', 'teacher', 'admin']) {
      await loginAs(login);
      const created = await c.try('documents.certificates.create', { position: 'Лауазым', organization: SCHOOL, password: SIGN });
      expect(created.ok ? 'ok' : created.error.code).toBe('auth.forbidden');
      const imported = await c.try('documents.certificates.import', { p12Base64: file, password: SIGN });
      expect(imported.ok ? 'ok' : imported.error.code).toBe('auth.forbidden');
    }
    await loginAs(ADMIN.login, ADMIN.password);
    expect(await c.call('documents.certificates.list', { includeRetired: true })).toEqual([]);
    const denied = await c.state.db.selectFrom('audit_log').select('action').where('outcome', '=', 'denied').where('action', 'like', 'documents.certificates.%').execute();
    expect(denied).toHaveLength(8);
  });

  it('create: the certificate is named after the account, owned by it; a name field is refused', async () => {
    await loginAs('deputy');
    const cert = await c.call('documents.certificates.create', { position: 'Тәрбие ісі жөніндегі директордың орынбасары', organization: SCHOOL, password: SIGN });
    expect(cert.subjectName).toBe('Орынбасарова Гүлнар Серікқызы');
    expect(cert.position).toBe('Тәрбие ісі жөніндегі директордың орынбасары');
    expect(cert.ownerAccountId).toBe(c.state.session!.accountId);
    const row = await c.state.db.selectFrom('signing_certificates').select('p12').where('id', '=', cert.id).executeTakeFirstOrThrow();
    expect(loadP12(Buffer.from(row.p12), SIGN).details.subjectName).toBe('Орынбасарова Гүлнар Серікқызы');
    const withName = await c.try('documents.certificates.create', {
      commonName: 'Қаншев Марат',
      position: 'Директор',
      organization: SCHOOL,
      password: SIGN,
    } as never);
    expect(withName.ok ? 'ok' : withName.error.code).toBe('validation');
  });

  it('import: the name in the file must be the account name (case and spaces aside)', async () => {
    await loginAs('secretary');
    const other = await c.try('documents.certificates.import', { p12Base64: p12For('Қаншев Марат Серікұлы'), password: SIGN });
    expect(other.ok ? null : [other.error.code, other.error.details]).toEqual(['documents.certificate_name_mismatch', { directorMayConfirm: false }]);
    // confirming is the director's alone: a declared guard of the registry, refused and audited as denied
    const selfConfirmed = await c.try('documents.certificates.import', { p12Base64: p12For('Қаншев Марат Серікұлы'), password: SIGN, confirmName: true });
    expect(selfConfirmed.ok ? null : selfConfirmed.error.code).toBe('auth.forbidden');
    const own = await c.call('documents.certificates.import', { p12Base64: p12For('ХАТШЫБАЕВА  ӘЛИЯ НҰРЛАНҚЫЗЫ'), password: SIGN });
    expect(own.ownerAccountId).toBe(c.state.session!.accountId);
    expect(own.origin).toBe('imported');
  });

  it('the director may confirm another spelling of their own name, explicitly', async () => {
    await loginAs(ADMIN.login, ADMIN.password);
    const file = p12For('ҚАНШЕВ МАРАТ');
    const first = await c.try('documents.certificates.import', { p12Base64: file, password: SIGN });
    expect(first.ok ? null : [first.error.code, first.error.details]).toEqual(['documents.certificate_name_mismatch', { directorMayConfirm: true }]);
    const confirmed = await c.call('documents.certificates.import', { p12Base64: file, password: SIGN, confirmName: true });
    expect(confirmed.subjectName).toBe('ҚАНШЕВ МАРАТ');
    expect(confirmed.ownerAccountId).toBe(c.state.session!.accountId);
  });

  it('the error message carries no name', async () => {
    await loginAs('deputy');
    const r = await c.try('documents.certificates.import', { p12Base64: p12For('Бөтен Адам Атұлы'), password: SIGN });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.error)).not.toMatch(/Бөтен|Орынбасарова/);
  });
});

describe('sameHolderName', () => {
  it('forgives letter case, spaces and Unicode composition only', () => {
    expect(sameHolderName('ҚАНШЕВ  МАРАТ ', 'Қаншев Марат')).toBe(true);
    expect(sameHolderName('Йолдасбек'.normalize('NFD'), 'Йолдасбек')).toBe(true);
    expect(sameHolderName('М.Қаншев', 'Қаншев Марат')).toBe(false);
    expect(sameHolderName('Марат Қаншев', 'Қаншев Марат')).toBe(false);
    expect(sameHolderName('', '')).toBe(false);
  });
});
