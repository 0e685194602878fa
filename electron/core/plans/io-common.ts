/**
 * What the DOCX and XLSX exports share: the plan as printed rows (section rows and the seven cells of each item,
 * in the seed's column order), the approval block's lines, the column headers, file names; and the checks every
 * imported Office file passes (size, ZIP signature, old binary formats, sizes inside the ZIP).
 */
import { z } from 'zod';
import type { IoLanguage } from '../../../shared/plans-io';
import { MAX_IMPORT_BYTES } from '../../../shared/plans-io';
import { STAFF_ROLE_LABELS, dueDatesSchema, dueMonthsSchema, targetGroupSchema, type Plan, type PlanItem } from '../../../shared/plans';
import type { SchoolProfile } from '../../../shared/school';
import { blankDateLine, formatDate } from '../documents/dates';
import { AppError } from '../errors';
import { readSchoolProfile } from '../school/queries';
import { abbreviationsFor } from './issue';
import { itemTexts, printedPlan, type PrintedPlan } from './printed';
import { loadPlan } from './queries';
import type { Db } from '../db/types';

/** The columns of Decree 748's table, which the school's plan follows. */
export const COLUMN_KEYS = ['number', 'measure', 'completionForm', 'deadline', 'responsible', 'cost', 'funding'] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export const COLUMN_LABELS: Record<IoLanguage, readonly string[]> = {
  kk: ['№', 'Іс-шаралар', 'Аяқталу нысаны', 'Орындау мерзімі', 'Жауаптылар', 'Болжамды шығыстар', 'Қаржыландыру көздері'],
  ru: ['№ п/п', 'Мероприятия', 'Форма завершения', 'Срок исполнения', 'Ответственные исполнители', 'Предполагаемые расходы', 'Источники финансирования'],
};

export type ExportRow =
  | { kind: 'section'; level: 1 | 2; text: string }
  /** a part heading of a mixed plan ("I. …", "II. Мектептің өз іс-шаралары") */
  | { kind: 'part'; text: string }
  | { kind: 'item'; cells: string[] };

export interface ApprovalLines {
  heading: string;
  position: string[];
  signature: string;
  date: string;
}

/**
 * The plan data a DOCX or XLSX export carries out of sight (a custom document property `QorganPlan` in the DOCX, a
 * very hidden sheet `qorgan` in the XLSX): what the printed table cannot show — the other language, due months
 * and dates, target groups, framework links. The import uses it only for rows whose number and measure are still
 * as exported; the table stays the source of truth. Plan texts only, no personal data.
 */
const t = (max: number) => z.string().max(max);
export const planMetaSchema = z.object({
  format: z.literal('qorgan.plan-table'),
  version: z.literal(1),
  language: z.enum(['kk', 'ru']),
  titleKk: t(1000),
  titleRu: t(1000),
  sections: z.array(z.object({ number: t(20), titleKk: t(1000), titleRu: t(1000) })).max(2000),
  items: z
    .array(
      z.object({
        number: t(20),
        measureKk: t(4000),
        measureRu: t(4000),
        completionFormKk: t(1000),
        completionFormRu: t(1000),
        deadlineKk: t(1000),
        deadlineRu: t(1000),
        costKk: t(400),
        costRu: t(400),
        fundingKk: t(400),
        fundingRu: t(400),
        dueMonths: dueMonthsSchema,
        dueDates: dueDatesSchema,
        targetGroup: targetGroupSchema,
        links: z.array(z.object({ code: t(64), number: t(20) })).max(50),
      }),
    )
    .max(10_000),
});
export type PlanMeta = z.infer<typeof planMetaSchema>;

export function planMeta(plan: Plan, language: IoLanguage): PlanMeta {
  return {
    format: 'qorgan.plan-table',
    version: 1,
    language,
    titleKk: plan.titleKk,
    titleRu: plan.titleRu,
    // the numbers as printed: a framework's own section or item by the framework's code or number
    sections: plan.sections.map((s) => ({ number: s.origin?.code ?? s.number, titleKk: s.titleKk, titleRu: s.titleRu })),
    items: plan.items.map((i) => ({
      number: i.origin?.number ?? String(i.number),
      measureKk: i.measureKk,
      measureRu: i.measureRu,
      completionFormKk: i.completionFormKk,
      completionFormRu: i.completionFormRu,
      deadlineKk: i.deadlineKk,
      deadlineRu: i.deadlineRu,
      costKk: i.costKk,
      costRu: i.costRu,
      fundingKk: i.fundingKk,
      fundingRu: i.fundingRu,
      dueMonths: i.dueMonths,
      dueDates: i.dueDates,
      targetGroup: i.targetGroup,
      links: i.frameworkLinks.map((l) => ({ code: l.frameworkCode, number: l.number })),
    })),
  };
}

/** The hidden plan data of an imported file, or null when absent or not in the expected form. */
export function parsePlanMeta(json: string | null): PlanMeta | null {
  if (json === null) return null;
  try {
    const r = planMetaSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export interface PlanExport {
  plan: Plan;
  language: IoLanguage;
  /** the plan as the PDF prints it (year line, rows, abbreviation note, translation note) */
  printed: PrintedPlan;
  approval: ApprovalLines;
  title: string;
  headers: readonly string[];
  rows: ExportRow[];
  /** plan-2025-2026-kk (no extension) */
  baseName: string;
}

/** "Мектеп директоры, Педагог-психолог, ОМ, ЖАО": staff by their printed role, then outside bodies. */
export function responsibleText(item: Pick<PlanItem, 'responsibleRoles' | 'responsibleBodies'>, lang: IoLanguage): string {
  return [...item.responsibleRoles.map((r) => STAFF_ROLE_LABELS[r][lang]), ...item.responsibleBodies].join(', ');
}

/** The text in the document's language, or the other language's when that one is empty (as the PDF prints). */
export function pick(lang: IoLanguage, kk: string, ru: string): string {
  const primary = lang === 'kk' ? kk : ru;
  return primary.trim() !== '' ? primary : lang === 'kk' ? ru : kk;
}

export function itemCells(item: PlanItem, lang: IoLanguage): string[] {
  return [
    `${item.number}.`,
    pick(lang, item.measureKk, item.measureRu),
    pick(lang, item.completionFormKk, item.completionFormRu),
    pick(lang, item.deadlineKk, item.deadlineRu),
    responsibleText(item, lang),
    pick(lang, item.costKk, item.costRu),
    pick(lang, item.fundingKk, item.fundingRu),
  ];
}

/** Section rows ("2. …", "2.1. …") followed by their items, in print order. */
export function planRows(plan: Plan, lang: IoLanguage): ExportRow[] {
  const rows: ExportRow[] = [];
  const bySection = new Map<string, PlanItem[]>();
  for (const it of plan.items) {
    const list = bySection.get(it.sectionId) ?? [];
    list.push(it);
    bySection.set(it.sectionId, list);
  }
  for (const s of plan.sections) {
    const title = pick(lang, s.titleKk, s.titleRu);
    rows.push({ kind: 'section', level: s.parentId === null ? 1 : 2, text: `${s.number}. ${title}`.trim() });
    for (const it of (bySection.get(s.id) ?? []).sort((a, b) => a.number - b.number)) {
      rows.push({ kind: 'item', cells: itemCells(it, lang) });
    }
  }
  return rows;
}

function localDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y ?? 2000, (m ?? 1) - 1, d ?? 1);
}

/** «Бекітемін» block: the approver of the current revision when approved, otherwise the director with blank date. */
export function approvalLines(plan: Plan, school: SchoolProfile, lang: IoLanguage): ApprovalLines {
  const kk = lang === 'kk';
  const approval = plan.status === 'approved' ? plan.approvals.find((a) => a.revision === plan.revision) : undefined;
  const position = approval ? (kk ? approval.approverPositionKk : approval.approverPositionRu) : kk ? school.directorPositionKk : school.directorPositionRu;
  const name = approval ? approval.approverName : school.directorName;
  return {
    heading: kk ? '«Бекітемін»' : '«Утверждаю»',
    position: position.split('\n').filter((l) => l.trim() !== ''),
    signature: `__________ ${name}`,
    date: approval ? formatDate(lang, localDate(approval.approvedOn)) : blankDateLine(lang),
  };
}

/** The printed model's rows as export rows (the seven cells of an item as texts). */
export function exportRows(printed: PrintedPlan): ExportRow[] {
  return printed.rows.map((r) => (r.kind === 'item' ? { kind: 'item', cells: itemTexts(r) } : r));
}

export async function loadPlanExport(db: Db, planId: string, lang: IoLanguage): Promise<PlanExport> {
  const [plan, school, abbreviations] = await Promise.all([loadPlan(db, planId), readSchoolProfile(db), abbreviationsFor(db)]);
  const printed = printedPlan(lang, plan, abbreviations.map((a) => ({ kk: a.abbr, ru: a.abbr, fullKk: a.fullKk, fullRu: a.fullRu })));
  return {
    plan,
    language: lang,
    printed,
    approval: approvalLines(plan, school, lang),
    title: printed.title,
    headers: COLUMN_LABELS[lang],
    rows: exportRows(printed),
    baseName: `plan-${plan.academicYear}-${plan.academicYear + 1}-${lang}`,
  };
}

// --- imported files -------------------------------------------------------------------------------------------

/** Total bytes an imported ZIP may unpack to (a guard against ZIP bombs). */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/** Decodes the base64 of an imported file and checks its size and type before any parser sees it. */
export function decodeImportFile(base64: string, kind: 'docx' | 'xlsx'): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  checkImportBytes(bytes, kind);
  return bytes;
}

/** The size and type checks of an imported file's bytes: `plans.import_too_large`, `…_old_format`, `…_wrong_type`. */
export function checkImportBytes(bytes: Uint8Array, kind: 'docx' | 'xlsx'): void {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new AppError('plans.import_too_large', 'the file is larger than the import limit', {
      limitMb: MAX_IMPORT_BYTES / (1024 * 1024),
    });
  }
  const u32 = (at: number) => ((bytes[at] as number) * 0x1000000 + ((bytes[at + 1] as number) << 16) + ((bytes[at + 2] as number) << 8) + (bytes[at + 3] as number));
  if (bytes.length >= 8 && u32(0) === 0xd0cf11e0 && u32(4) === 0xa1b11ae1) {
    throw new AppError('plans.import_old_format', 'an old binary Word/Excel file (.doc/.xls)', { kind });
  }
  if (bytes.length < 4 || u32(0) !== 0x504b0304) {
    throw new AppError('plans.import_wrong_type', 'the file is not an Office Open XML document', { kind });
  }
}

