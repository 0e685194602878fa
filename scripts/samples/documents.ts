/**
 * Documents samples (demo data only):
 *   two-signatures.pdf   a minutes-style document signed by the chair, then the secretary (two incremental
 *                        signatures; check: pdfsig says "Signature is Valid." twice, qpdf --check, pdftotext)
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
  const now = new Date();
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

/** Writes two-signatures.pdf, signer.p12 and signer.txt into `outDir`; returns the file names. */
export async function addDocumentSamples(outDir: string, core: Core): Promise<string[]> {
  const chair = await ensureDemoDirectorSigner(core);
  const secretary = await ensureSigner(core, DEMO_SECRETARY, 'secretary');
  const now = new Date();
  const issued = await core.state.db.transaction().execute((trx) =>
    issueDocument(
      { db: trx, now, session: core.state.session },
      {
        kind: 'minutes',
        lang: 'kk',
        title: 'Профилактика кеңесі отырысының хаттамасы № 1 (демо)',
        signers: [chair, secretary],
        build: ({ registerNumber, documentId, stamps }) =>
          exampleMinutes('kk', {
            number: 1,
            date: now,
            chairName: 'М.Қаншев',
            secretaryName: 'Ә.Сейітова',
            registerNumber,
            documentId,
            stamps,
          }),
      },
    ),
  );
  fs.writeFileSync(path.join(outDir, 'two-signatures.pdf'), issued.pdf);
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
  return ['two-signatures.pdf', 'signer.p12', 'signer.txt'];
}

export const writeDocumentSamples: SampleWriter = ({ outDir, core }) => addDocumentSamples(outDir, core);
