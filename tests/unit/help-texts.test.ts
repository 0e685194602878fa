/**
 * The per-screen help (renderer/src/features/help/texts/): every route of the app (navigation entries and the
 * detail screens they open) has its help in Kazakh and in Russian, with no English word and no text left over for a
 * route that no longer exists; the Kazakh texts are written in Kazakh (its own letters), the Russian ones in Russian.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpTextsSchema } from '../../renderer/src/features/help/texts';

const dir = path.resolve(import.meta.dirname, '../../renderer/src/features/help/texts');
const texts = {
  kk: helpTextsSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'kk.json'), 'utf8'))),
  ru: helpTextsSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'ru.json'), 'utf8'))),
};

/** the paths of routes.tsx, read from its source (importing it would pull in every screen) */
function routePaths(): string[] {
  const src = fs.readFileSync(path.resolve(import.meta.dirname, '../../renderer/src/app/routes.tsx'), 'utf8');
  return [...src.matchAll(/path:\s*'([^']+)'/gu)].map((m) => m[1] ?? '');
}

function strings(o: unknown): string[] {
  if (typeof o === 'string') return [o];
  if (Array.isArray(o)) return o.flatMap(strings);
  if (o && typeof o === 'object') return Object.values(o).flatMap(strings);
  return [];
}

/** Latin words allowed inside the texts: file formats, key names, the screening tool's name, the key prefix */
const LATIN_OK = new Set(['CSV', 'XLSX', 'DOCX', 'PDF', 'ASQ', 'Ctrl', 'L', 'F1', 'p12', 'age1']);

describe('help texts', () => {
  const paths = routePaths();

  it('the routes are found', () => {
    expect(paths.length).toBeGreaterThan(20);
    expect(paths).toContain('/');
    expect(paths).toContain('/plans');
  });

  for (const lang of ['kk', 'ru'] as const) {
    it(`${lang}: every route has its help, and no help is left for a route that is gone`, () => {
      const missing = paths.filter((p) => !texts[lang].screens[p]);
      expect(missing).toEqual([]);
      const extra = Object.keys(texts[lang].screens).filter((p) => !paths.includes(p));
      expect(extra).toEqual([]);
    });

    it(`${lang}: no English`, () => {
      const offenders: string[] = [];
      for (const s of strings(texts[lang])) {
        for (const word of s.replace(/\{\{\w+\}\}/gu, '').match(/[A-Za-z][A-Za-z0-9]*/gu) ?? []) if (!LATIN_OK.has(word)) offenders.push(`${word} in «${s.slice(0, 60)}»`);
      }
      expect(offenders).toEqual([]);
    });
  }

  it('the Kazakh texts are in Kazakh and the Russian ones in Russian', () => {
    const kazakhOnly = /[әғқңөұүһі]/iu;
    for (const [p, h] of Object.entries(texts.kk.screens)) expect(strings(h).join(' '), p).toMatch(kazakhOnly);
    for (const [p, h] of Object.entries(texts.ru.screens)) expect(strings(h).join(' '), p).not.toMatch(kazakhOnly);
    expect(strings(texts.ru.panel).join(' ')).not.toMatch(kazakhOnly);
  });

  it('the two languages say as much (the same number of points per screen)', () => {
    for (const [p, h] of Object.entries(texts.kk.screens)) {
      const r = texts.ru.screens[p];
      expect(r, p).toBeDefined();
      expect([h.who.length, h.data.length], p).toEqual([r?.who.length, r?.data.length]);
    }
  });
});
