import fs from 'node:fs';
import { MAX_P12_BYTES, MAX_PDF_BYTES, SIGNING_ROLES } from '../../../shared/documents';
import { CERTIFICATE_RETIRERS } from '../../../shared/permissions';
import { AppError } from '../errors';
import type { HandlersFor } from '../registry';
import { createSchoolCertificate, loadP12, sameHolderName } from './certificates';
import { certificateHolder, getCertificate, listCertificates, retireCertificate, storeCertificate } from './certstore';
import { verifyPdf } from './check';
import { completeIfFullySigned } from './completions';
import { cosignDocument } from './cosign';
import { hiddenDocumentKinds, protectedDocumentGuard } from './protected';
import { fileNameFor, getDocument, getDocumentPdf, listDocuments, searchWords } from './register';
import { attachAwaiting, listAwaitingFor, withAwaiting } from './slots';
import { revealTitle, revealTitles, sealedTitleMatches } from './sealed';
import type { KeySource } from '../core';
import type { Db } from '../db/types';
import type { VerifyResult } from '../../../shared/documents';

const PDF_FILTER = [{ name: 'PDF', extensions: ['pdf'] }];

function decodeBase64(b64: string, max: number): Buffer {
  const buf = Buffer.from(b64, 'base64');
  if (buf.length > max) throw new AppError('validation', 'file too large');
  return buf;
}

/** A holder of `protection` sees the real title of a sealed welfare document the file belongs to. */
async function withTitle(db: Db, keys: KeySource, r: VerifyResult): Promise<VerifyResult> {
  return r.document ? { ...r, document: await revealTitle(db, keys, r.document) } : r;
}

export const documentsHandlers: HandlersFor<'documents'> = {
  'documents.list': {
    access: 'authenticated',
    kind: 'list',
    entity: 'document',
    listAudit: (input, out) => ({
      filter: { page: input.page, kind: input.kind ?? null, year: input.year ?? null, search: input.search !== undefined && input.search.length > 0 },
      count: out.items.length,
    }),
    handler: async ({ core, db, session }, input) => {
      const alsoIds = await sealedTitleMatches(db, core, searchWords(input.search));
      const page = await listDocuments(db, { ...input, excludeKinds: hiddenDocumentKinds(core), alsoIds });
      return { ...page, items: await attachAwaiting(db, await revealTitles(db, core, page.items), session) };
    },
  },
  'documents.get': { access: 'authenticated', kind: 'read', guard: protectedDocumentGuard(), handler: async ({ db, core, session }, input) => withAwaiting(db, await revealTitle(db, core, await getDocument(db, input.id)), session) },
  'documents.pdf': {
    access: 'authenticated',
    kind: 'sensitive',
    entity: 'document',
    guard: protectedDocumentGuard(),
    entityId: (input) => input.id,
    handler: async ({ db, core }, input) => {
      const { summary, pdf } = await getDocumentPdf(db, input.id, core);
      return { base64: pdf.toString('base64'), fileName: fileNameFor(summary) };
    },
  },
  'documents.open': {
    access: 'authenticated',
    kind: 'sensitive',
    entity: 'document',
    guard: protectedDocumentGuard(),
    entityId: (input) => input.id,
    handler: async ({ db, core, platform }, input) => {
      const { summary, pdf } = await getDocumentPdf(db, input.id, core);
      if (!platform.showPdf) throw new AppError('internal', 'this platform has no PDF viewer');
      await platform.showPdf(new Uint8Array(pdf), { title: `${summary.registerNumber} ${summary.title}` });
      return null;
    },
  },
  'documents.view': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ platform }, input) => {
      const pdf = decodeBase64(input.pdfBase64, MAX_PDF_BYTES);
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new AppError('documents.not_pdf', 'this is not a PDF file');
      if (!platform.showPdf) throw new AppError('internal', 'this platform has no PDF viewer');
      await platform.showPdf(new Uint8Array(pdf), { title: input.title });
      return null;
    },
  },
  'documents.saveCopy': {
    access: 'authenticated',
    kind: 'sensitive',
    entity: 'document',
    guard: protectedDocumentGuard(),
    entityId: (input) => input.id,
    handler: async ({ db, core, platform }, input) => {
      const { summary, pdf } = await getDocumentPdf(db, input.id, core);
      const target = await platform.chooseSaveFile({
        title: summary.registerNumber,
        defaultName: fileNameFor(summary),
        filters: PDF_FILTER,
      });
      if (!target) return { saved: false };
      try {
        fs.writeFileSync(target, pdf);
      } catch {
        throw new AppError('documents.write_failed', 'the copy could not be written');
      }
      return { saved: true };
    },
  },
  'documents.print': {
    access: 'authenticated',
    kind: 'sensitive',
    entity: 'document',
    guard: protectedDocumentGuard(),
    entityId: (input) => input.id,
    handler: async ({ db, core, platform }, input) => {
      const { summary, pdf } = await getDocumentPdf(db, input.id, core);
      await platform.printPdf(new Uint8Array(pdf), { title: summary.registerNumber });
      return null;
    },
  },
  'documents.verify': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, core }, input) => withTitle(db, core, await verifyPdf(db, decodeBase64(input.pdfBase64, MAX_PDF_BYTES))),
  },
  'documents.verifyFile': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, core, platform }) => {
      const file = await platform.chooseOpenFile({ title: 'PDF', filters: PDF_FILTER });
      if (!file) return null;
      let bytes: Buffer;
      try {
        const size = fs.statSync(file).size;
        if (size > MAX_PDF_BYTES) throw new AppError('validation', 'file too large');
        bytes = fs.readFileSync(file);
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw new AppError('not_found', 'the file cannot be read');
      }
      return withTitle(db, core, await verifyPdf(db, bytes));
    },
  },
  'documents.cosign': {
    // the roles that sign school documents; the handler then checks that the slot is this account's to sign
    access: SIGNING_ROLES,
    kind: 'write',
    entity: 'document',
    entityId: (input) => input.id,
    handler: async ({ db, now, session, core }, input) => {
      if (!session) throw new AppError('auth.not_logged_in', 'log in first');
      const signed = await cosignDocument({ db, now, keys: core }, session, input.id, input.signer);
      // the last signature completes the source's record (e.g. council minutes: decisions take effect)
      await completeIfFullySigned({ db, keys: core, accountId: session.accountId, now }, signed);
      return signed;
    },
  },
  'documents.awaitingMine': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db, core, session }) => {
      if (!session) throw new AppError('auth.not_logged_in', 'log in first');
      // a sealed welfare document's title is opened for a holder (the register row keeps none)
      return revealTitles(db, core, await listAwaitingFor(db, session));
    },
  },
  'documents.certificates.list': {
    access: 'authenticated',
    kind: 'read',
    handler: async ({ db }, input) => listCertificates(db, input.includeRetired),
  },
  // a certificate is made for the signed-in account, in its own name, and only by a role that signs (SIGNING_ROLES)
  'documents.certificates.create': {
    access: SIGNING_ROLES,
    kind: 'write',
    entity: 'signing_certificate',
    entityId: (_i, out) => out?.id ?? null,
    handler: async ({ db, now, session }, input) => {
      const holder = await certificateHolder(db, session?.accountId);
      const { p12, details } = createSchoolCertificate({ ...input, commonName: holder.displayName, now });
      return storeCertificate(db, { p12, details, origin: 'created', ownerAccountId: holder.id, now });
    },
  },
  'documents.certificates.import': {
    access: SIGNING_ROLES,
    kind: 'write',
    entity: 'signing_certificate',
    // another spelling of the holder's name may be confirmed by the director only
    guard: { rule: 'confirmName: the director only', bypass: ['director'], check: async (_ctx, input) => input.confirmName !== true },
    entityId: (_i, out) => out?.id ?? null,
    handler: async ({ db, now, session, hasRole }, input) => {
      const holder = await certificateHolder(db, session?.accountId);
      const bytes = decodeBase64(input.p12Base64, MAX_P12_BYTES);
      const loaded = loadP12(bytes, input.password);
      if (now.getTime() > loaded.details.notAfter.getTime()) {
        throw new AppError('documents.certificate_expired', 'the certificate has expired');
      }
      if (!sameHolderName(loaded.details.subjectName, holder.displayName)) {
        // the simplest honest rule: a key is imported in its holder's own name; only the director may confirm
        // another spelling of their own name (a national CA certificate in capitals, with the patronymic …)
        // confirmName is declared for the director only (the guard above refuses it for anyone else)
        const isDirector = hasRole('director');
        if (!(isDirector && input.confirmName)) {
          throw new AppError('documents.certificate_name_mismatch', "the name in the certificate is not the account's name", {
            directorMayConfirm: isDirector,
          });
        }
      }
      return storeCertificate(db, { p12: bytes, details: loaded.details, origin: 'imported', ownerAccountId: holder.id, now });
    },
  },
  'documents.certificates.retire': {
    access: 'authenticated',
    kind: 'write',
    entity: 'signing_certificate',
    entityId: (input) => input.id,
    guard: {
      rule: 'the holder',
      bypass: CERTIFICATE_RETIRERS,
      check: async ({ db, session }, input) => {
        const r = await db.selectFrom('signing_certificates').select('owner_account_id').where('id', '=', input.id).executeTakeFirst();
        return !r || r.owner_account_id === session?.accountId;
      },
    },
    handler: async ({ db, now }, input) => {
      await getCertificate(db, input.id);
      await retireCertificate(db, input.id, now);
      return null;
    },
  },
};
