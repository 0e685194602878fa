/**
 * The linear-time pieces under the parse worker: the XML scanner of the DOCX reader (terminators found by forward
 * scans only; unterminated constructs refused at once), the streaming tag counter of the XLSX budget (tags cut
 * between chunks, nesting), the ZIP reader (declared sizes checked before inflating, lying sizes caught while
 * inflating), the /ByteRange scan (de-duplicated, capped, one pass), and where the worker's code is found.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { findSignatureByteRanges, MAX_SIGNATURES } from '../../../electron/core/documents/pdf-structure';
import { qorganPlanProperty, scanXml, type XmlToken } from '../../../electron/core/plans/docx-read';
import { TagCounter } from '../../../electron/core/plans/xlsx-budget';
import { inflateEntry, listZip } from '../../../electron/core/plans/zip-read';
import { workerSource } from '../../../electron/core/workers/run';

const tokens = (xml: string) => {
  const out: XmlToken[] = [];
  scanXml(xml, (t) => out.push(t));
  return out;
};
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? 'thrown';
  }
};

describe('scanXml', () => {
  it('reads tags, attributes with > inside quotes, self-closing tags, text, CDATA; skips comments, PIs and a DOCTYPE with a subset', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]><!-- c > --><a k="1>2" j='y'>t<![CDATA[<raw>]]><b/></a>`;
    expect(tokens(xml)).toEqual([
      { kind: 'tag', name: 'a', close: false, self: false, attrs: ` k="1>2" j='y'` },
      { kind: 'text', text: 't' },
      { kind: 'cdata', text: '<raw>' },
      { kind: 'tag', name: 'b', close: false, self: true, attrs: '' },
      { kind: 'tag', name: 'a', close: true, self: false, attrs: '' },
    ]);
  });

  it('refuses every unterminated construct at once, in time linear in the text', () => {
    for (const bad of ['<a><!-- x', '<a><![CDATA[ x', '<a><? x', '<!DOCTYPE x [ <a>', '<a k="x>', '<a', '<a <b>', 'x < y']) {
      expect(codeOf(() => tokens(bad)), bad).toBe('plans.import_failed');
    }
    // 4 MB of unclosed comment openers: one scan, not one per opener
    const t = performance.now();
    expect(codeOf(() => tokens(`<a>${'<!--'.repeat(1_000_000)}`))).toBe('plans.import_failed');
    expect(codeOf(() => tokens(`<a>${'<!X '.repeat(1_000_000)}`))).toBe('plans.import_failed');
    expect(performance.now() - t).toBeLessThan(5_000);
    expect(codeOf(() => tokens(`<a ${'b'.repeat(100_000)}>`))).toBe('file.too_complex');
  });

  it('finds the hidden plan property with forward scans only', () => {
    const xml = `<Properties>${'<property name="x">'.repeat(3)}<property fmtid="{D5}" pid="2" name="QorganPlan"><vt:lpwstr>{&quot;a&quot;:1}</vt:lpwstr></property></Properties>`;
    expect(qorganPlanProperty(xml)).toBe('{"a":1}');
    expect(qorganPlanProperty('<property'.repeat(100_000))).toBeNull();
  });
});

describe('TagCounter', () => {
  const enc = new TextEncoder();
  const count = (chunks: string[], names: string[]) => {
    const c = new TagCounter(names);
    for (const ch of chunks) c.push(enc.encode(ch));
    return c;
  };

  it('counts tags cut between chunks exactly once, and not their look-alikes', () => {
    const xml = '<row r="1"><c r="A1"/><c>x</c><col/><cx/></row><row>';
    const whole = count([xml], ['row', 'c']);
    expect(whole.counts).toEqual([2, 2]);
    for (let cut = 1; cut < xml.length; cut++) {
      expect(count([xml.slice(0, cut), xml.slice(cut)], ['row', 'c']).counts, `cut at ${cut}`).toEqual([2, 2]);
    }
    const bytes = [...xml].map((ch) => ch);
    expect(count(bytes, ['row', 'c']).counts).toEqual([2, 2]);
  });

  it('follows the nesting (the deepest point, even inside one chunk)', () => {
    const deep = `<?xml version="1.0"?><a>${'<b>'.repeat(1000)}<c/>${'</b>'.repeat(1000)}</a>`;
    const c = count([deep], []);
    expect(c.maxDepth).toBe(1002);
    expect(c.depth).toBe(0);
    const pieces = count(deep.match(/.{1,7}/gs) ?? [], []);
    expect(pieces.maxDepth).toBe(1002);
  });
});

describe('the ZIP reader', () => {
  const zip = Buffer.from(zipSync({ 'a.xml': new TextEncoder().encode('<a/>'.repeat(10_000)), 'b.bin': new Uint8Array(100) }, { level: 9 }));

  it('lists entries and inflates them in steps to their exact bytes', () => {
    const entries = listZip(zip);
    expect(entries.map((e) => [e.name, e.size])).toEqual([
      ['a.xml', 40_000],
      ['b.bin', 100],
    ]);
    expect(new TextDecoder().decode(inflateEntry(zip, entries[0]!, { maxBytes: 1e6 }) as Uint8Array)).toBe('<a/>'.repeat(10_000));
  });

  it('refuses a part over its budget before inflating, and a part that inflates past its declared size while inflating', () => {
    const [a] = listZip(zip);
    expect(codeOf(() => inflateEntry(zip, a!, { maxBytes: 1000 }))).toBe('file.too_complex');
    const lying = Buffer.from(zip);
    const cd = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(1000, cd + 24);
    let seen = 0;
    expect(codeOf(() => inflateEntry(lying, listZip(lying)[0]!, { maxBytes: 1e6, onChunk: (c) => (seen += c.length) }))).toBe('file.too_complex');
    expect(seen).toBeLessThanOrEqual(1000);
  });

  it('calls a cut or foreign file damaged', () => {
    expect(codeOf(() => listZip(zip.subarray(0, zip.length - 30)))).toBe('plans.import_failed');
    expect(codeOf(() => listZip(Buffer.from('PK\u0003\u0004 not a zip')))).toBe('plans.import_failed');
  });
});

describe('findSignatureByteRanges', () => {
  it('keeps each distinct /ByteRange once, at most MAX_SIGNATURES, with its dictionary /M', () => {
    const sig = (a: number) => `1 0 obj\n<< /Type /Sig /ByteRange [0 ${a} ${a + 10} 5] /M (D:20260101120000Z) >>\nendobj\n`;
    const pdf = Buffer.from(`%PDF-1.7\n${sig(10)}${sig(10)}${sig(20)}`, 'latin1');
    expect(findSignatureByteRanges(pdf)).toEqual([
      { ranges: [0, 10, 20, 5], claimedTime: 'D:20260101120000Z' },
      { ranges: [0, 20, 30, 5], claimedTime: 'D:20260101120000Z' },
    ]);
    const many = Buffer.from(`%PDF-1.7\n${Array.from({ length: 100_000 }, (_, i) => `/ByteRange [0 ${i} ${i + 1} 2]`).join('\n')}`, 'latin1');
    const t = performance.now();
    expect(findSignatureByteRanges(many)).toHaveLength(MAX_SIGNATURES);
    expect(performance.now() - t).toBeLessThan(5_000);
  });
});

describe('workerSource', () => {
  it('uses the bundle beside main.cjs in the built app, the TypeScript entry beside run.ts otherwise', () => {
    expect(workerSource('file:///app/resources/app.asar/dist/electron/main.cjs')).toEqual({ kind: 'bundle', file: '/app/resources/app.asar/dist/electron/parse-worker.cjs' });
    expect(workerSource('file:///repo/electron/core/workers/run.ts')).toEqual({ kind: 'typescript', entry: '/repo/electron/core/workers/entry.ts' });
  });
});

describe('jsonDepth', () => {
  it('counts the nesting outside strings, in one pass', async () => {
    const { jsonDepth } = await import('../../../electron/core/frameworks/parse');
    expect(jsonDepth('{"a":[1,{"b":"[[[{{{\\"]]"}]}')).toBe(3);
    expect(jsonDepth('['.repeat(1_000_000))).toBe(1_000_000);
  });
});
