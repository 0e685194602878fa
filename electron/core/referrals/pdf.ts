/**
 * The referral letter (жолдама хат / письмо-направление), kk or ru, in the official style of the seed: the school's
 * letterhead from the school profile, the outgoing number and date from the documents register, the addressee (the
 * agency's name and address as printed) at the top right, the title, about whom — only the referred pupil —, the
 * reason, what is asked and by when the school expects the answer, the director's signature block with the stamp of
 * the director's signature, and the worker who prepared it. Signed (PAdES) with the director's own certificate and
 * registered as `RF-N/YYYY` with the referral as its source; the referral keeps the link to its latest letter.
 * The register's title never names the child; the PDF does, and it is a protected document
 * (`PROTECTED_DOCUMENT_KINDS` in shared/documents.ts).
 */
import type { Content } from 'pdfmake/interfaces';
import type { SignerInput } from '../../../shared/documents';
import type { AgencyType, Referral, ReferralLetter } from '../../../shared/referrals';
import type { SchoolProfile } from '../../../shared/school';
import { recordChronology } from '../chronology/record';
import type { KeySource } from '../core';
import { keepHyphenatedWords, officialDocument, paragraph, signatureLine, titleBlock } from '../documents/blocks';
import { formatDate } from '../documents/dates';
import { issueDocument, type IssueContext } from '../documents/issue';
import type { DocLang } from '../documents/types';
import { AppError } from '../errors';
import { readSchoolProfile } from '../school/queries';
import { getReferral } from './queries';
import type { Db } from '../db/types';

const AGENCY: Record<DocLang, Record<AgencyType, string>> = {
  kk: {
    juvenile_police: 'Кәмелетке толмағандар істері жөніндегі полиция (ювеналды полиция)',
    psychiatrist: 'Психиатр дәрігер',
    narcologist: 'Нарколог дәрігер',
    guardianship: 'Қорғаншылық және қамқоршылық органы',
    psych_support: 'Психологиялық қолдау орталығы',
    social_services: 'Әлеуметтік қорғау қызметі',
    helpline_111: '111 бірыңғай байланыс орталығы',
    helpline_150: '150 балалар мен жастарға арналған сенім телефоны',
  },
  ru: {
    juvenile_police: 'Полиция по делам несовершеннолетних (ювенальная полиция)',
    psychiatrist: 'Врач-психиатр',
    narcologist: 'Врач-нарколог',
    guardianship: 'Орган опеки и попечительства',
    psych_support: 'Центр психологической поддержки',
    social_services: 'Служба социальной защиты',
    helpline_111: 'Единый контакт-центр 111',
    helpline_150: 'Телефон доверия для детей и молодёжи 150',
  },
};

const WORDS = {
  kk: {
    title: 'ЖОЛДАМА',
    outgoing: (n: string, d: string) => `Шығыс № ${n}, ${d}`,
    about: (school: string, pupil: string, born: string, klass: string) =>
      `${school} Сізге төмендегі оқушыға қатысты жолдама жібереді: ${pupil}, ${klass} сынып оқушысы${born ? `, туған күні: ${born}` : ''}.`,
    reason: 'Жолдау себебі',
    request: 'Сұралатыны',
    answer: (d: string) => `Қабылданған шаралар туралы жауабыңызды ${d} дейін жіберуіңізді сұраймыз.`,
    answerNoDate: 'Қабылданған шаралар туралы жауабыңызды жіберуіңізді сұраймыз.',
    prepared: 'Орындаған',
    docTitle: 'Жолдама',
    grade: 'сынып',
  },
  ru: {
    title: 'НАПРАВЛЕНИЕ',
    outgoing: (n: string, d: string) => `Исх. № ${n} от ${d}`,
    about: (school: string, pupil: string, born: string, klass: string) =>
      `${school} направляет к Вам учащегося: ${pupil}, ${klass} класс${born ? `, дата рождения: ${born}` : ''}.`,
    reason: 'Причина направления',
    request: 'Просим',
    answer: (d: string) => `Просим сообщить о принятых мерах в срок до ${d}.`,
    answerNoDate: 'Просим сообщить о принятых мерах.',
    prepared: 'Исп.',
    docTitle: 'Направление',
    grade: 'класс',
  },
} as const;

const date = (lang: DocLang, iso: string | null) => (iso ? formatDate(lang, new Date(`${iso.slice(0, 10)}T00:00:00`)) : '');

export function referralTitle(lang: DocLang): string {
  return WORDS[lang].docTitle;
}

export interface LetterInput {
  lang: DocLang;
  school: SchoolProfile;
  pupil: { lastName: string; firstName: string; middleName: string; grade: number; classLetter: string; birthDate: string | null };
  referral: Pick<Referral, 'agencyType' | 'agency' | 'reason' | 'request' | 'answerDueOn'>;
  /** the worker who prepared it (the case's lead, or the signer) */
  preparedBy: string | null;
  /** the letter's date (today by the core's clock) */
  today: string;
  registerNumber?: string | null;
  documentId?: string | null;
  stamps?: Content[];
}

/** The school's letterhead: its name, named after, address, a rule under it. */
function letterhead(lang: DocLang, s: SchoolProfile): Content {
  const name = lang === 'kk' ? s.nameKk : s.nameRu;
  const after = lang === 'kk' ? s.namedAfterKk : s.namedAfterRu;
  const address = lang === 'kk' ? s.addressKk : s.addressRu;
  const dept = lang === 'kk' ? s.districtDepartmentKk : s.districtDepartmentRu;
  return {
    stack: [
      ...(dept ? [{ text: dept, fontSize: 11, alignment: 'center' as const }] : []),
      { text: name, bold: true, alignment: 'center', fontSize: 13 },
      ...(after ? [{ text: after, alignment: 'center' as const, fontSize: 11 }] : []),
      ...(address ? [{ text: address, alignment: 'center' as const, fontSize: 10 }] : []),
      { canvas: [{ type: 'line', x1: 0, y1: 4, x2: 480, y2: 4, lineWidth: 1.2 }], margin: [0, 2, 0, 8] },
    ],
  };
}

/** "Label: text", the label bold, the text justified; a hyphenated word is never broken at its hyphen. */
function labelled(label: string, value: string): Content {
  return { text: [{ text: `${label}: `, bold: true }, { text: keepHyphenatedWords(value) }], alignment: 'justify', margin: [0, 0, 0, 6] };
}

export function referralLetterDocument(p: LetterInput) {
  const w = WORDS[p.lang];
  const r = p.referral;
  const school = p.lang === 'kk' ? p.school.nameKk : p.school.nameRu;
  const pupil = [p.pupil.lastName, p.pupil.firstName, p.pupil.middleName].filter(Boolean).join(' ');
  const klass = `${p.pupil.grade} ${p.pupil.classLetter}`.trim();
  const agencyType = r.agencyType ? AGENCY[p.lang][r.agencyType] : '';
  const addressee: string[] = [r.agency?.name ?? '', r.agency?.address ?? ''].filter((x) => x.trim() !== '');
  if (agencyType && !addressee.some((l) => l.toLowerCase().includes(agencyType.toLowerCase()))) addressee.unshift(agencyType);
  const content: Content[] = [
    letterhead(p.lang, p.school),
    {
      columns: [
        { width: '*', stack: [{ text: w.outgoing(p.registerNumber ?? '________', date(p.lang, p.today)), fontSize: 12 }] },
        { width: 240, stack: addressee.map((l, i) => ({ text: l, bold: i === 0 })) },
      ],
      margin: [0, 0, 0, 8],
    },
    titleBlock(w.title),
    paragraph(w.about(school, pupil, date(p.lang, p.pupil.birthDate), klass)),
    labelled(w.reason, r.reason ?? ''),
    ...(r.request && r.request.trim() !== '' ? [labelled(w.request, r.request)] : []),
    paragraph(r.answerDueOn ? w.answer(date(p.lang, r.answerDueOn)) : w.answerNoDate),
    { text: '', margin: [0, 0, 0, 10] },
    signatureLine(p.lang === 'kk' ? p.school.directorPositionKk : p.school.directorPositionRu, p.school.directorName, p.stamps?.[0]),
  ];
  if (p.preparedBy) content.push({ text: `${w.prepared}: ${p.preparedBy}`, fontSize: 10, margin: [0, 16, 0, 0] });
  return officialDocument({ lang: p.lang, title: w.docTitle, registerNumber: p.registerNumber ?? null, documentId: p.documentId ?? null, content });
}

async function assertOwnCertificate(ctx: IssueContext, signer: SignerInput): Promise<void> {
  const r = await ctx.db.selectFrom('signing_certificates').select('owner_account_id').where('id', '=', signer.certificateId).executeTakeFirst();
  if (r && r.owner_account_id !== null && r.owner_account_id !== ctx.session?.accountId) {
    throw new AppError('documents.no_certificate', 'the certificate belongs to another account');
  }
}

export async function letterInput(db: Db, keys: KeySource, id: string, lang: DocLang, today: string): Promise<{ input: LetterInput; referral: Referral }> {
  const referral = await getReferral(db, keys, id, today);
  if (referral.reason === null || referral.agency === null) throw new AppError('keys.not_holder', 'the letter needs the protection compartment');
  if (referral.agencyType === null) throw new AppError('referrals.no_agency', 'choose the agency before the letter');
  if (referral.status === 'withdrawn' || referral.status === 'rejected' || referral.status === 'done') {
    throw new AppError('referrals.bad_transition', 'a closed referral gets no new letter', { from: referral.status, to: referral.status });
  }
  const pupil = await db
    .selectFrom('pupils')
    .select(['last_name', 'first_name', 'middle_name', 'grade', 'class_letter', 'birth_date'])
    .where('id', '=', referral.pupilId)
    .executeTakeFirstOrThrow();
  const lead = await db
    .selectFrom('cases')
    .leftJoin('accounts', 'accounts.id', 'cases.lead_id')
    .select('accounts.display_name')
    .where('cases.id', '=', referral.caseId)
    .executeTakeFirst();
  return {
    referral,
    input: {
      lang,
      school: await readSchoolProfile(db),
      pupil: { lastName: pupil.last_name, firstName: pupil.first_name, middleName: pupil.middle_name, grade: pupil.grade, classLetter: pupil.class_letter, birthDate: pupil.birth_date },
      referral,
      preparedBy: lead?.display_name ?? null,
      today,
    },
  };
}

/** Signs the letter with the director's own certificate, registers it, links it to the referral, notes it. */
export async function issueReferralLetter(
  ctx: IssueContext & { keys: KeySource; today: string },
  id: string,
  lang: DocLang,
  signer: SignerInput,
): Promise<ReferralLetter> {
  const { input, referral } = await letterInput(ctx.db, ctx.keys, id, lang, ctx.today);
  await assertOwnCertificate(ctx, signer);
  const issued = await issueDocument(ctx, {
    kind: 'referral',
    lang,
    title: referralTitle(lang),
    signers: [signer],
    source: { type: 'referral', id },
    build: ({ registerNumber, documentId, stamps }) => referralLetterDocument({ ...input, registerNumber, documentId, stamps }),
  });
  await ctx.db.updateTable('referrals').set({ document_id: issued.document.id, updated_at: ctx.now.toISOString() }).where('id', '=', id).execute();
  await recordChronology(
    ctx.db,
    ctx.keys,
    { accountId: ctx.session?.accountId ?? null, now: ctx.now },
    { pupilId: referral.pupilId, kind: 'document', source: { table: 'documents', id: issued.document.id }, summary: `${referralTitle(lang)}: ${issued.document.registerNumber}` },
  );
  return {
    documentId: issued.document.id,
    registerNumber: issued.document.registerNumber,
    language: lang,
    sha256: issued.document.sha256,
    pdfBase64: issued.pdf.toString('base64'),
  };
}
