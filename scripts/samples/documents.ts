/**
 * Documents samples (demo data only):
 *   two-signatures.pdf   minutes (kk) signed at two different times in two logins: the council secretary issues
 *                        and signs, the director (chair) later co-signs (`documents.cosign`) as an incremental
 *                        update; each stamp is the appearance of its own signature (check: pdfsig says
 *                        "Signature is Valid." twice, qpdf --check, pdftotext shows both stamps)
 *   two-signatures-first.pdf   the same file as the secretary left it: one signature, one stamp (its bytes are
 *                        the exact beginning of two-signatures.pdf)
 *   two-signatures-ru.pdf the Russian minutes, made the same way
 *   signer.p12           the demo director's PKCS#12 (RSA 3072, Cyrillic name) — the key that signs the plans
 *   signer.txt           its password (demo only!)
 *
 * `ensureDemoDirectorSigner(core)` finds or creates the demo director's certificate, so that the plan samples and
 * these files use one key whichever writer runs first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api';
import type { SignerInput } from '../../shared/documents';
import type { Core } from '../../electron/core/api';
import { createSchoolCertificate } from '../../electron/core/documents/certificates';
import { storeCertificate } from '../../electron/core/documents/certstore';
import { exampleMinutes } from '../../electron/core/documents/examples';
import { issueDocument } from '../../electron/core/documents/issue';
import type { DocLang } from '../../electron/core/documents/types';
import { DEMO_PASSWORD } from '../../electron/core/demo/school';
import type { SampleWriter } from './types';

/** The demo director's certificate: name, position, school — and its signing password (demo only). */
export const DEMO_DIRECTOR = {
  commonName: 'Қаншев М. (демо)',
  position: '№96 мектеп директоры',
  organization: 'Қарасақал Ерімбет атындағы №96 мектеп (демо)',
  password: 'qorgan-demo-sign-96',
} as const;

export const DEMO_SECRETARY = {
  commonName: 'Сейітова Ә. (демо)',
  position: 'Профилактика кеңесінің хатшысы',
  organization: 'Қарасақал Ерімбет атындағы №96 мектеп (демо)',
  password: 'qorgan-demo-secretary-96',
} as const;

async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.invoke(method, input);
  if (!r.ok) throw new Error(`samples/documents: ${method} failed with ${r.error.code}`);
  return r.value as MethodOutput<M>;
}

/**
 * Finds or makes a demo signer's certificate. Demo data is seeded inside the core (like `issueDocument` below), not
 * through `documents.certificates.create`, which names a certificate after the signed-in account: these fixed
 * demo names belong to the director (the signed-in account) and to the council secretary (the `secretary` demo
 * account when there is one, else a shared school key).
 */
async function ensureSigner(core: Core, who: typeof DEMO_DIRECTOR | typeof DEMO_SECRETARY, ownerLogin: string | null): Promise<SignerInput> {
  const existing = (await call(core, 'documents.certificates.list', {})).find(
    (c) => c.subjectName === who.commonName && c.origin === 'created',
  );
  if (existing) return { certificateId: existing.id, password: who.password };
  const now = core.state.platform.now(); // the core's clock: a test that fixes the date signs inside the certificate's validity
  const { p12, details } = createSchoolCertificate({ ...who, now });
  const cert = await core.state.db.transaction().execute(async (trx) => {
    const owner = ownerLogin ? await trx.selectFrom('accounts').select('id').where('login', '=', ownerLogin).executeTakeFirst() : undefined;
    const ownerAccountId = ownerLogin ? (owner?.id ?? null) : (core.state.session?.accountId ?? null);
    return storeCertificate(trx, { p12, details, origin: 'created', ownerAccountId, now });
  });
  return { certificateId: cert.id, password: who.password };
}

/** The demo director's signing certificate (found or created) with its password. */
export function ensureDemoDirectorSigner(core: Core): Promise<SignerInput> {
  return ensureSigner(core, DEMO_DIRECTOR, null);
}

/** The login the samples return to after the secretary's turn. */
export interface SampleLogin {
  login: string;
  password: string;
}

const SECRETARY_LOGIN = { login: 'secretary', password: DEMO_PASSWORD, displayName: 'Кеңес хатшысы (демо)' } as const;

async function login(core: Core, who: SampleLogin): Promise<string> {
  if (core.state.session) await call(core, 'auth.lock', {});
  const s = await call(core, 'auth.login', { login: who.login, password: who.password });
  return s.accountId;
}

/**
 * Minutes in two logins: the secretary issues them with the first signature (the chair's signature declared for
 * later), then the director logs in and co-signs. Returns the first and the final bytes.
 */
async function minutesInTwoLogins(core: Core, lang: DocLang, director: SampleLogin, directorAccountId: string, now: Date): Promise<{ first: Buffer; final: Buffer }> {
  await login(core, SECRETARY_LOGIN);
  const secretary = await ensureSigner(core, DEMO_SECRETARY, 'secretary');
  const session = core.state.session;
  const issued = await core.state.db.transaction().execute((trx) =>
    issueDocument(
      { db: trx, now, session },
      {
        kind: 'minutes',
        lang,
        title: lang === 'kk' ? 'Профилактика кеңесі отырысының хаттамасы № 1 (демо)' : 'Протокол заседания Совета профилактики № 1 (демо)',
        signers: [{ ...secretary, position: lang === 'kk' ? 'Профилактика кеңесінің хатшысы' : 'Секретарь Совета профилактики' }],
        signerRoles: [{ role: 'secretary', roleLabel: lang === 'kk' ? 'Хатшы' : 'Секретарь' }],
        later: [
          {
            role: 'chair',
            roleLabel: lang === 'kk' ? 'Төраға' : 'Председатель',
            accountId: directorAccountId,
            position: lang === 'kk' ? '№96 мектеп директоры, кеңес төрағасы' : 'Директор школы №96, председатель совета',
          },
        ],
        build: ({ registerNumber, documentId, stamps }) =>
          exampleMinutes(lang, {
            number: 1,
            date: now,
            chairName: lang === 'kk' ? 'М.Қаншев' : 'М.Каншев',
            secretaryName: lang === 'kk' ? 'Ә.Сейітова' : 'А.Сейитова',
            registerNumber,
            documentId,
            stamps: { secretary: stamps[0], chair: stamps[1] },
          }),
      },
    ),
  );
  await login(core, director);
  const chair = await ensureDemoDirectorSigner(core);
  await call(core, 'documents.cosign', { id: issued.document.id, signer: chair });
  const final = Buffer.from((await call(core, 'documents.pdf', { id: issued.document.id })).base64, 'base64');
  return { first: issued.pdf, final };
}

/**
 * Writes two-signatures.pdf (and its first revision, and the Russian minutes), signer.p12 and signer.txt into
 * `outDir`; returns the file names. `director` is the login the core is in (it is logged in again at the end);
 * the secretary's turn uses the demo account "secretary" (created when missing).
 */
export async function addDocumentSamples(outDir: string, core: Core, director: SampleLogin): Promise<string[]> {
  const chair = await ensureDemoDirectorSigner(core);
  const directorAccountId = core.state.session?.accountId;
  if (!directorAccountId) throw new Error('samples/documents: the director must be logged in');
  const accounts = await call(core, 'accounts.list', {});
  if (!accounts.some((a) => a.login === SECRETARY_LOGIN.login)) {
    await call(core, 'accounts.create', {
      login: SECRETARY_LOGIN.login,
      displayName: SECRETARY_LOGIN.displayName,
      roles: ['council_secretary'],
      password: SECRETARY_LOGIN.password,
      language: 'kk',
    });
  }
  const now = new Date();
  const kk = await minutesInTwoLogins(core, 'kk', director, directorAccountId, now);
  const ru = await minutesInTwoLogins(core, 'ru', director, directorAccountId, now);
  fs.writeFileSync(path.join(outDir, 'two-signatures.pdf'), kk.final);
  fs.writeFileSync(path.join(outDir, 'two-signatures-first.pdf'), kk.first);
  fs.writeFileSync(path.join(outDir, 'two-signatures-ru.pdf'), ru.final);
  const row = await core.state.db
    .selectFrom('signing_certificates')
    .select('p12')
    .where('id', '=', chair.certificateId)
    .executeTakeFirstOrThrow();
  fs.writeFileSync(path.join(outDir, 'signer.p12'), Buffer.from(row.p12));
  fs.writeFileSync(
    path.join(outDir, 'signer.txt'),
    `${DEMO_DIRECTOR.password}\n# demo only: the password of signer.p12 (the demo director's key, RSA 3072)\n`,
  );
  return ['two-signatures.pdf', 'two-signatures-first.pdf', 'two-signatures-ru.pdf', 'signer.p12', 'signer.txt'];
}

export const writeDocumentSamples: SampleWriter = ({ outDir, core, demo }) => addDocumentSamples(outDir, core, { login: demo.login, password: demo.password });
