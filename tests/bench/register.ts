/**
 * The intra-school register at school scale: 3 000 pupils, 600 register entries (120 open, 480 closed over the
 * years), each with 3 prevention measures and 2 reviews, protected fields encrypted as shipped. Measures the
 * register list (open; all), one pupil's register (the card), the work-list sources (open measures of one owner due
 * within 7 days; reviews due), and the same list query over the plain columns only (no decryption) as the ratio.
 */
import crypto from 'node:crypto';
import { checkpoint } from '../../electron/core/db/open';
import { pupilProtected } from '../../electron/core/pupils/protected';
import { entryProtected, measureProtected, reviewProtected } from '../../electron/core/register/protected';
import { listRegister, pupilRegister } from '../../electron/core/register/queries';
import { preventionMeasureWork, registerReviewWork } from '../../electron/core/register/work';
import { createTestCore } from '../harness/core';
import { median, type BenchRow } from './types';

const PUPILS = 3000;
const ENTRIES = 600;
const OPEN = 120;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysFrom = (base: Date, n: number) => iso(new Date(base.getTime() + n * 86_400_000));

export async function benchRegister(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const t = await createTestCore(); // the director: holds the protection key
  try {
    const core = t.state;
    const sqlite = core.sqlite;
    const nowDate = new Date('2026-11-30T09:00:00Z');
    const now = nowDate.toISOString();
    const today = iso(nowDate);
    const accountId = t.state.session!.accountId;
    const grounds = (sqlite.prepare('SELECT id FROM register_grounds').all() as { id: string }[]).map((g) => g.id);
    const insPupil = sqlite.prepare(
      `INSERT INTO pupils (id, iin, last_name, first_name, middle_name, birth_date, sex, grade, class_letter, instruction_language,
         family_status, on_register, family_status_enc, on_register_enc, archived, created_at, updated_at)
       VALUES (?, NULL, ?, ?, '', NULL, 'f', ?, 'А', 'kk', '[]', 0, ?, ?, 0, ?, ?)`,
    );
    const insEntry = sqlite.prepare(
      `INSERT INTO register_entries (id, pupil_id, on_number, on_date, on_body, off_number, off_date, off_body, grounds_enc, notes_enc,
         off_reason_enc, curator_id, review_months, next_review_on, version, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, 'council', ?, ?, ?, ?, ?, ?, ?, 3, ?, 1, ?, ?, ?, ?)`,
    );
    const insReview = sqlite.prepare(
      `INSERT INTO register_reviews (id, entry_id, reviewed_on, outcome_enc, note_enc, next_review_on, written_at, written_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insMeasure = sqlite.prepare(
      `INSERT INTO prevention_measures (id, entry_id, position, what_enc, responsible_id, responsible_text_enc, due_on, done_on, result_enc,
         version, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    );
    const pupilIds: string[] = [];
    sqlite.transaction(() => {
      for (let i = 0; i < PUPILS; i++) {
        const id = crypto.randomUUID();
        pupilIds.push(id);
        const s = pupilProtected.write(core, id, { family_status_enc: [], on_register_enc: i < OPEN });
        insPupil.run(id, `Фамилия${i}`, `Есім${i}`, 1 + (i % 11), s.family_status_enc, s.on_register_enc, now, now);
      }
      for (let e = 0; e < ENTRIES; e++) {
        const id = crypto.randomUUID();
        const open = e < OPEN;
        const onDate = daysFrom(nowDate, -30 - (e % 3000));
        const s = entryProtected.write(core, id, { grounds_enc: [grounds[e % grounds.length]!], notes_enc: `Ескертпе ${e}`, off_reason_enc: open ? '' : 'Түзелді' });
        insEntry.run(id, pupilIds[e % PUPILS], String(e + 1), onDate, open ? null : String(e + 1000), open ? null : daysFrom(nowDate, -(e % 30)), open ? null : 'council',
          s.grounds_enc, s.notes_enc, s.off_reason_enc, accountId, open ? daysFrom(nowDate, (e % 40) - 20) : null, now, accountId, now, accountId);
        for (let r = 0; r < 2; r++) {
          const rid = crypto.randomUUID();
          const rs = reviewProtected.write(core, rid, { outcome_enc: 'no_change', note_enc: `Қарау ${r}` });
          insReview.run(rid, id, daysFrom(nowDate, -10 - r * 90), rs.outcome_enc, rs.note_enc, null, now, accountId);
        }
        for (let m = 0; m < 3; m++) {
          const mid = crypto.randomUUID();
          const ms = measureProtected.write(core, mid, { what_enc: `Іс-шара ${m}`, responsible_text_enc: '', result_enc: '' });
          insMeasure.run(mid, id, m, ms.what_enc, accountId, ms.responsible_text_enc, daysFrom(nowDate, (e % 20) - 5 + m), m === 0 ? today : null, ms.result_enc, now, accountId, now, accountId);
        }
      }
    })();
    checkpoint(sqlite);

    const db = core.db;
    const openList = await listRegister(db, { includeClosed: false, dueOnly: false, today }, core);
    const openMs = await median(() => listRegister(db, { includeClosed: false, dueOnly: false, today }, core), 9, 1);
    // the same list query on the plain columns only: what the decryption of the grounds costs on top
    const plainSql = sqlite.prepare(
      `SELECT e.id, e.pupil_id, e.on_number, e.on_date, e.on_body, e.off_date, e.curator_id, a.display_name, e.next_review_on, p.last_name, p.first_name, p.grade, p.class_letter,
         (SELECT count(*) FROM prevention_measures m WHERE m.entry_id = e.id AND m.done_on IS NULL) AS open_measures,
         (SELECT count(*) FROM prevention_measures m WHERE m.entry_id = e.id AND m.done_on IS NULL AND m.due_on < ?) AS overdue
       FROM register_entries e JOIN pupils p ON p.id = e.pupil_id LEFT JOIN accounts a ON a.id = e.curator_id
       WHERE e.off_date IS NULL ORDER BY p.grade, p.class_letter, p.last_name, p.first_name, e.on_date DESC`,
    );
    const plainMs = await median(() => plainSql.all(today), 9, 1);
    rows.push({ name: `register list, open entries (${openList.items.length} of ${ENTRIES}), ${PUPILS} pupils`, medianMs: openMs, runs: 9, note: `grounds decrypted per row; plain-columns SQL ${plainMs.toFixed(2)} ms → ×${(openMs / Math.max(plainMs, 0.01)).toFixed(1)}` });
    const allMs = await median(() => listRegister(db, { includeClosed: true, dueOnly: false, today }, core), 7, 1);
    rows.push({ name: `register list, all ${ENTRIES} entries`, medianMs: allMs, runs: 7 });
    const cardMs = await median(() => pupilRegister(db, pupilIds[7]!, core, today), 15, 2);
    rows.push({ name: 'one pupil’s register (card: entries, reviews, plan, outside registers)', medianMs: cardMs, runs: 15, note: 'target ≤ 5 ms' });
    const q = { ownerId: accountId, dueBy: daysFrom(nowDate, 7), keys: core, now: nowDate };
    const measures = await preventionMeasureWork.open(db, q);
    const workMs = await median(() => preventionMeasureWork.open(db, q), 9, 1);
    rows.push({ name: 'work list: open prevention measures of one owner due within 7 days', medianMs: workMs, runs: 9, note: `${measures.length} items; target ≤ 10 ms` });
    const reviewsQ = { ownerId: null, dueBy: today, keys: core, now: nowDate };
    const due = await registerReviewWork.open(db, reviewsQ);
    const reviewMs = await median(() => registerReviewWork.open(db, reviewsQ), 9, 1);
    rows.push({ name: 'work list: register reviews due (everyone’s)', medianMs: reviewMs, runs: 9, note: `${due.length} items; target ≤ 10 ms` });
  } finally {
    await t.cleanup();
  }
  return rows;
}
