/**
 * Co-signing at different times (issue 11 item 4, engine part): the council secretary issues minutes with her
 * signature and the chair's declared for later; the register shows "awaiting: Төраға"; the director, in his own
 * login, adds the second signature through `documents.cosign` as an incremental update of the stored bytes.
 * Wrong accounts, foreign certificates, a wrong password and an interrupted signing leave the stored file as it
 * was; the DB itself refuses any change that is not the next signature appended.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary, SignerInput } from '../../../shared/documents';
import { cosignDocument } from '../../../electron/core/documents/cosign';
import { exampleMinutes } from '../../../electron/core/documents/examples';
import { issueDocument, type LaterSigner } from '../../../electron/core/documents/issue';
import { sha256Hex } from '../../../electron/core/documents/register';
import { findRevisionBySha256 } from '../../../electron/core/documents/slots';
import { ADMIN, createTestCore, type TestCore } from '../../harness/core';
import { flat, pdfText, pdfsig, qpdfCheck, renderPng, savePdfArtifact } from './helpers';

const HEADER = 'ЭЛЕКТРОНДЫҚ ЦИФРЛЫҚ ҚОЛТАҢБАМЕН ҚОЛ ҚОЙЫЛДЫ';
const SECRETARY = { login: 'secretary', password: 'хатшының ұзын құпия сөзі', displayName: 'Сейітова Әйгерім Ғалымқызы', roles: ['council_secretary' as const] };
const DEPUTY = { login: 'deputy', password: 'орынбасардың ұзын құпия сөзі', displayName: 'Орынбасар', roles: ['deputy_director' as const] };

let c: TestCore;
let directorId: string;
let directorSigner: SignerInput;
let secretarySigner: SignerInput;

async function loginAs(who: { login: string; password: string }): Promise<void> {
  await c.call('auth.lock', {});
  await c.call('auth.login', { login: who.login, password: who.password });
}

/** The logged-in account's own certificate (its name is the account's display name). */
async function certificate(_name: string, password: string): Promise<SignerInput> {
  const cert = await c.call('documents.certificates.create', {
    position: 'position',
    organization: 'Қарасақал Ерімбет атындағы №96 мектеп',
    password,
  });
  return { certificateId: cert.id, password };
}

/** The secretary (logged in) issues minutes with her signature; `later` is the chair's slot. */
async function issueAsSecretary(later: LaterSigner): Promise<{ document: DocumentSummary; pdf: Buffer }> {
  const now = c.platform.now();
  return c.state.db.transaction().execute((trx) =>
    issueDocument(
      { db: trx, now, session: c.state.session },
      {
        kind: 'minutes',
        lang: 'kk',
        title: 'Профилактика кеңесі отырысының хаттамасы № 4',
        signers: [{ ...secretarySigner, position: 'Профилактика кеңесінің хатшысы' }],
        signerRoles: [{ role: 'secretary', roleLabel: 'Хатшы' }],
        later: [later],
        build: ({ registerNumber, documentId, stamps }) =>
          exampleMinutes('kk', {
            number: 4,
            date: now,
            chairName: 'М.Қаншев',
            secretaryName: 'Ә.Сейітова',
            registerNumber,
            documentId,
            stamps: { secretary: stamps[0], chair: stamps[1] },
          }),
      },
    ),
  );
}

async function storedPdf(id: string): Promise<Buffer> {
  return Buffer.from((await c.call('documents.pdf', { id })).base64, 'base64');
}

beforeAll(async () => {
  c = await createTestCore();
  directorId = c.state.session!.accountId;
  await c.call('accounts.create', { ...SECRETARY, language: 'kk' });
  await c.call('accounts.create', { ...DEPUTY, language: 'kk' });
  directorSigner = await certificate(ADMIN.displayName, 'директордың қол қою құпиясы');
  await loginAs(SECRETARY);
  secretarySigner = await certificate('Сейітова Әйгерім Ғалымқызы', 'хатшының қол қою құпиясы');
});
afterAll(async () => {
  await c.cleanup();
});

describe('co-signing in two logins', () => {
  it('secretary issues and signs; the chair co-signs later from his own login; wrong signers are refused', async () => {
    await loginAs(SECRETARY);
    const issued = await issueAsSecretary({ role: 'chair', roleLabel: 'Төраға', accountId: directorId, position: '№96 мектеп директоры, кеңес төрағасы' });
    const id = issued.document.id;
    const first = issued.pdf;
    expect(issued.document.awaiting).toEqual({ slot: 1, role: 'chair', roleLabel: 'Төраға', accountId: directorId, requiredRole: null });
    // the register shows it waiting
    const listed = await c.call('documents.list', {});
    expect(listed.items.find((d) => d.id === id)?.awaiting?.roleLabel).toBe('Төраға');
    expect((await c.call('documents.get', { id })).awaiting?.role).toBe('chair');
    // the register tells each session whether the waiting signature is its own (the screen's "sign" slot)
    expect(listed.items.find((d) => d.id === id)?.awaiting?.mine).toBe(false);
    expect((await c.call('documents.get', { id })).awaiting?.mine).toBe(false);
    // the half-signed file: one valid signature, one stamp
    expect(pdfsig(first).signatures.map((s) => s.validation)).toEqual(['Signature is Valid.']);
    expect(flat(pdfText(first)).split(HEADER).length - 1).toBe(1);
    // not the secretary's turn
    expect(await c.call('documents.awaitingMine', {})).toEqual([]);
    const bySecretary = await c.try('documents.cosign', { id, signer: secretarySigner });
    expect(bySecretary.ok ? null : bySecretary.error.code).toBe('documents.not_your_signature');

    // a deputy director (a signing role, but not this slot's account)
    await loginAs(DEPUTY);
    expect(await c.call('documents.awaitingMine', {})).toEqual([]);
    const byDeputy = await c.try('documents.cosign', { id, signer: directorSigner });
    expect(byDeputy.ok ? null : byDeputy.error.code).toBe('documents.not_your_signature');

    // the director: listed on his home screen; a certificate he does not hold and a wrong password are refused
    await loginAs(ADMIN);
    expect((await c.call('documents.awaitingMine', {})).map((d) => d.id)).toEqual([id]);
    expect((await c.call('documents.list', {})).items.find((d) => d.id === id)?.awaiting?.mine).toBe(true);
    expect((await c.call('documents.get', { id })).awaiting?.mine).toBe(true);
    const foreign = await c.try('documents.cosign', { id, signer: secretarySigner });
    expect(foreign.ok ? null : foreign.error.code).toBe('documents.not_your_signature');
    const wrong = await c.try('documents.cosign', { id, signer: { ...directorSigner, password: 'not the password' } });
    expect(wrong.ok ? null : wrong.error.code).toBe('documents.wrong_p12_password');
    expect((await storedPdf(id)).equals(first)).toBe(true);

    const signed = await c.call('documents.cosign', { id, signer: directorSigner });
    expect(signed.awaiting).toBeNull();
    expect(signed.signers.map((s) => s.name)).toEqual(['Сейітова Әйгерім Ғалымқызы', ADMIN.displayName]);
    expect(signed.signers[1]!.position).toBe('№96 мектеп директоры, кеңес төрағасы');
    const final = await storedPdf(id);
    expect(final.subarray(0, first.length).equals(first)).toBe(true);
    expect(signed.sizeBytes).toBe(final.length);
    const sig = pdfsig(final);
    expect(sig.signatures.map((s) => [s.commonName, s.validation])).toEqual([
      ['Сейітова Әйгерім Ғалымқызы', 'Signature is Valid.'],
      [ADMIN.displayName, 'Signature is Valid.'],
    ]);
    expect(sig.signatures[1]!.totalDocumentSigned).toBe(true);
    expect(qpdfCheck(final).ok).toBe(true);
    const text = flat(pdfText(final));
    expect(text.split(HEADER).length - 1).toBe(2);
    expect(text).toContain('Лауазымы: №96 мектеп директоры, кеңес төрағасы');
    expect((await c.call('documents.verify', { pdfBase64: final.toString('base64') })).register).toBe('exact');
    expect(await c.call('documents.awaitingMine', {})).toEqual([]);
    // the revision history: the file right after each signature
    const slots = await c.state.db.selectFrom('document_signature_slots').selectAll().where('document_id', '=', id).orderBy('slot').execute();
    expect(slots.map((s) => [s.role, s.size_after, s.signed_by])).toEqual([
      ['secretary', first.length, slots[0]!.signed_by],
      ['chair', final.length, directorId],
    ]);
    expect(slots[1]!.sha256_after).toBe(signed.sha256);
    // a copy saved before the chair signed is still found: the file right after the first signature (slot 0)
    expect(await findRevisionBySha256(c.state.db, sha256Hex(first))).toEqual({ documentId: id, slot: 0 });
    // audited
    const audit = await c.call('audit.list', { action: 'documents.cosign' });
    expect(audit.items.filter((i) => i.outcome === 'ok').map((i) => i.entityId)).toEqual([id]);
    // nothing more to sign
    const again = await c.try('documents.cosign', { id, signer: directorSigner });
    expect(again.ok ? null : again.error.code).toBe('documents.not_awaiting_signature');
    savePdfArtifact(first, 'cosign-first');
    savePdfArtifact(final, 'cosign-final');
    renderPng(final, 'cosign-final', [2], 80);
  });

  it('a slot for a role (no named account) is signed by any account holding that role, by no other', async () => {
    await loginAs(SECRETARY);
    const issued = await issueAsSecretary({ role: 'chair', roleLabel: 'Төраға', accountId: null, requiredRole: 'director' });
    await loginAs(DEPUTY);
    expect((await c.call('documents.get', { id: issued.document.id })).awaiting?.mine).toBe(false);
    const byDeputy = await c.try('documents.cosign', { id: issued.document.id, signer: directorSigner });
    expect(byDeputy.ok ? null : byDeputy.error.code).toBe('documents.not_your_signature');
    await loginAs(ADMIN);
    expect((await c.call('documents.awaitingMine', {})).map((d) => d.id)).toContain(issued.document.id);
    // a slot for the director's role: the director's, by role
    expect((await c.call('documents.get', { id: issued.document.id })).awaiting?.mine).toBe(true);
    const signed = await c.call('documents.cosign', { id: issued.document.id, signer: directorSigner });
    expect(signed.awaiting).toBeNull();
  });

  it('an interrupted signing leaves the previous signed file untouched', async () => {
    await loginAs(SECRETARY);
    const issued = await issueAsSecretary({ role: 'chair', roleLabel: 'Төраға', accountId: directorId });
    await loginAs(ADMIN);
    // the director's unlock sealed the minutes (a welfare kind): co-signing opens them with the session's keys
    const who = { accountId: directorId, roles: ADMIN.roles };
    await expect(
      c.state.db.transaction().execute((trx) =>
        cosignDocument({ db: trx, now: c.platform.now(), keys: c.state }, who, issued.document.id, directorSigner, {
          beforeSwap: () => {
            throw new Error('power cut');
          },
        }),
      ),
    ).rejects.toThrow('power cut');
    // the crash after the swap but before the commit: rolled back as well
    await expect(
      c.state.db.transaction().execute(async (trx) => {
        await cosignDocument({ db: trx, now: c.platform.now(), keys: c.state }, who, issued.document.id, directorSigner);
        throw new Error('power cut after the swap');
      }),
    ).rejects.toThrow('power cut after the swap');
    expect((await storedPdf(issued.document.id)).equals(issued.pdf)).toBe(true);
    expect((await c.call('documents.get', { id: issued.document.id })).awaiting?.role).toBe('chair');
  });

  it('the DB refuses any change of an issued file but the next signature appended', async () => {
    await loginAs(SECRETARY);
    const issued = await issueAsSecretary({ role: 'chair', roleLabel: 'Төраға', accountId: directorId });
    const id = issued.document.id;
    const update = (pdf: Buffer) =>
      sql`UPDATE documents SET pdf = ${pdf}, size_bytes = ${pdf.length} WHERE id = ${id}`.execute(c.state.db);
    // not an extension: one byte of the signed part changed
    const tampered = Buffer.concat([issued.pdf, Buffer.from('\n% more\n')]);
    tampered[100] = tampered[100]! ^ 1;
    await expect(update(tampered)).rejects.toThrow(/immutable/);
    // shorter
    await expect(update(issued.pdf.subarray(0, issued.pdf.length - 10))).rejects.toThrow(/immutable/);
    // other columns
    await expect(sql`UPDATE documents SET title = 'x' WHERE id = ${id}`.execute(c.state.db)).rejects.toThrow(/immutable/);
    await expect(sql`DELETE FROM documents WHERE id = ${id}`.execute(c.state.db)).rejects.toThrow();
    await expect(sql`DELETE FROM document_signature_slots WHERE document_id = ${id}`.execute(c.state.db)).rejects.toThrow();
    expect((await storedPdf(id)).equals(issued.pdf)).toBe(true);
    // once every slot is signed, not even an extension is accepted
    await loginAs(ADMIN);
    await c.call('documents.cosign', { id, signer: directorSigner });
    const final = await storedPdf(id);
    await expect(update(Buffer.concat([final, Buffer.from('\n% appended\n')]))).rejects.toThrow(/immutable/);
  });
});
