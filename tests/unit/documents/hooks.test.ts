import { describe, expect, it } from 'vitest';
import { fromWire, pdfHook, toWire } from '../../../electron/core/documents/hooks';
import { officialFooter, officialDocument } from '../../../electron/core/documents/blocks';
import { buildPdfHook } from '../../../electron/core/workers/pdf-hooks';

describe('document definitions as plain data (documents/hooks.ts)', () => {
  it('a pdfHook crosses as its recipe and is rebuilt to the same function', () => {
    const dd = officialDocument({ lang: 'kk', title: 'Т', registerNumber: 'PL-7/2026', content: [{ text: 'мәтін' }] });
    const wire = toWire(dd);
    // what structured clone carries: no functions anywhere
    const cloned = structuredClone(wire);
    expect(JSON.stringify(cloned)).not.toContain('function');
    const back = fromWire(cloned, buildPdfHook) as typeof dd;
    expect(typeof back.footer).toBe('function');
    const footer = back.footer as (page: number, pages: number) => unknown;
    const original = dd.footer as (page: number, pages: number) => unknown;
    expect(footer(2, 5)).toEqual(original(2, 5));
    expect(JSON.stringify(footer(2, 5))).toContain('Бет 2 / 5');
    expect(JSON.stringify(footer(2, 5))).toContain('PL-7/2026');
  });

  it('keeps shared references: a hook argument that points into the content points into the copy', () => {
    const content: unknown[] = [{ text: 'a' }];
    const args = { lang: 'kk' as const, registerNumber: null, left: 1, right: 2 };
    const dd = { content, footer: pdfHook('documents.officialFooter', args, officialFooter(args)), again: content };
    const wire = structuredClone(toWire(dd));
    const back = fromWire(wire, buildPdfHook) as typeof dd;
    expect(back.again).toBe(back.content);
    expect(back.content).not.toBe(content);
  });

  it('refuses a function without a recipe, and an unknown recipe', () => {
    expect(() => toWire({ content: [], footer: () => ({ text: 'x' }) })).toThrow(/without a recipe at dd.footer/);
    expect(() => fromWire({ dd: { f: { $qorganPdfHook: 0 } }, hooks: [{ name: 'nope' as 'reference.footer', args: {} }] }, buildPdfHook)).toThrow(/unknown pdf hook/);
  });
});
