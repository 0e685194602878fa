/**
 * The class-list import after the file is read (class-list-read.ts, in the parse worker): find the header, suggest
 * what each column holds, turn every row into a pupil with its problems, dedupe against the file and the school,
 * and — on commit — write the ready rows in the caller's transaction with a `pupil_imported` chronology entry each.
 *
 * Header: the row (among the first 15 of a sheet) whose cells best match the known kk/ru headings — "Тегі/Фамилия",
 * "Аты/Имя", "ЖСН/ИИН", "Сынып/Класс" …; a heading row with merged cells over a second heading row ("Аты-жөні" over
 * "Тегі | Аты | Әкесінің аты") is read as one header, the lower row naming the columns.
 *
 * Dedupe: a pupil already in the school (also archived) is the same IIN or, without an IIN, the same last and first
 * name and birth date; rows of the file that are the same child by that rule are all refused (nothing ambiguous is
 * written).
 */
import { parseIin } from '../../../shared/iin';
import {
  MAX_CLASS_LIST_ROWS,
  type ClassListField,
  type ClassListPreview,
  type ClassListResult,
  type ClassListRow,
  type RowProblem,
} from '../../../shared/pupils-import';
import { isoDateSchema } from '../../../shared/pupils';
import type { Language } from '../../../shared/roles';
import { recordChronologyMany } from '../chronology/record';
import type { KeySource } from '../core';
import type { Db, Stamp } from '../db/types';
import { AppError } from '../errors';
import { FORMULA_CELL, type ClassListFile } from './class-list-read';
import { newPupilRow } from './queries';

/** Normalised heading → field (lower case, ё as е, punctuation as spaces). */
const HEADINGS: Record<string, ClassListField> = {};
for (const [field, names] of [
  ['lastName', ['тегі', 'тегi', 'фамилия', 'тег']],
  ['firstName', ['аты', 'имя', 'есімі', 'есiмi']],
  ['middleName', ['әкесінің аты', 'әкесінің есімі', 'әкесiнiң аты', 'отчество', 'әкесінің аты отчество']],
  ['fullName', ['аты жөні', 'аты жөнi', 'фио', 'ф и о', 'фамилия имя отчество', 'тегі аты әкесінің аты', 'оқушының аты жөні', 'оқушы', 'ученик', 'фио ученика', 'толық аты жөні']],
  ['iin', ['жсн', 'иин', 'іин', 'жсн иин', 'иин жсн']],
  ['birthDate', ['туған күні', 'туған күнi', 'дата рождения', 'туылған күні', 'д р']],
  ['sex', ['жынысы', 'пол', 'жыныс']],
  ['class', ['сынып', 'класс', 'сыныбы', 'сынып литері', 'класс литера']],
  ['language', ['оқыту тілі', 'язык обучения', 'тілі', 'оқу тілі']],
] as const) {
  for (const n of names) HEADINGS[n] = field;
}

export function normalizeHeading(s: string): string {
  return s
    // Kazakh Cyrillic lower-cases the same in every locale (and the locale-aware call is ~20× slower)
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The field a heading names: the whole heading, or one half of a bilingual "Тегі/Фамилия". */
export function headingField(cell: string): ClassListField | null {
  const whole = HEADINGS[normalizeHeading(cell)];
  if (whole) return whole;
  for (const part of cell.split(/[/|\\]/)) {
    const f = HEADINGS[normalizeHeading(part)];
    if (f) return f;
  }
  return null;
}

interface Header {
  /** index of the header's last row in the table's rows */
  at: number;
  cells: string[];
  mapping: (ClassListField | null)[];
}

/** The header of a table: the best-matching row among the first 15, merged with the heading row below it. */
function findHeader(rows: { cells: string[] }[]): Header | null {
  let best: Header | null = null;
  let bestScore = 1;
  const look = Math.min(rows.length, 15);
  for (let i = 0; i < look; i++) {
    const cells = rows[i]?.cells ?? [];
    const mapping = cells.map(headingField);
    const score = new Set(mapping.filter((f) => f !== null)).size;
    if (score > bestScore) {
      best = { at: i, cells, mapping };
      bestScore = score;
    }
  }
  if (!best) return null;
  // a second heading row below (under merged cells): its headings name the columns
  const below = rows[best.at + 1]?.cells;
  if (below) {
    const sub = below.map(headingField);
    if (sub.filter((f) => f !== null).length >= 2) {
      const width = Math.max(best.cells.length, below.length);
      const cells: string[] = [];
      const mapping: (ClassListField | null)[] = [];
      for (let c = 0; c < width; c++) {
        const useSub = sub[c] !== null && sub[c] !== undefined;
        cells.push(useSub ? (below[c] ?? '') : (best.cells[c] ?? ''));
        mapping.push(useSub ? (sub[c] ?? null) : (best.mapping[c] ?? null));
      }
      best = { at: best.at + 1, cells, mapping };
    }
  }
  // one column per field: a later duplicate is left unmapped
  const seen = new Set<ClassListField>();
  best.mapping = best.mapping.map((f) => {
    if (f === null || seen.has(f)) return null;
    seen.add(f);
    return f;
  });
  return best;
}

/** Latin letters that look like Cyrillic ones, as the e-journal's users sometimes type them. */
const LOOKALIKE: Record<string, string> = { A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х' };
const CLASS_RE = /^(\d{1,2})\s*[-–—.]?\s*[«"'(]?\s*(\p{L})?\s*[»"')]?\s*(?:сынып\p{L}*|класс\p{L}*|кл\.?|с\.?)?$/iu;
const LETTER_RE = /^[А-ЯЁӘҒҚҢӨҰҮҺІ]$/u;

/** "5 Ә", "5А", "5-а", "5 «А» сынып", "10" → grade and letter; null when it is not a class. */
export function parseClass(raw: string): { grade: number; letter: string } | null {
  const m = CLASS_RE.exec(raw.trim());
  if (!m) return null;
  const grade = Number(m[1]);
  if (grade > 12) return null;
  let letter = (m[2] ?? '').toLocaleUpperCase('kk');
  letter = LOOKALIKE[letter] ?? letter;
  if (letter !== '' && !LETTER_RE.test(letter)) return null;
  return { grade, letter };
}

/** 2013-05-04, 04.05.2013, 4/5/2013 (day first), or an Excel serial day → YYYY-MM-DD; null when not a date. */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if (/^\d{5}(?:\.0+)?$/.test(s)) {
    // Excel's day number (1900 date system): 25569 is 1970-01-01
    const date = new Date((Number(s) - 25569) * 86_400_000);
    return date.getUTCFullYear() >= 1990 && date.getUTCFullYear() <= 2030 ? date.toISOString().slice(0, 10) : null;
  } else return null;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isoDateSchema.safeParse(iso).success ? iso : null;
}

const MALE = ['м', 'муж', 'мужской', 'ер', 'е', 'ұл', 'ul', 'm', 'male'];
const FEMALE = ['ж', 'жен', 'женский', 'әйел', 'ә', 'қыз', 'қ', 'f', 'female'];

/** "ер", "ж", "мужской", or both languages "ер / м" → m/f; null when empty; 'bad' otherwise. */
export function parseSex(raw: string): 'm' | 'f' | null | 'bad' {
  const parts = raw.split(/[/|\\,]/).map(normalizeHeading).filter((s) => s !== '');
  if (parts.length === 0) return null;
  if (parts.every((s) => MALE.includes(s))) return 'm';
  if (parts.every((s) => FEMALE.includes(s))) return 'f';
  return 'bad';
}

function parseLanguage(raw: string, fallback: Language): Language {
  const s = normalizeHeading(raw);
  if (/^(kk|қаз|каз|қазақ|казах)/.test(s)) return 'kk';
  if (/^(ru|орыс|рус)/.test(s)) return 'ru';
  return fallback;
}

/** Everything but the school: the rows of every table with the problems the file alone shows. */
export function analyse(file: ClassListFile, mapping: (ClassListField | null)[] | undefined, language: Language): ClassListPreview {
  const first = file.tables.map((t) => ({ t, h: findHeader(t.rows) })).find((x) => x.h !== null);
  const firstTable = file.tables[0];
  const header: Header = first?.h ?? { at: -1, cells: firstTable?.rows[0]?.cells ?? [], mapping: (firstTable?.rows[0]?.cells ?? []).map(() => null) };
  const used = mapping ? header.cells.map((_c, i) => mapping[i] ?? null) : header.mapping;
  const has = (f: ClassListField) => used.includes(f);
  const missing: ('name' | 'class')[] = [];
  if (!has('fullName') && !(has('lastName') && has('firstName'))) missing.push('name');
  const sheetClasses = file.tables.map((t) => (t.sheet ? parseClass(t.sheet) : null));
  if (!has('class') && sheetClasses.some((c) => c === null)) missing.push('class');

  const rows: ClassListRow[] = [];
  for (const [ti, table] of file.tables.entries()) {
    const h = table === first?.t ? header.at : (findHeader(table.rows)?.at ?? -1);
    const cols = (f: ClassListField) => used.indexOf(f);
    for (const r of table.rows.slice(h + 1)) {
      const cell = (f: ClassListField) => {
        const i = cols(f);
        return i < 0 ? '' : (r.cells[i] ?? '');
      };
      // a heading row repeated inside the data (a second page's header) is not a pupil: its name cells are headings
      const nameCells = [cell('lastName'), cell('firstName'), cell('fullName')].filter((c) => c !== '' && c.length < 60);
      if (nameCells.length > 0 && nameCells.every((c) => headingField(c) !== null)) continue;
      const problems = new Set<RowProblem>();
      const values = CLASS_VALUE_FIELDS.map(cell);
      if (values.includes(FORMULA_CELL)) problems.add('formula');
      const clean = (s: string) => (s === FORMULA_CELL ? '' : s);
      let lastName = clean(cell('lastName'));
      let firstName = clean(cell('firstName'));
      let middleName = clean(cell('middleName'));
      if (has('fullName') && (lastName === '' || firstName === '')) {
        const parts = clean(cell('fullName')).split(/\s+/).filter((p) => p !== '');
        lastName ||= parts[0] ?? '';
        firstName ||= parts[1] ?? '';
        middleName ||= parts.slice(2).join(' ');
      }
      // a cell that would be a formula in a spreadsheet opened later (=, +, @) is not a name
      if ([lastName, firstName, middleName].some((s) => /^[=+@]/.test(s))) problems.add('formula');
      if (lastName === '' || firstName === '') problems.add('name_missing');
      const iinRaw = clean(cell('iin')).replace(/\s+/g, '');
      const iinInfo = iinRaw ? parseIin(iinRaw) : null;
      if (iinInfo && !iinInfo.ok) problems.add('iin_invalid');
      const dateRaw = clean(cell('birthDate'));
      let birthDate = dateRaw ? parseDate(dateRaw) : null;
      if (dateRaw && !birthDate) problems.add('birth_date_invalid');
      let sex: 'm' | 'f' | null = null;
      const sexRaw = parseSex(clean(cell('sex')));
      if (sexRaw === 'bad') problems.add('sex_invalid');
      else sex = sexRaw;
      if (iinInfo?.ok) {
        if (birthDate && birthDate !== iinInfo.info.birthDate) problems.add('birth_date_mismatch');
        birthDate = iinInfo.info.birthDate;
        if (sex && sex !== iinInfo.info.sex) problems.add('sex_invalid');
        sex = iinInfo.info.sex;
      }
      const classRaw = clean(cell('class'));
      const cls = classRaw ? parseClass(classRaw) : sheetClasses[ti];
      if (!classRaw && !cls) problems.add('class_missing');
      else if (!cls) problems.add('class_invalid');
      rows.push({
        line: r.line,
        sheet: table.sheet,
        lastName: lastName.slice(0, 100),
        firstName: firstName.slice(0, 100),
        middleName: middleName.slice(0, 100),
        iin: iinRaw === '' ? null : iinRaw.slice(0, 20),
        birthDate,
        sex,
        grade: cls?.grade ?? null,
        classLetter: cls?.letter ?? '',
        language: parseLanguage(clean(cell('language')), language),
        problems: [...problems],
      });
    }
  }
  if (rows.length > MAX_CLASS_LIST_ROWS) {
    throw new AppError('import.too_many_rows', 'the class list has more rows than one import takes', { limitRows: MAX_CLASS_LIST_ROWS });
  }
  return {
    encoding: file.encoding,
    format: file.format,
    headers: header.cells,
    headerRow: first?.h ? (first.t.rows[first.h.at]?.line ?? 0) : 0,
    mapping: used,
    suggested: mapping === undefined,
    missing,
    rows,
    counts: { rows: rows.length, ready: 0, withProblems: 0 },
  };
}

const CLASS_VALUE_FIELDS: ClassListField[] = ['lastName', 'firstName', 'middleName', 'fullName', 'iin', 'birthDate', 'sex', 'class'];

/** The same child by the dedupe rule: the IIN, else last + first name + birth date (none without a birth date). */
function identity(r: { iin: string | null; lastName: string; firstName: string; birthDate: string | null }): string | null {
  if (r.iin) return `iin:${r.iin}`;
  if (!r.birthDate) return null;
  return `name:${r.lastName.toLocaleLowerCase('kk')}\u0000${r.firstName.toLocaleLowerCase('kk')}\u0000${r.birthDate}`;
}

/** Adds the problems the school shows (already there) and the file's own duplicates; counts. */
export async function withSchool(db: Db, preview: ClassListPreview): Promise<ClassListPreview> {
  const existing = new Set<string>();
  const pupils = await db.selectFrom('pupils').select(['iin', 'last_name', 'first_name', 'birth_date']).execute();
  for (const p of pupils) {
    if (p.iin) existing.add(`iin:${p.iin}`);
    const byName = identity({ iin: null, lastName: p.last_name, firstName: p.first_name, birthDate: p.birth_date });
    if (byName) existing.add(byName);
  }
  const seen = new Map<string, number>();
  const keys = preview.rows.map((r) => {
    const valid = r.iin !== null && !r.problems.includes('iin_invalid');
    const k = identity({ ...r, iin: valid ? r.iin : null });
    if (k) seen.set(k, (seen.get(k) ?? 0) + 1);
    // an IIN-keyed row is also the child of a name + birth date row in the school
    return { k, byName: valid ? identity({ ...r, iin: null }) : null };
  });
  const rows = preview.rows.map((r, i) => {
    const { k, byName } = keys[i] as { k: string | null; byName: string | null };
    const problems = new Set(r.problems);
    if (k && (seen.get(k) ?? 0) > 1) problems.add('duplicate_in_file');
    if ((k && existing.has(k)) || (byName && existing.has(byName))) problems.add('already_in_school');
    return { ...r, problems: [...problems] };
  });
  const ready = rows.filter((r) => r.problems.length === 0).length;
  return { ...preview, rows, counts: { rows: rows.length, ready, withProblems: rows.length - ready } };
}

/** Writes the ready rows (in the caller's transaction): one pupil and one chronology entry each. */
export async function commitClassList(
  db: Db,
  keys: KeySource,
  actor: Stamp,
  preview: ClassListPreview,
  expected: number,
): Promise<ClassListResult> {
  if (preview.missing.length > 0) throw new AppError('import.no_header', 'the columns of names and classes are not chosen', { missing: preview.missing.join(',') });
  if (preview.counts.ready !== expected) {
    throw new AppError('import.changed', 'the rows ready to import changed since the preview', { expected, now: preview.counts.ready });
  }
  // the school was checked for every IIN in withSchool (same transaction); the UNIQUE index still guards.
  // Batches of 200 rows: one INSERT per batch instead of one per pupil.
  const ready = preview.rows.filter((r): r is ClassListRow & { grade: number } => r.problems.length === 0 && r.grade !== null);
  for (let i = 0; i < ready.length; i += 200) {
    const batch = ready.slice(i, i + 200).map((r) =>
      newPupilRow(
        {
          iin: r.iin,
          lastName: r.lastName,
          firstName: r.firstName,
          middleName: r.middleName,
          grade: r.grade,
          classLetter: r.classLetter,
          instructionLanguage: r.language,
          familyStatus: [],
          birthDate: r.birthDate,
          sex: r.sex,
        },
        actor.now,
        keys,
      ),
    );
    await db.insertInto('pupils').values(batch).execute();
    await recordChronologyMany(
      db,
      keys,
      actor,
      batch.map((row) => ({
        pupilId: row.id,
        kind: 'pupil_imported' as const,
        source: { table: 'pupils', id: row.id },
        summary: `Сынып тізімінен қосылды / Добавлен из списка класса: ${row.grade} ${row.class_letter}`.trim(),
      })),
    );
  }
  const created = ready.length;
  return { created, skipped: preview.rows.length - created };
}
