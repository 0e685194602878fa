/**
 * Cyberbullying evidence: a record of where it happened (platform, account names, links, what was seen) and its
 * screenshots. A screenshot arrives as base64 over the registry, is checked in memory — at most 10 MB, an image by
 * its own bytes (PNG, JPEG, GIF, WebP; the name and the stated type are not trusted) — and is stored sealed in the
 * `protection` compartment with its name and type: never written to a temp file or anywhere in the clear.
 */
import crypto from 'node:crypto';
import { MAX_SCREENSHOT_BYTES, type BullyingFlow, type ImageType, type bullyingMethods } from '../../../shared/bullying';
import type { ParsedInputOf } from '../../../shared/contract';
import { recordChronology } from '../chronology/record';
import type { KeySource } from '../core';
import { AppError } from '../errors';
import { bump, getFlow } from './flow';
import type { Actor, Db } from '../db/types';
import { evidenceFileProtected, evidenceProtected } from './protected';
import { casePupilProtected } from '../cases/protected';

type In<M extends keyof typeof bullyingMethods> = ParsedInputOf<(typeof bullyingMethods)[M]>;

/** The image type by its magic bytes, or null. */
export function imageTypeOf(b: Uint8Array): ImageType | null {
  const starts = (sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38, 0x37, 0x61]) || starts([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])) return 'image/gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/** Keeps only the file's own name (no folders) and drops control characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'screenshot';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.length > 0 ? clean.slice(0, 255) : 'screenshot';
}

async function cyberFlow(db: Db, caseId: string) {
  const f = await db.selectFrom('bullying_flows').select(['case_id', 'cyber']).where('case_id', '=', caseId).executeTakeFirst();
  if (!f) throw new AppError('bullying.not_started', 'the bullying flow of this case was not started');
  if (f.cyber !== 1) throw new AppError('bullying.not_cyber', 'evidence records are kept for cyberbullying cases');
  return f;
}

async function targetedOf(db: Db, keys: KeySource, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('case_pupils').select(['id', 'pupil_id', 'role_enc']).where('case_id', '=', caseId).execute();
  return rows.filter((r) => casePupilProtected.read(keys, r.id, r).role_enc === 'targeted').map((r) => r.pupil_id);
}

async function chronicle(db: Db, a: Actor, caseId: string, number: number, id: string, summary: string): Promise<void> {
  for (const pupilId of await targetedOf(db, a.keys, caseId)) {
    await recordChronology(db, a.keys, { accountId: a.accountId, now: a.now }, {
      pupilId,
      kind: 'bullying_evidence',
      source: { table: 'bullying_evidence', id },
      summary: `№${number}: ${summary}`,
    });
  }
}

export async function addEvidence(db: Db, a: Actor, input: In<'bullying.addEvidence'>): Promise<BullyingFlow> {
  const c = await bump(db, input.caseId, input.version, a.now);
  await cyberFlow(db, c.id);
  const id = crypto.randomUUID();
  const details = { platform: input.platform, accounts: input.accounts, links: input.links, description: input.description, observedOn: input.observedOn };
  await db
    .insertInto('bullying_evidence')
    .values({ id, case_id: c.id, added_at: a.now.toISOString(), added_by: a.accountId, ...evidenceProtected.write(a.keys, id, { details_enc: details }) })
    .execute();
  await chronicle(db, a, c.id, c.number, id, `кибербуллинг дәлелі тіркелді (${input.platform})`);
  return (await getFlow(db, a.keys, c.id, a.now)) as BullyingFlow;
}

export async function addScreenshot(db: Db, a: Actor, input: In<'bullying.addScreenshot'>): Promise<BullyingFlow> {
  const ev = await db.selectFrom('bullying_evidence').select(['id', 'case_id']).where('id', '=', input.evidenceId).executeTakeFirst();
  if (!ev) throw new AppError('not_found', 'no such evidence record');
  const c = await bump(db, ev.case_id, input.version, a.now);
  await cyberFlow(db, c.id);
  if (!/^[A-Za-z0-9+/]+={0,2}$/u.test(input.dataBase64)) throw new AppError('validation', 'the file is not base64', { field: 'file' });
  const data = Buffer.from(input.dataBase64, 'base64');
  try {
    if (data.length > MAX_SCREENSHOT_BYTES) {
      throw new AppError('bullying.file_too_large', 'the screenshot is larger than the limit', { field: 'file', maxBytes: MAX_SCREENSHOT_BYTES, sizeBytes: data.length });
    }
    const mime = imageTypeOf(data);
    if (!mime) throw new AppError('bullying.not_an_image', 'the file is not a PNG, JPEG, GIF or WebP image', { field: 'file' });
    const id = crypto.randomUUID();
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    await db
      .insertInto('bullying_evidence_files')
      .values({
        id,
        evidence_id: ev.id,
        added_at: a.now.toISOString(),
        added_by: a.accountId,
        size_bytes: data.length,
        ...evidenceFileProtected.write(a.keys, id, { meta_enc: { fileName: cleanName(input.fileName), mime, sha256 }, data_enc: data.toString('base64') }),
      })
      .execute();
    await chronicle(db, a, c.id, c.number, ev.id, 'кибербуллинг дәлеліне скриншот қосылды');
  } finally {
    data.fill(0);
  }
  return (await getFlow(db, a.keys, c.id, a.now)) as BullyingFlow;
}

export async function getScreenshot(db: Db, keys: KeySource, id: string): Promise<{ fileName: string; mime: ImageType; dataBase64: string }> {
  const r = await db.selectFrom('bullying_evidence_files').select(['id', 'meta_enc', 'data_enc']).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such screenshot');
  const p = evidenceFileProtected.read(keys, r.id, r);
  if (!p.meta_enc || p.data_enc === null) throw new AppError('keys.not_holder', 'the screenshot needs the protection compartment');
  return { fileName: p.meta_enc.fileName, mime: p.meta_enc.mime, dataBase64: p.data_enc };
}
