import crypto from 'node:crypto';
import { sql } from 'kysely';
import {
  frameworkFileSchema,
  type Abbreviation,
  type Framework,
  type FrameworkFile,
  type FrameworkItem,
  type FrameworkSummary,
} from '../../../shared/frameworks';
import type { FrameworkItemsTable, FrameworksTable } from '../db/schema';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import { builtinFrameworks } from './builtin';
import { parseFrameworkJson } from './parse';

const ensured = new WeakSet<object>();

/**
 * Adds the built-in frameworks that the DB does not hold yet (reference data, no personal data). Cheap after the
 * first call on a connection.
 */
export async function ensureBuiltinFrameworks(db: Db, now: Date): Promise<void> {
  if (ensured.has(db)) return;
  const add = async (t: Db) => {
    for (const f of builtinFrameworks()) {
      const exists = await t
        .selectFrom('frameworks')
        .select('id')
        .where('code', '=', f.code)
        .where('revision', '=', f.revision)
        .executeTakeFirst();
      if (!exists) await insertFramework(t, f, true, now);
    }
  };
  if (db.isTransaction) await add(db);
  else await db.transaction().execute(add);
  ensured.add(db);
}

export async function insertFramework(db: Db, f: FrameworkFile, builtin: boolean, now: Date): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('frameworks')
    .values({
      id,
      code: f.code,
      revision: f.revision,
      kind: f.kind,
      title_kk: f.titleKk,
      title_ru: f.titleRu,
      short_title_kk: f.shortTitleKk,
      short_title_ru: f.shortTitleRu,
      issued_on: f.issuedOn,
      issued_number: f.issuedNumber,
      year_from: f.yearFrom,
      year_to: f.yearTo,
      notes: f.notes,
      reporting: f.reporting ? JSON.stringify(f.reporting) : null,
      columns: JSON.stringify(f.columns),
      fragments: JSON.stringify(f.fragments),
      builtin: builtin ? 1 : 0,
      imported_at: now.toISOString(),
    })
    .execute();
  if (f.sections.length > 0) {
    await db
      .insertInto('framework_sections')
      .values(
        f.sections.map((s, i) => ({
          framework_id: id,
          code: s.code,
          parent_code: s.parent,
          position: i,
          title_kk: s.titleKk,
          title_ru: s.titleRu,
          notes: s.notes,
        })),
      )
      .execute();
  }
  // chunks keep each statement under SQLite's variable limit
  for (let start = 0; start < f.items.length; start += 100) {
    await db
      .insertInto('framework_items')
      .values(
        f.items.slice(start, start + 100).map((it, k) => ({
          id: crypto.randomUUID(),
          framework_id: id,
          number: it.number,
          section_code: it.section,
          position: start + k,
          measure_kk: it.measureKk,
          measure_ru: it.measureRu,
          completion_form_kk: it.completionFormKk,
          completion_form_ru: it.completionFormRu,
          deadline_kk: it.deadlineKk,
          deadline_ru: it.deadlineRu,
          responsible_kk: it.responsibleKk,
          cost_kk: it.costKk,
          funding_kk: it.fundingKk,
          responsible_ru: it.responsibleRu,
          cost_ru: it.costRu,
          funding_ru: it.fundingRu,
          ru_source: it.ruSource,
          notes: it.notes,
          repaired: JSON.stringify(it.repaired),
          source: it.source ?? null,
        })),
      )
      .execute();
  }
  if (f.abbreviations.length > 0) {
    await db
      .insertInto('framework_abbreviations')
      .values(
        f.abbreviations.map((a) => ({
          framework_id: id,
          abbr: a.abbr,
          full_kk: a.fullKk,
          full_ru: a.fullRu,
          source: a.source,
        })),
      )
      .execute();
  }
  return id;
}

/** Parses and stores an imported framework file. */
export async function importFramework(db: Db, json: string, now: Date): Promise<string> {
  return storeImportedFramework(db, parseFrameworkJson(json), now);
}

/** Stores a framework file already parsed and checked (parse.ts, in the parse worker). */
export async function storeImportedFramework(db: Db, f: FrameworkFile, now: Date): Promise<string> {
  const exists = await db
    .selectFrom('frameworks')
    .select('id')
    .where('code', '=', f.code)
    .where('revision', '=', f.revision)
    .executeTakeFirst();
  if (exists) throw new AppError('conflict', 'this framework revision is already stored', { revision: f.revision });
  return insertFramework(db, f, false, now);
}

function toSummary(r: FrameworksTable & { item_count: number; newest: number }): FrameworkSummary {
  return {
    id: r.id,
    code: r.code,
    revision: r.revision,
    kind: r.kind as FrameworkSummary['kind'],
    titleKk: r.title_kk,
    titleRu: r.title_ru,
    shortTitleKk: r.short_title_kk,
    shortTitleRu: r.short_title_ru,
    yearFrom: r.year_from,
    yearTo: r.year_to,
    builtin: r.builtin === 1,
    itemCount: r.item_count,
    current: r.revision === r.newest,
    importedAt: r.imported_at,
  };
}

function summaryQuery(db: Db) {
  return db
    .selectFrom('frameworks as f')
    .selectAll('f')
    .select([
      sql<number>`(SELECT count(*) FROM framework_items i WHERE i.framework_id = f.id)`.as('item_count'),
      sql<number>`(SELECT max(g.revision) FROM frameworks g WHERE g.code = f.code)`.as('newest'),
    ]);
}

export async function listFrameworks(db: Db, includeOld: boolean): Promise<FrameworkSummary[]> {
  const rows = await summaryQuery(db).orderBy('f.year_from', 'desc').orderBy('f.code').orderBy('f.revision', 'desc').execute();
  return rows.map(toSummary).filter((s) => includeOld || s.current);
}

export function toFrameworkItem(r: FrameworkItemsTable): FrameworkItem {
  return {
    id: r.id,
    frameworkId: r.framework_id,
    number: r.number,
    section: r.section_code,
    measureKk: r.measure_kk,
    measureRu: r.measure_ru,
    completionFormKk: r.completion_form_kk,
    completionFormRu: r.completion_form_ru,
    deadlineKk: r.deadline_kk,
    deadlineRu: r.deadline_ru,
    responsibleKk: r.responsible_kk,
    costKk: r.cost_kk,
    fundingKk: r.funding_kk,
    responsibleRu: r.responsible_ru ?? null,
    costRu: r.cost_ru ?? null,
    fundingRu: r.funding_ru ?? null,
    ruSource: r.ru_source ?? null,
    notes: r.notes,
    repaired: JSON.parse(r.repaired) as string[],
    source: r.source,
  };
}

export async function frameworkIdFor(db: Db, code: string, revision?: number): Promise<string> {
  let q = db.selectFrom('frameworks').select('id').where('code', '=', code);
  q = revision === undefined ? q.orderBy('revision', 'desc') : q.where('revision', '=', revision);
  const r = await q.limit(1).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such framework');
  return r.id;
}

export async function getFramework(db: Db, id: string): Promise<Framework> {
  const r = await summaryQuery(db).where('f.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('not_found', 'no such framework');
  const [sections, items, abbreviations] = await Promise.all([
    db.selectFrom('framework_sections').selectAll().where('framework_id', '=', id).orderBy('position').execute(),
    db.selectFrom('framework_items').selectAll().where('framework_id', '=', id).orderBy('position').execute(),
    db.selectFrom('framework_abbreviations').selectAll().where('framework_id', '=', id).orderBy('abbr').execute(),
  ]);
  return {
    ...toSummary(r),
    issuedOn: r.issued_on,
    issuedNumber: r.issued_number,
    notes: r.notes,
    reporting: r.reporting ? (JSON.parse(r.reporting) as Framework['reporting']) : null,
    columns: JSON.parse(r.columns) as Framework['columns'],
    fragments: JSON.parse(r.fragments) as Framework['fragments'],
    sections: sections.map((s) => ({ code: s.code, parent: s.parent_code, titleKk: s.title_kk, titleRu: s.title_ru, notes: s.notes })),
    items: items.map(toFrameworkItem),
    abbreviations: abbreviations.map(
      (a): Abbreviation => ({ abbr: a.abbr, fullKk: a.full_kk, fullRu: a.full_ru, source: a.source }),
    ),
  };
}

export async function searchFrameworkItems(db: Db, frameworkId: string, query: string, limit: number): Promise<FrameworkItem[]> {
  let q = db.selectFrom('framework_items').selectAll().where('framework_id', '=', frameworkId);
  if (query) {
    const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('number', '=', query),
        sql<boolean>`measure_kk LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`measure_ru LIKE ${like} ESCAPE '\\'`,
      ]),
    );
  }
  return (await q.orderBy('position').limit(limit).execute()).map(toFrameworkItem);
}

/** The stored framework as a framework file (round-trips through `importFramework`). */
export async function exportFramework(db: Db, id: string): Promise<FrameworkFile> {
  const f = await getFramework(db, id);
  return frameworkFileSchema.parse({
    format: 'qorgan.framework',
    formatVersion: 1,
    code: f.code,
    revision: f.revision,
    kind: f.kind,
    titleKk: f.titleKk,
    titleRu: f.titleRu,
    shortTitleKk: f.shortTitleKk,
    shortTitleRu: f.shortTitleRu,
    issuedOn: f.issuedOn,
    issuedNumber: f.issuedNumber,
    yearFrom: f.yearFrom,
    yearTo: f.yearTo,
    reporting: f.reporting,
    notes: f.notes,
    columns: f.columns,
    sections: f.sections,
    items: f.items.map(({ id: _id, frameworkId: _f, source, ...it }) => ({ ...it, ...(source ? { source } : {}) })),
    abbreviations: f.abbreviations,
    fragments: f.fragments,
  });
}
