/**
 * The safety plan as a one-page sheet for the pupil (kk / ru): large type, the pupil's own words in six steps,
 * the helplines 111 and 150 (and 103 / 112) always printed in step 5 whatever was written, and nothing about any
 * other child. Registered through the documents engine as a protected kind (`safety_plan`); the register's title
 * is neutral ("a sheet for the pupil") and so is the PDF's metadata title (a viewer shows it in its window title).
 *
 * One page is a rule, not a hope: the sheet is laid out at the largest body size from 16 pt down to 12 pt that fits
 * one A4 page; a plan that does not fit even at 12 pt is refused (`safety_plan.too_long`). The editor's limits
 * (shared/screening.ts) keep that rare.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { SAFETY_PLAN_STEPS, type SafetyPlanStep, type SafetyPlanSteps } from '../../../shared/screening';
import { formatDate } from '../documents/dates';
import { FONT_FAMILY } from '../documents/fonts';
import { pageObjects, readXref } from '../documents/pdf-structure';
import { renderPdf } from '../documents/render';
import type { DocLang } from '../documents/types';
import { AppError } from '../errors';

export const SHEET_WORDS = {
  kk: {
    heading: 'Менің қауіпсіздік жоспарым',
    registerTitle: 'Оқушыға арналған жадынама',
    date: 'Күні',
    psychologist: 'Мектеп психологы',
    steps: {
      warningSigns: 'Ескерту белгілері: қиын сәт жақындағанын қалай білемін',
      coping: 'Өзім не істей аламын',
      distractions: 'Көңілімді басқа жаққа аударатын адамдар мен орындар',
      helpers: 'Көмек сұрай алатын адамдар',
      professionals: 'Мамандар мен қызметтер',
      environment: 'Айналамды қауіпсіз ету',
    } satisfies Record<SafetyPlanStep, string>,
    lines: [
      '111 — отбасы, әйелдер және балалар құқықтары жөніндегі байланыс орталығы (тегін, тәулік бойы)',
      '150 — балалар мен жастарға арналған сенім телефоны (тегін)',
      '103 — жедел медициналық жәрдем; 112 — құтқару қызметі',
    ],
    footer: 'Қиын сәтте қадамдарды ретімен орында. Қауіп төнсе — бірден 150, 111 немесе 103 нөміріне қоңырау шал.',
  },
  ru: {
    heading: 'Мой план безопасности',
    registerTitle: 'Памятка для учащегося',
    date: 'Дата',
    psychologist: 'Школьный психолог',
    steps: {
      warningSigns: 'Тревожные сигналы: как я понимаю, что приближается трудный момент',
      coping: 'Что я могу сделать сам(а)',
      distractions: 'Люди и места, которые помогают отвлечься',
      helpers: 'Люди, к которым я могу обратиться за помощью',
      professionals: 'Специалисты и службы',
      environment: 'Как сделать моё окружение безопасным',
    } satisfies Record<SafetyPlanStep, string>,
    lines: [
      '111 — единый контакт-центр по вопросам семьи, женщин и защиты прав детей (бесплатно, круглосуточно)',
      '150 — телефон доверия для детей и молодёжи (бесплатно)',
      '103 — скорая медицинская помощь; 112 — служба спасения',
    ],
    footer: 'В трудный момент иди по шагам по порядку. Если есть опасность — сразу звони 150, 111 или 103.',
  },
} as const;

export interface SheetInput {
  lang: DocLang;
  /** the pupil's own name only */
  pupil: { firstName: string; lastName: string };
  psychologist: string | null;
  steps: SafetyPlanSteps;
  date: Date;
  registerNumber: string | null;
  documentId: string | null;
}

const MAX_SIZE = 16;
const MIN_SIZE = 12;

export function safetyPlanSheet(p: SheetInput, size: number): TDocumentDefinitions {
  const w = SHEET_WORDS[p.lang];
  const step = (s: SafetyPlanStep, i: number): Content => {
    const own = p.steps[s];
    const fixed: readonly string[] = s === 'professionals' ? w.lines : [];
    const lines = [...own, ...fixed];
    return {
      unbreakable: true,
      margin: [0, size * 0.45, 0, 0],
      stack: [
        { text: `${i + 1}. ${w.steps[s]}`, bold: true, fontSize: size + 1 },
        lines.length > 0
          ? { ul: lines.map((l) => ({ text: l, bold: fixed.includes(l) })), margin: [6, 2, 0, 0] }
          : { text: '_______________________________________________', color: '#666666', margin: [6, 4, 0, 0] },
      ],
    };
  };
  const dd: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [48, 42, 42, 40],
    info: {
      title: w.registerTitle,
      author: 'Qorgan',
      creator: 'Qorgan',
      producer: 'Qorgan',
      ...(p.documentId ? { keywords: `qorgan-document:${p.documentId}` } : {}),
    },
    defaultStyle: { font: FONT_FAMILY, fontSize: size, lineHeight: 1.12 },
    footer: { text: p.registerNumber ?? '', fontSize: 8, color: '#666666', margin: [48, 16, 42, 0], alignment: 'right' },
    content: [
      { text: w.heading, bold: true, fontSize: size + 8, alignment: 'center', margin: [0, 0, 0, 4] },
      {
        text: `${p.pupil.firstName} ${p.pupil.lastName}`.trim(),
        fontSize: size + 2,
        alignment: 'center',
        margin: [0, 0, 0, 2],
      },
      { text: `${w.date}: ${formatDate(p.lang, p.date)}`, alignment: 'center', fontSize: size - 2, color: '#333333' },
      ...SAFETY_PLAN_STEPS.map(step),
      ...(p.psychologist ? [{ text: `${w.psychologist}: ${p.psychologist}`, margin: [0, size * 0.8, 0, 0] } as Content] : []),
      { text: w.footer, italics: true, margin: [0, size * 0.4, 0, 0] },
    ],
  };
  return dd;
}

/** The largest body size at which the sheet fits one page; `safety_plan.too_long` when none does. */
export async function fittingSize(p: SheetInput): Promise<number> {
  for (let size = MAX_SIZE; size >= MIN_SIZE; size--) {
    // the register number is not known yet: lay out with one as long as any real one
    const pdf = await renderPdf(safetyPlanSheet({ ...p, registerNumber: p.registerNumber ?? 'PS-99999/2099' }, size));
    if (pageObjects(pdf, readXref(pdf)).length === 1) return size;
  }
  throw new AppError('safety_plan.too_long', 'the plan does not fit one page: shorten it');
}
