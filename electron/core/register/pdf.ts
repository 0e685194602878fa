/**
 * The individual prevention plan of a registered pupil as an official document (kk / ru): the director's approval
 * block (signed by hand), the title, the pupil and the decision that put them on the register, the grounds, the
 * measures table (№, measure, due, responsible, done and result), the reviews so far, and the signature line of
 * whoever drew it up, with their stamp when signed. Signed and registered through the documents engine
 * (`issuePreventionPlan`). The register's title never names the child (it is plain, searchable text); only the
 * PDF does, and the PDF is a protected document (shared/documents.ts `PROTECTED_DOCUMENT_KINDS`).
 */
import type { Content } from 'pdfmake/interfaces';
import type { SignerInput } from '../../../shared/documents';
import type { PreventionPlanDocument, RegisterEntry, ReviewOutcome } from '../../../shared/register';
import type { SchoolProfile } from '../../../shared/school';
import { recordChronology } from '../chronology/record';
import type { KeySource } from '../core';
import { approvalBlock, dataTable, officialDocument, paragraph, signatureLine, titleBlock } from '../documents/blocks';
import { formatDate } from '../documents/dates';
import { issueDocument, type IssueContext } from '../documents/issue';
import type { DocLang } from '../documents/types';
import { AppError } from '../errors';
import { readSchoolProfile } from '../school/queries';
import { getEntry, listGrounds } from './queries';
import type { Db } from '../db/types';

const WORDS = {
  kk: {
    title: 'Мектепішілік есепте тұрған оқушымен жеке профилактикалық жұмыс жоспары',
    pupil: 'Оқушы',
    klass: 'Сынып',
    born: 'Туған күні',
    on: 'Есепке қойылды',
    decision: (body: 'council' | 'director', number: string, date: string) =>
      `${date}, ${body === 'council' ? 'профилактика кеңесінің' : 'директордың'} № ${number} шешімі`,
    grounds: 'Есепке қою негіздемелері',
    curator: 'Жетекшілік ететін маман',
    nextReview: 'Келесі қарау',
    headers: ['№', 'Іс-шара', 'Мерзімі', 'Жауапты', 'Орындалуы'],
    reviews: 'Жағдайды қарау',
    outcome: { improved: 'жақсарды', no_change: 'өзгеріс жоқ', worse: 'нашарлады', ready_to_take_off: 'есептен шығаруға ұсынылады' } as Record<ReviewOutcome, string>,
    drawnUp: 'Жоспарды құрастырған',
    none: 'Іс-шаралар әлі енгізілмеген.',
    docTitle: 'Жеке профилактика жоспары',
  },
  ru: {
    title: 'Индивидуальный план профилактической работы с учащимся, состоящим на внутришкольном учёте',
    pupil: 'Учащийся',
    klass: 'Класс',
    born: 'Дата рождения',
    on: 'Поставлен на учёт',
    decision: (body: 'council' | 'director', number: string, date: string) =>
      `решение ${body === 'council' ? 'совета профилактики' : 'директора'} № ${number} от ${date}`,
    grounds: 'Основания постановки на учёт',
    curator: 'Курирующий специалист',
    nextReview: 'Следующий пересмотр',
    headers: ['№', 'Мероприятие', 'Срок', 'Ответственный', 'Выполнение'],
    reviews: 'Пересмотры',
    outcome: { improved: 'улучшение', no_change: 'без изменений', worse: 'ухудшение', ready_to_take_off: 'рекомендовано снять с учёта' } as Record<ReviewOutcome, string>,
    drawnUp: 'План составил(а)',
    none: 'Мероприятия ещё не внесены.',
    docTitle: 'Индивидуальный план профилактики',
  },
} as const;

const date = (lang: DocLang, iso: string | null) => (iso ? formatDate(lang, new Date(`${iso.slice(0, 10)}T00:00:00`)) : '');

export interface PlanPdfInput {
  lang: DocLang;
  school: SchoolProfile;
  pupil: { lastName: string; firstName: string; middleName: string; grade: number; classLetter: string; birthDate: string | null };
  entry: RegisterEntry;
  groundLabels: string[];
  author: { name: string };
  registerNumber?: string | null;
  documentId?: string | null;
  stamps?: Content[];
}

export function preventionPlanTitle(lang: DocLang): string {
  return WORDS[lang].docTitle;
}

export function preventionPlanDocument(p: PlanPdfInput) {
  const w = WORDS[p.lang];
  const e = p.entry;
  const name = [p.pupil.lastName, p.pupil.firstName, p.pupil.middleName].filter(Boolean).join(' ');
  const line = (label: string, value: string): Content => ({ text: [{ text: `${label}: `, bold: true }, { text: value }], margin: [0, 0, 0, 4] });
  const rows = e.measures.map((m, i) => [
    String(i + 1),
    m.what ?? '',
    date(p.lang, m.dueOn),
    m.responsibleName ?? m.responsibleText ?? '',
    m.doneOn ? `${date(p.lang, m.doneOn)}${m.result ? `. ${m.result}` : ''}` : '',
  ]);
  const content: Content[] = [
    approvalBlock(p.lang, { position: p.lang === 'kk' ? p.school.directorPositionKk : p.school.directorPositionRu, name: p.school.directorName }),
    titleBlock(w.title),
    line(w.pupil, name),
    line(w.klass, `${p.pupil.grade} ${p.pupil.classLetter}`.trim()),
    ...(p.pupil.birthDate ? [line(w.born, date(p.lang, p.pupil.birthDate))] : []),
    line(w.on, w.decision(e.on.body, e.on.number, date(p.lang, e.on.date))),
    line(w.grounds, p.groundLabels.join('; ')),
    ...(e.curatorName ? [line(w.curator, e.curatorName)] : []),
    ...(e.nextReviewOn ? [line(w.nextReview, date(p.lang, e.nextReviewOn))] : []),
    { text: '', margin: [0, 0, 0, 6] },
    rows.length > 0
      ? dataTable({ headers: [...w.headers], widths: [24, '*', 80, 100, 110], rows, dontBreakRows: true })
      : paragraph(w.none, { indent: false }),
  ];
  if (e.reviews.length > 0) {
    content.push({ text: w.reviews, bold: true, margin: [0, 8, 0, 4] });
    for (const r of [...e.reviews].reverse()) {
      content.push({ text: `${date(p.lang, r.reviewedOn)} — ${r.outcome ? w.outcome[r.outcome] : ''}${r.note ? `. ${r.note}` : ''}`, margin: [0, 0, 0, 2] });
    }
  }
  content.push(signatureLine(w.drawnUp, p.author.name, p.stamps?.[0]));
  return officialDocument({ lang: p.lang, title: w.docTitle, registerNumber: p.registerNumber ?? null, documentId: p.documentId ?? null, content });
}

async function assertOwnCertificate(ctx: IssueContext, signer: SignerInput): Promise<void> {
  const r = await ctx.db.selectFrom('signing_certificates').select('owner_account_id').where('id', '=', signer.certificateId).executeTakeFirst();
  if (r && r.owner_account_id !== null && r.owner_account_id !== ctx.session?.accountId) {
    throw new AppError('documents.no_certificate', 'the certificate belongs to another account');
  }
}

export async function planPdfInput(db: Db, keys: KeySource, entryId: string, lang: DocLang, today: string, author: string): Promise<PlanPdfInput> {
  const entry = await getEntry(db, entryId, keys, today);
  if (entry.groundIds === null) throw new AppError('keys.not_holder', 'the plan needs the protection compartment');
  const pupil = await db
    .selectFrom('pupils')
    .select(['last_name', 'first_name', 'middle_name', 'grade', 'class_letter', 'birth_date'])
    .where('id', '=', entry.pupilId)
    .executeTakeFirstOrThrow();
  const grounds = new Map((await listGrounds(db)).map((g) => [g.id, lang === 'kk' ? g.labelKk : g.labelRu]));
  return {
    lang,
    school: await readSchoolProfile(db),
    pupil: { lastName: pupil.last_name, firstName: pupil.first_name, middleName: pupil.middle_name, grade: pupil.grade, classLetter: pupil.class_letter, birthDate: pupil.birth_date },
    entry,
    groundLabels: entry.groundIds.map((g) => grounds.get(g) ?? '?'),
    author: { name: author },
  };
}

/** Signs the plan with the caller's own certificate, registers it, and notes it in the pupil's chronology. */
export async function issuePreventionPlan(
  ctx: IssueContext & { keys: KeySource; today: string; authorName: string },
  entryId: string,
  lang: DocLang,
  signer: SignerInput,
): Promise<PreventionPlanDocument> {
  const input = await planPdfInput(ctx.db, ctx.keys, entryId, lang, ctx.today, ctx.authorName);
  await assertOwnCertificate(ctx, signer);
  const issued = await issueDocument(ctx, {
    kind: 'prevention_plan',
    lang,
    title: preventionPlanTitle(lang),
    signers: [signer],
    source: { type: 'register_entry', id: entryId },
    build: ({ registerNumber, documentId, stamps }) => preventionPlanDocument({ ...input, registerNumber, documentId, stamps }),
  });
  await recordChronology(
    ctx.db,
    ctx.keys,
    { accountId: ctx.session?.accountId ?? null, now: ctx.now },
    {
      pupilId: input.entry.pupilId,
      kind: 'document',
      source: { table: 'documents', id: issued.document.id },
      summary: `${preventionPlanTitle(lang)}: ${issued.document.registerNumber}`,
    },
  );
  return {
    documentId: issued.document.id,
    registerNumber: issued.document.registerNumber,
    language: lang,
    sha256: issued.document.sha256,
    pdfBase64: issued.pdf.toString('base64'),
  };
}
