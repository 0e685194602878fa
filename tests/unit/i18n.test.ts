/**
 * The UI shows no English and no missing text: kk.json and ru.json have the same keys, no empty strings, the same
 * placeholders, a translation of every error code in shared/errors.ts, every role and every contract method (the
 * audit screen shows the method names as actions), and every i18n key the renderer's source asks for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/api';
import { ERROR_CODES } from '../../shared/errors';
import { ROLES } from '../../shared/roles';
import kk from '../../renderer/src/i18n/kk.json';
import ru from '../../renderer/src/i18n/ru.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk2, vv] of flatten(v, key)) out.set(kk2, vv);
  }
  return out;
}

const langs = { kk: flatten(kk), ru: flatten(ru) };
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('translations', () => {
  it('kk and ru have exactly the same keys', () => {
    const kkKeys = [...langs.kk.keys()].sort();
    const ruKeys = [...langs.ru.keys()].sort();
    expect(kkKeys.filter((k) => !langs.ru.has(k)).map((k) => `missing in ru.json: ${k}`).join('\n')).toBe('');
    expect(ruKeys.filter((k) => !langs.kk.has(k)).map((k) => `missing in kk.json: ${k}`).join('\n')).toBe('');
    expect(kkKeys.length).toBeGreaterThan(100);
  });

  it('has no empty or whitespace-only strings', () => {
    for (const [lang, map] of Object.entries(langs)) {
      const empty = [...map].filter(([, v]) => v.trim() === '').map(([k]) => `${lang}:${k}`);
      expect(empty.join('\n')).toBe('');
    }
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const diff = [...langs.kk]
      .filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(langs.ru.get(k) ?? '')))
      .map(([k]) => k);
    expect(diff.join('\n')).toBe('');
  });

  it('translates every error code of shared/errors.ts in both languages', () => {
    for (const [lang, map] of Object.entries(langs)) {
      const missing = ERROR_CODES.filter((c) => !map.get(`errors.${c}`)?.trim()).map((c) => `${lang}:errors.${c}`);
      expect(missing.join('\n')).toBe('');
    }
  });

  it('names every role and every contract method (audit actions) in both languages', () => {
    for (const [lang, map] of Object.entries(langs)) {
      const missing = [
        ...ROLES.map((r) => `roles.${r}`),
        ...METHOD_NAMES.map((m) => `audit.action.${m}`),
      ].filter((k) => !map.get(k)?.trim());
      expect(missing.map((k) => `${lang}:${k}`).join('\n')).toBe('');
    }
  });

  it('names every audit entity the core writes (the audit screen shows them) in both languages', () => {
    // registrations declare `entity: '…'`; the core's own entries (auth, backup, audit checks) `entityType: '…'`
    const entities = new Set<string>();
    for (const file of sourceFiles(path.join(__dirname, '../../electron'))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bentity(?:Type)?: '([a-z_]+)'/g)) entities.add(m[1] ?? '');
    }
    expect(entities.size).toBeGreaterThan(20);
    for (const [lang, map] of Object.entries(langs)) {
      const missing = [...entities].filter((e) => !map.get(`audit.entity.${e}`)?.trim());
      expect(missing.map((e) => `${lang}:audit.entity.${e}`).join('\n')).toBe('');
    }
  });

  it('Kazakh text is Kazakh: the kk file uses the Kazakh letters and differs from ru', () => {
    const kkText = [...langs.kk.values()].join(' ');
    expect(kkText).toMatch(/[әғқңөұүһі]/);
    const same = [...langs.kk].filter(([k, v]) => v.length > 25 && langs.ru.get(k) === v).map(([k]) => k);
    expect(same.join('\n')).toBe('');
  });

  it('every literal key the renderer asks for exists', () => {
    const root = path.resolve(import.meta.dirname, '../../renderer/src');
    const missing = new Set<string>();
    for (const file of sourceFiles(root)) {
      const src = fs.readFileSync(file, 'utf8');
      // t('a.b.c') and labelKey: 'a.b' — literal keys only; template keys are covered by the checks above
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'|labelKey:\s*'([a-zA-Z0-9_.]+)'/g)) {
        const key = m[1] ?? m[2];
        if (key && (!langs.kk.has(key) || !langs.ru.has(key))) missing.add(`${path.relative(root, file)}: ${key}`);
      }
    }
    expect([...missing].join('\n')).toBe('');
  });
});
