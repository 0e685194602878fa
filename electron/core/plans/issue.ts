/**
 * The plan's and the quarterly report's official PDFs: rendered from the plan's templates, signed with the
 * director's certificate and stored in the register through the documents engine (`issueDocument`).
 */
import type { SignerInput } from '../../../shared/documents';
import type { Plan, PlanDocument } from '../../../shared/plans';
import type { SchoolProfile } from '../../../shared/school';
import { issueDocument, type IssueContext } from '../documents/issue';
import { renderPdf } from '../documents/render';
import type { DocLang } from '../documents/types';
import { AppError } from '../errors';
import { ensureBuiltinFrameworks } from '../frameworks/queries';
import { readSchoolProfile } from '../school/queries';
import { isoDate, readCalendar } from './calendar';
import { quarterRows } from './execution';
import { planDocument, planTitle, reportDocument, reportTitle, type AbbreviationRow, type PlanPdfInput, type ReportRow } from './pdf';
import { loadPlan } from './queries';
import type { Db } from '../db/types';
import { lastSnapshot } from './service';

/** Abbreviations of the stored frameworks (newest revision first wins), to expand bodies in the plan. */
export async function abbreviationsFor(db: Db): Promise<AbbreviationRow[]> {
  const rows = await db
    .selectFrom('framework_abbreviations as a')
    .innerJoin('frameworks as f', 'f.id', 'a.framework_id')
    .select(['a.abbr', 'a.full_kk', 'a.full_ru'])
    .orderBy('f.revision', 'desc')
    .execute();
  const seen = new Map<string, AbbreviationRow>();
  for (const r of rows) if (!seen.has(r.abbr)) seen.set(r.abbr, { abbr: r.abbr, fullKk: r.full_kk, fullRu: r.full_ru });
  return [...seen.values()].sort((a, b) => a.abbr.localeCompare(b.abbr, 'kk'));
}

export interface PrintablePlan {
  plan: Plan;
  school: SchoolProfile;
  approval: PlanPdfInput['approval'];
  abbreviations: AbbreviationRow[];
}

export async function printablePlan(db: Db, planId: string): Promise<PrintablePlan> {
  const plan = await loadPlan(db, planId);
  const school = await readSchoolProfile(db);
  const current = plan.status === 'approved' ? plan.approvals.find((a) => a.revision === plan.revision) : undefined;
  return {
    plan,
    school,
    approval: current
      ? {
          approverName: current.approverName,
          approvedOn: current.approvedOn,
          positionKk: current.approverPositionKk,
          positionRu: current.approverPositionRu,
        }
      : null,
    abbreviations: await abbreviationsFor(db),
  };
}

/** An unsigned PDF of the plan as it stands (a draft carries the «ЖОБА» watermark and a blank approval date). */
export async function previewPlanPdf(db: Db, planId: string, lang: DocLang): Promise<Buffer> {
  const p = await printablePlan(db, planId);
  return renderPdf(planDocument({ lang, ...p }));
}

async function recordDocument(
  db: Db,
  row: { planId: string; revision: number; kind: 'plan' | 'quarterly_report'; quarter: number | null; lang: DocLang; documentId: string; registerNumber: string },
  now: Date,
): Promise<void> {
  await db
    .insertInto('plan_documents')
    .values({
      plan_id: row.planId,
      revision: row.revision,
      kind: row.kind,
      quarter: row.quarter,
      language: row.lang,
      document_id: row.documentId,
      register_number: row.registerNumber,
      created_at: now.toISOString(),
    })
    .execute();
}

/**
 * The signer must use their own certificate (the director signs the plan with the director's certificate): a
 * certificate created or imported by another account is refused as `documents.no_certificate`.
 */
async function assertOwnCertificate(ctx: IssueContext, signer: SignerInput): Promise<void> {
  const r = await ctx.db
    .selectFrom('signing_certificates')
    .select('owner_account_id')
    .where('id', '=', signer.certificateId)
    .executeTakeFirst();
  if (r && r.owner_account_id !== null && r.owner_account_id !== ctx.session?.accountId) {
    throw new AppError('documents.no_certificate', "the certificate belongs to another account");
  }
}

/** Signs the approved revision's PDF and puts it in the register. */
export async function issuePlanPdf(ctx: IssueContext, planId: string, lang: DocLang, signer: SignerInput): Promise<PlanDocument> {
  await ensureBuiltinFrameworks(ctx.db, ctx.now);
  const p = await printablePlan(ctx.db, planId);
  if (!p.approval) throw new AppError('plans.not_approved', 'only an approved revision is signed');
  await assertOwnCertificate(ctx, signer);
  const issued = await issueDocument(ctx, {
    kind: 'plan',
    lang,
    title: planTitle(lang, p.plan),
    // the stamp prints the position as the approval block does, in the document's language
    signers: [{ ...signer, position: signer.position ?? (lang === 'kk' ? p.approval.positionKk : p.approval.positionRu) }],
    source: { type: 'plan', id: planId },
    build: ({ registerNumber, documentId, stamps }) => planDocument({ lang, ...p, registerNumber, documentId, stamps }),
  });
  await recordDocument(
    ctx.db,
    { planId, revision: p.plan.revision, kind: 'plan', quarter: null, lang, documentId: issued.document.id, registerNumber: issued.document.registerNumber },
    ctx.now,
  );
  return {
    documentId: issued.document.id,
    registerNumber: issued.document.registerNumber,
    language: lang,
    sha256: issued.document.sha256,
    pdfBase64: issued.pdf.toString('base64'),
  };
}

export async function reportInput(db: Db, planId: string, quarter: number, today: string) {
  const plan = await loadPlan(db, planId);
  const school = await readSchoolProfile(db);
  const cal = await readCalendar(db, plan.academicYear);
  const q = cal.quarters[quarter - 1]!;
  // while a new revision is being drafted, the report keeps to the items of the last approved one
  const snapshot = plan.status === 'draft' ? await lastSnapshot(db, planId) : null;
  const approvedIds = snapshot ? new Set(snapshot.items.map((i) => i.id)) : null;
  const pairs = (await quarterRows(db, planId, quarter, '9999-12-31')).filter(({ pair }) => !approvedIds || approvedIds.has(pair.item_id));
  const rows: ReportRow[] = pairs.map(({ pair, mark }) => ({
    number: pair.number,
    measureKk: pair.measure_kk,
    measureRu: pair.measure_ru,
    status: mark?.status ?? null,
    doneText: mark?.doneText ?? '',
    doneOn: mark?.doneOn ?? null,
    reachPupils: mark?.reachPupils ?? 0,
    reachParents: mark?.reachParents ?? 0,
    reachTeachers: mark?.reachTeachers ?? 0,
    evidenceCount: mark?.evidence.length ?? 0,
  }));
  return { plan, school, quarter, quarterStart: q.start, quarterEnd: q.end, rows, issuedOn: today };
}

/** «Жоспардың орындалуы туралы ақпарат» for a quarter: signed, in the register. */
export async function issueQuarterlyReport(
  ctx: IssueContext,
  planId: string,
  quarter: number,
  lang: DocLang,
  signer: SignerInput,
): Promise<PlanDocument> {
  const approved = await ctx.db.selectFrom('plan_revisions').select('revision').where('plan_id', '=', planId).executeTakeFirst();
  if (!approved) throw new AppError('plans.not_approved', 'a report is made for an approved plan');
  await assertOwnCertificate(ctx, signer);
  const input = await reportInput(ctx.db, planId, quarter, isoDate(ctx.now));
  const issued = await issueDocument(ctx, {
    kind: 'plan_report',
    lang,
    title: `${reportTitle(lang)} (${quarter})`,
    signers: [signer],
    source: { type: 'plan', id: planId },
    build: ({ registerNumber, documentId, stamps }) => reportDocument({ lang, ...input, registerNumber, documentId, stamps }),
  });
  await recordDocument(
    ctx.db,
    {
      planId,
      revision: input.plan.revision,
      kind: 'quarterly_report',
      quarter,
      lang,
      documentId: issued.document.id,
      registerNumber: issued.document.registerNumber,
    },
    ctx.now,
  );
  return {
    documentId: issued.document.id,
    registerNumber: issued.document.registerNumber,
    language: lang,
    sha256: issued.document.sha256,
    pdfBase64: issued.pdf.toString('base64'),
  };
}
