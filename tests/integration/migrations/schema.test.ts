import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, openSqlite } from '../../../electron/core/db/open';
import { tempDir } from '../../harness/core';

/**
 * The typed `Database` interface in electron/core/db/schema.ts must say what the migrations build: the same tables,
 * the same columns, the same nullability and storage class. Both sides are read, not listed here, so a migration or
 * an interface added by any feature is checked as soon as it lands.
 */

type Storage = 'TEXT' | 'INTEGER' | 'REAL' | 'BLOB';
interface Column {
  nullable: boolean;
  /** storage classes the column may hold (for the TS side: what its select type allows) */
  storage: Storage[];
}
type Tables = Map<string, Map<string, Column>>;

const schemaFile = path.resolve(import.meta.dirname, '../../../electron/core/db/schema.ts');

/** Reads the `Database` interface through the TypeScript checker (so aliases, `extends` and `Generated<>` resolve). */
function typedTables(): Tables {
  const program = ts.createProgram([schemaFile], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(schemaFile);
  if (!source) throw new Error('schema.ts not found');
  const dbDecl = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database');
  if (!dbDecl) throw new Error('schema.ts has no Database interface');
  const dbType = checker.getTypeAtLocation(dbDecl);

  const storageOf = (t: ts.Type, where: string): Storage[] => {
    if (t.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral | ts.TypeFlags.TemplateLiteral)) return ['TEXT'];
    if (t.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return ['INTEGER', 'REAL'];
    if (t.flags & (ts.TypeFlags.BigInt | ts.TypeFlags.BigIntLiteral)) return ['INTEGER'];
    const name = t.getSymbol()?.getName();
    if (name === 'Buffer' || name === 'Uint8Array') return ['BLOB'];
    throw new Error(`${where}: cannot map the type ${checker.typeToString(t)} to an SQLite storage class`);
  };

  const tables: Tables = new Map();
  for (const tableSym of checker.getPropertiesOfType(dbType)) {
    const tableType = checker.getTypeOfSymbol(tableSym);
    const columns = new Map<string, Column>();
    for (const colSym of checker.getPropertiesOfType(tableType)) {
      const where = `${tableSym.name}.${colSym.name}`;
      let t = checker.getTypeOfSymbol(colSym);
      // Generated<T> / ColumnType<S, I, U>: the column holds what a select returns.
      const select = t.getProperty('__select__');
      if (select) t = checker.getTypeOfSymbol(select);
      const parts = t.isUnion() ? t.types : [t];
      const nullable = parts.some((p) => (p.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) !== 0);
      const storage = new Set<Storage>();
      for (const p of parts) {
        if (p.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) continue;
        // `boolean` is the union true | false: SQLite has no such class, and the house stores 0/1 as numbers.
        for (const s of storageOf(p, where)) storage.add(s);
      }
      columns.set(colSym.name, { nullable, storage: [...storage].sort() });
    }
    tables.set(tableSym.name, columns);
  }
  return tables;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Migrates a fresh encrypted DB and reads every table's columns (Kysely's own tables, FTS5 and shadow tables left out). */
async function migratedTables(): Promise<Tables> {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'qorgan.db');
  const key = crypto.randomBytes(32);
  await (await openDatabase(file, key, new Date())).close();
  const sqlite = openSqlite(file, key, { readonly: true });
  try {
    const list = sqlite
      .prepare(`SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'view')`)
      .all() as { name: string; type: string }[];
    const tables: Tables = new Map();
    for (const { name } of list) {
      if (name.startsWith('sqlite_') || name.startsWith('kysely_')) continue;
      const info = sqlite.prepare('SELECT * FROM pragma_table_info(?)').all(name) as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[];
      const columns = new Map<string, Column>();
      for (const c of info) {
        const declared = c.type.toUpperCase();
        // STRICT tables allow exactly these; INTEGER PRIMARY KEY is the rowid and never NULL.
        const storage: Storage[] =
          declared === 'TEXT' ? ['TEXT'] : declared === 'INTEGER' || declared === 'INT' ? ['INTEGER'] : declared === 'REAL' ? ['REAL'] : declared === 'BLOB' ? ['BLOB'] : [];
        const nullable = c.notnull === 0 && !(c.pk > 0 && (declared === 'INTEGER' || declared === 'INT' || declared === 'TEXT'));
        columns.set(c.name, { nullable, storage });
      }
      tables.set(name, columns);
    }
    return tables;
  } finally {
    sqlite.close();
  }
}

/** Every difference between the two views, as readable lines (empty when they agree). */
function differences(typed: Tables, real: Tables): string[] {
  const problems: string[] = [];
  for (const table of new Set([...typed.keys(), ...real.keys()])) {
    const realColumns = real.get(table);
    const typedColumns = typed.get(table);
    if (!realColumns) {
      problems.push(`${table}: in schema.ts, not created by the migrations`);
      continue;
    }
    if (!typedColumns) {
      problems.push(`${table}: created by the migrations, not in schema.ts`);
      continue;
    }
    for (const name of new Set([...realColumns.keys(), ...typedColumns.keys()])) {
      const r = realColumns.get(name);
      const t = typedColumns.get(name);
      if (!r) problems.push(`${table}.${name}: in schema.ts, not in the DB`);
      else if (!t) problems.push(`${table}.${name}: in the DB, not in schema.ts`);
      else {
        if (r.nullable !== t.nullable) {
          problems.push(`${table}.${name}: the DB says ${r.nullable ? 'NULL allowed' : 'NOT NULL'}, schema.ts says ${t.nullable ? 'nullable' : 'not nullable'}`);
        }
        // An undeclared type (a view's computed column) cannot be checked; a declared one must fit the TS type.
        if (r.storage.length > 0 && !r.storage.every((s) => t.storage.includes(s))) {
          problems.push(`${table}.${name}: the DB stores ${r.storage.join('/')}, schema.ts says ${t.storage.join('/')}`);
        }
      }
    }
  }
  return problems.sort();
}

describe('schema.ts matches the migrated database', () => {
  let typed: Tables;
  let real: Tables;
  beforeAll(async () => {
    typed = typedTables();
    real = await migratedTables();
  });

  it('same tables, same columns, same nullability and storage class', () => {
    expect(real.size).toBeGreaterThan(20);
    expect(differences(typed, real)).toEqual([]);
  });

  it('the comparison catches each kind of drift', () => {
    const copy: Tables = new Map([...typed].map(([t, cols]) => [t, new Map([...cols].map(([c, v]) => [c, { ...v }]))]));
    copy.set('ghost_table', new Map([['id', { nullable: false, storage: ['TEXT'] }]]));
    copy.delete('backups');
    copy.get('accounts')!.delete('login');
    copy.get('accounts')!.set('nickname', { nullable: true, storage: ['TEXT'] });
    copy.get('accounts')!.get('last_login_at')!.nullable = false;
    copy.get('accounts')!.get('disabled')!.storage = ['TEXT'];
    expect(differences(copy, real)).toEqual(
      [
        'ghost_table: in schema.ts, not created by the migrations',
        'backups: created by the migrations, not in schema.ts',
        'accounts.login: in the DB, not in schema.ts',
        'accounts.nickname: in schema.ts, not in the DB',
        'accounts.last_login_at: the DB says NULL allowed, schema.ts says not nullable',
        'accounts.disabled: the DB stores INTEGER, schema.ts says TEXT',
      ].sort(),
    );
  });
});
