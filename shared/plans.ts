/**
 * The school's annual joint work plan (бірлескен жұмыс жоспары / совместный план работы): sections and items,
 * approval («Бекітемін»), revisions, execution per quarter, quarterly reports.
 */
import { z } from 'zod';
import { method } from './contract';
import { signerInputSchema } from './documents';

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max);
const id = z.string().uuid();

/** The academic year by its first calendar year: 2025 = 2025–2026. */
export const academicYearSchema = z.number().int().min(2000).max(2100);

/** Staff who carry out plan items (by position, not by account). */
export const STAFF_ROLES = [
  'director',
  'deputy_director',
  'psychologist',
  'social_pedagogue',
  'class_teacher',
  'senior_counselor',
  'school_nurse',
  'school_inspector',
  'librarian',
  'subject_teachers',
  'pe_teacher',
  'council',
  'parent_committee',
] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** Labels used in documents (the UI has the same labels in its i18n files). */
export const STAFF_ROLE_LABELS: Record<StaffRole, { kk: string; ru: string }> = {
  director: { kk: 'Мектеп директоры', ru: 'Директор школы' },
  deputy_director: { kk: 'Тәрбие ісі жөніндегі директордың орынбасары', ru: 'Зам. директора по ВР' },
  psychologist: { kk: 'Педагог-психолог', ru: 'Педагог-психолог' },
  social_pedagogue: { kk: 'Әлеуметтік педагог', ru: 'Социальный педагог' },
  class_teacher: { kk: 'Сынып жетекшілері', ru: 'Классные руководители' },
  senior_counselor: { kk: 'Аға тәлімгер', ru: 'Старшая вожатая' },
  school_nurse: { kk: 'Медицина қызметкері', ru: 'Медработник' },
  school_inspector: { kk: 'Мектеп инспекторы', ru: 'Школьный инспектор' },
  librarian: { kk: 'Кітапханашы', ru: 'Библиотекарь' },
  subject_teachers: { kk: 'Пән мұғалімдері', ru: 'Учителя-предметники' },
  pe_teacher: { kk: 'Дене шынықтыру мұғалімі', ru: 'Учитель физкультуры' },
  council: { kk: 'Профилактика кеңесі', ru: 'Совет профилактики' },
  parent_committee: { kk: 'Ата-аналар комитеті', ru: 'Родительский комитет' },
};

export const targetGroupSchema = z
  .object({
    /** grades of pupils (0 = pre-school class … 11); empty = no pupils */
    grades: z.array(z.number().int().min(0).max(12)).max(13).default([]),
    parents: z.boolean().default(false),
    teachers: z.boolean().default(false),
  })
  .strict();
export type TargetGroup = z.output<typeof targetGroupSchema>;

export const dueMonthsSchema = z.array(z.number().int().min(1).max(12)).max(12);
export const dueDatesSchema = z.array(z.iso.date()).max(60);

/** The editable fields of an item. */
export const planItemFieldsSchema = z
  .object({
    measureKk: optText(4000),
    measureRu: optText(4000),
    completionFormKk: optText(1000),
    completionFormRu: optText(1000),
    /** the deadline as the school writes it ("тоқсан сайын", "қыркүйек, қаңтар") */
    deadlineKk: optText(1000),
    deadlineRu: optText(1000),
    /** months the item falls due (reminders, overdue); empty with no dates = throughout the year */
    dueMonths: dueMonthsSchema,
    dueDates: dueDatesSchema,
    responsibleRoles: z.array(staffRoleSchema).max(STAFF_ROLES.length),
    /** outside bodies by abbreviation (ЖАО, ДСМ …) or name */
    responsibleBodies: z.array(text(200)).max(30),
    targetGroup: targetGroupSchema,
    costKk: optText(400),
    costRu: optText(400),
    fundingKk: optText(400),
    fundingRu: optText(400),
    /** ids of framework items this item carries out */
    frameworkItemIds: z.array(id).max(50),
  })
  .strict();
export type PlanItemFields = z.output<typeof planItemFieldsSchema>;
export type PlanItemFieldsInput = z.input<typeof planItemFieldsSchema>;

export const EMPTY_ITEM_FIELDS: PlanItemFields = {
  measureKk: '',
  measureRu: '',
  completionFormKk: '',
  completionFormRu: '',
  deadlineKk: '',
  deadlineRu: '',
  dueMonths: [],
  dueDates: [],
  responsibleRoles: [],
  responsibleBodies: [],
  targetGroup: { grades: [], parents: false, teachers: false },
  costKk: '',
  costRu: '',
  fundingKk: '',
  fundingRu: '',
  frameworkItemIds: [],
};

export type PlanStatus = 'draft' | 'approved';

export interface PlanFrameworkLink {
  frameworkItemId: string;
  frameworkCode: string;
  number: string;
}

/** A plan item that is a framework's own item, copied verbatim (printed with the framework's number). */
export interface PlanItemOrigin extends PlanFrameworkLink {
  /** where the framework's Russian texts come from (a translation is said so under the table) */
  ruSource: 'official' | 'translation' | null;
}

export interface PlanItem extends Omit<PlanItemFields, 'frameworkItemIds'> {
  id: string;
  sectionId: string;
  position: number;
  /** automatic number through the whole plan (1, 2, 3 …) */
  number: number;
  frameworkLinks: PlanFrameworkLink[];
  /** the framework item this item is (null or absent: the school's own activity) */
  origin?: PlanItemOrigin | null;
}

export interface PlanSection {
  id: string;
  parentId: string | null;
  position: number;
  /** automatic: "1", "2", "2.1" */
  number: string;
  titleKk: string;
  titleRu: string;
  /** the framework section this section is ("2.1" of decree-748), or null/absent (the school's own section) */
  origin?: { frameworkCode: string; code: string } | null;
}

export interface PlanApproval {
  revision: number;
  approvedAt: string;
  approvedOn: string;
  approverName: string;
  approverPositionKk: string;
  approverPositionRu: string;
  changes: PlanChange[];
  documents: { language: 'kk' | 'ru'; documentId: string; registerNumber: string | null }[];
}

export interface PlanChange {
  kind: 'item_added' | 'item_removed' | 'item_changed' | 'section_added' | 'section_removed' | 'section_changed' | 'title_changed' | 'order_changed';
  /** item or section number in the new revision (or the old one for a removal) */
  ref: string | null;
  fields: string[];
}

export interface PlanSummary {
  id: string;
  academicYear: number;
  titleKk: string;
  titleRu: string;
  status: PlanStatus;
  revision: number;
  itemCount: number;
  approvedOn: string | null;
  updatedAt: string;
}

export interface Plan extends PlanSummary {
  sections: PlanSection[];
  items: PlanItem[];
  approvals: PlanApproval[];
}

export const QUARTERS = [1, 2, 3, 4] as const;
export const quarterSchema = z.number().int().min(1).max(4);
export const EXECUTION_STATUSES = ['done', 'partly', 'not_done', 'not_due'] as const;
export const executionStatusSchema = z.enum(EXECUTION_STATUSES);
export type ExecutionStatus = z.infer<typeof executionStatusSchema>;

export interface EvidenceInfo {
  id: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  addedAt: string;
}

export interface ExecutionMark {
  itemId: string;
  quarter: number;
  status: ExecutionStatus;
  doneText: string;
  doneOn: string | null;
  reachPupils: number;
  reachParents: number;
  reachTeachers: number;
  updatedAt: string;
  evidence: EvidenceInfo[];
}

export const quarterRangeSchema = z.object({ start: z.iso.date(), end: z.iso.date() }).strict();
export const calendarSchema = z
  .object({
    academicYear: academicYearSchema,
    quarters: z.array(quarterRangeSchema).length(4),
  })
  .strict()
  // each problem on the date that breaks it, with its message key (the calendar form shows it on that field)
  .superRefine((c, ctx) => {
    const first = `${c.academicYear}-08-01`;
    const last = `${c.academicYear + 1}-07-31`;
    c.quarters.forEach((q, i) => {
      const prev = c.quarters[i - 1];
      if (prev && prev.end >= q.start) {
        ctx.addIssue({ code: 'custom', path: ['quarters', i, 'start'], message: 'quarters must be in order and must not overlap', params: { i18n: 'plans.calendar.afterPrevious' } });
      }
      if (q.start > q.end) {
        ctx.addIssue({ code: 'custom', path: ['quarters', i, 'end'], message: 'a quarter must not end before it starts', params: { i18n: 'plans.calendar.endBeforeStart' } });
      }
      if (q.start < first) ctx.addIssue({ code: 'custom', path: ['quarters', i, 'start'], message: 'the quarters must lie within the academic year (August to July)', params: { i18n: 'plans.calendar.outsideYear' } });
      if (q.end > last) ctx.addIssue({ code: 'custom', path: ['quarters', i, 'end'], message: 'the quarters must lie within the academic year (August to July)', params: { i18n: 'plans.calendar.outsideYear' } });
    });
  });
export type SchoolCalendar = z.output<typeof calendarSchema>;

export interface SectionProgress {
  sectionId: string;
  number: string;
  titleKk: string;
  titleRu: string;
  /** (item, quarter) pairs due so far */
  due: number;
  done: number;
  partly: number;
  notDone: number;
  overdue: number;
  percent: number;
}

export interface OverdueItem {
  itemId: string;
  number: number;
  measureKk: string;
  measureRu: string;
  quarter: number;
  quarterEnd: string;
  status: ExecutionStatus | null;
}

export interface UpcomingItem {
  planId: string;
  itemId: string;
  number: number;
  measureKk: string;
  measureRu: string;
  deadlineKk: string;
  deadlineRu: string;
  /** the named date when the item has one in the window, else null (due this month) */
  dueDate: string | null;
  quarter: number;
}

export interface ReportDue {
  planId: string;
  academicYear: number;
  quarter: number;
  quarterEnd: string;
  /** the 10th of the month after the quarter */
  dueDate: string;
  state: 'due' | 'overdue';
}

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export interface PlanDocument {
  documentId: string;
  registerNumber: string | null;
  language: 'kk' | 'ru';
  sha256: string;
  /** base64 of the signed PDF */
  pdfBase64: string;
}

const languageSchema = z.enum(['kk', 'ru']);

export const plansMethods = {
  'plans.list': method<PlanSummary[]>()(z.object({ academicYear: academicYearSchema.optional() }).strict()),
  'plans.get': method<Plan>()(z.object({ id }).strict()),
  'plans.create': method<Plan>()(
    z
      .object({
        academicYear: academicYearSchema,
        titleKk: text(1000).optional(),
        titleRu: text(1000).optional(),
        /** empty plan, the template (Order 506 + framework items a school carries out), or a copy of a plan */
        from: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('empty') }).strict(),
          z.object({ kind: z.literal('template'), frameworkId: id.optional() }).strict(),
          z.object({ kind: z.literal('copy'), planId: id.optional() }).strict(),
          /**
           * The framework's own items, verbatim, under its own section headings and numbers (issue 12): all items, or
           * those numbered in `numbers`; `withTemplate` adds the school's own activities (the template) after them,
           * as a separate part.
           */
          z
            .object({
              kind: z.literal('framework'),
              frameworkId: id.optional(),
              numbers: z.array(z.string().trim().regex(/^\d+(\.\d+)*$/)).min(1).max(2000).optional(),
              withTemplate: z.boolean().default(false),
            })
            .strict(),
        ]),
      })
      .strict(),
  ),
  'plans.update': method<Plan>()(
    z.object({ id, titleKk: text(1000).optional(), titleRu: text(1000).optional() }).strict(),
  ),
  'plans.delete': method<null>()(z.object({ id }).strict()),
  'plans.addSection': method<Plan>()(
    z
      .object({
        planId: id,
        parentId: id.nullable().default(null),
        titleKk: optText(1000),
        titleRu: optText(1000),
        /** insert after this sibling; absent = at the end */
        afterId: id.optional(),
      })
      .strict(),
  ),
  'plans.updateSection': method<Plan>()(
    z.object({ id, titleKk: optText(1000).optional(), titleRu: optText(1000).optional() }).strict(),
  ),
  'plans.deleteSection': method<Plan>()(z.object({ id }).strict()),
  'plans.moveSection': method<Plan>()(z.object({ id, toIndex: z.number().int().min(0).max(10_000) }).strict()),
  'plans.addItem': method<Plan>()(
    z
      .object({
        sectionId: id,
        afterId: id.optional(),
        fields: planItemFieldsSchema.partial().default({}),
      })
      .strict(),
  ),
  'plans.updateItem': method<Plan>()(z.object({ id, fields: planItemFieldsSchema.partial() }).strict()),
  'plans.deleteItem': method<Plan>()(z.object({ id }).strict()),
  /** Moves an item to a section (the same or another) at an index among that section's items. */
  'plans.moveItem': method<Plan>()(
    z.object({ id, sectionId: id, toIndex: z.number().int().min(0).max(10_000) }).strict(),
  ),
  /** Director: approves the current draft revision («Бекітемін»). */
  'plans.approve': method<Plan>()(
    z.object({ id, approvedOn: z.iso.date(), approverName: text(200).optional() }).strict(),
  ),
  /** Opens revision N+1 of an approved plan as a draft (the only way to change an approved plan). */
  'plans.startRevision': method<Plan>()(z.object({ id }).strict()),
  /** What changed in the current draft against the last approved revision. */
  'plans.pendingChanges': method<PlanChange[]>()(z.object({ id }).strict()),
  /** Renders the approved revision's PDF, signs it with the director's certificate, stores it in the register. */
  'plans.signPdf': method<PlanDocument>()(
    z.object({ id, language: languageSchema, signer: signerInputSchema }).strict(),
  ),
  /** Unsigned preview of the plan's PDF (any status). */
  'plans.previewPdf': method<{ pdfBase64: string }>()(z.object({ id, language: languageSchema }).strict()),

  'plans.calendar': method<SchoolCalendar>()(z.object({ academicYear: academicYearSchema }).strict()),
  'plans.setCalendar': method<SchoolCalendar>()(calendarSchema),

  'plans.executions': method<ExecutionMark[]>()(
    z.object({ planId: id, quarter: quarterSchema.optional() }).strict(),
  ),
  'plans.setExecution': method<ExecutionMark>()(
    z
      .object({
        itemId: id,
        quarter: quarterSchema,
        status: executionStatusSchema,
        doneText: optText(4000).default(''),
        doneOn: z.iso.date().nullable().default(null),
        reachPupils: z.number().int().min(0).max(100_000).default(0),
        reachParents: z.number().int().min(0).max(100_000).default(0),
        reachTeachers: z.number().int().min(0).max(100_000).default(0),
      })
      .strict(),
  ),
  'plans.addEvidence': method<EvidenceInfo>()(
    z
      .object({
        itemId: id,
        quarter: quarterSchema,
        fileName: text(255),
        mime: text(120).default('application/octet-stream'),
        /** the file, base64; the size limit is checked on the decoded bytes */
        dataBase64: z.string().min(1).max(Math.ceil((MAX_EVIDENCE_BYTES * 4) / 3) + 1024),
      })
      .strict(),
  ),
  /** sensitive read (audited): evidence may show pupils */
  'plans.getEvidence': method<EvidenceInfo & { dataBase64: string }>()(z.object({ id }).strict()),
  'plans.deleteEvidence': method<null>()(z.object({ id }).strict()),
  'plans.progress': method<SectionProgress[]>()(z.object({ planId: id, today: z.iso.date().optional() }).strict()),
  'plans.overdue': method<OverdueItem[]>()(z.object({ planId: id, today: z.iso.date().optional() }).strict()),
  /**
   * Items of approved plans that fall due soon (for reminders): a named date within `days` from today, or a due
   * month that is the current one; items already marked for the current quarter are left out.
   */
  'plans.upcoming': method<UpcomingItem[]>()(
    z.object({ today: z.iso.date().optional(), days: z.number().int().min(0).max(92).default(14) }).strict(),
  ),
  /** Quarterly reports that are due or overdue (for the reminder), over all approved plans. */
  'plans.reportsDue': method<ReportDue[]>()(z.object({ today: z.iso.date().optional() }).strict()),
  /** «Жоспардың орындалуы туралы ақпарат» for a quarter: PDF, signed, in the register. */
  'plans.quarterlyReport': method<PlanDocument>()(
    z
      .object({ planId: id, quarter: quarterSchema, language: languageSchema, signer: signerInputSchema })
      .strict(),
  ),
} as const;

/**
 * Cells of a plan that a Russian (or Kazakh) document would print in the other language, because the item has no
 * text in the document's language. The PDF marks each such cell ("(текст на казахском языке)"); the sign dialog
 * warns before signing.
 */
export function otherLanguageCells(plan: Pick<Plan, 'items' | 'sections'>, lang: 'kk' | 'ru'): number {
  const missing = (kk: string, ru: string) => {
    const [own, other] = lang === 'kk' ? [kk, ru] : [ru, kk];
    return own.trim() === '' && other.trim() !== '' ? 1 : 0;
  };
  let n = 0;
  for (const s of plan.sections) n += missing(s.titleKk, s.titleRu);
  for (const i of plan.items) {
    n += missing(i.measureKk, i.measureRu) + missing(i.completionFormKk, i.completionFormRu) + missing(i.deadlineKk, i.deadlineRu);
    n += missing(i.costKk, i.costRu) + missing(i.fundingKk, i.fundingRu);
  }
  return n;
}
