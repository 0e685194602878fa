/** The byte scan of a sealed search chunk (electron/core/cases/search.ts), on the plaintext the field layer stores. */
import { describe, expect, it } from 'vitest';
import { chunkBytes, foldText, scanChunk } from '../../../electron/core/cases/search';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const C = 'cccccccc-0000-4000-8000-000000000003';
const chunk = chunkBytes([
  { id: A, title: 'Үзілістегі БУЛЛИНГ', summary: 'Дәлізде итерді; "тырнақша" және \\ сызық\tтаб' },
  { id: B, title: 'Ёлка кезіндегі жанжал', summary: 'Ата-анасы хабардар' },
  { id: C, title: 'Чаттағы кибербуллинг', summary: 'Буллинг қайталанды, буллинг тоқтамады' },
]);
const find = (text: string) => scanChunk(chunk, Buffer.from(foldText(text).trim()));

describe('search chunks', () => {
  it('finds the records whose folded text contains the search, each once, case-insensitively', () => {
    expect(find('буллинг')).toEqual([A, C]);
    expect(find('ХАБАРДАР')).toEqual([B]);
    expect(find('елка')).toEqual([B]);
  });

  it('never matches inside an id, nor across two records', () => {
    expect(find('aaaaaaaa')).toEqual([]);
    expect(find('0000-4000')).toEqual([]);
    expect(find('хабардар чаттағы')).toEqual([]);
  });

  it('what JSON would escape is stripped from the text and from the search alike', () => {
    expect(chunk.toString('utf8')).not.toMatch(/\\[tn"\\]/u);
    expect(find('"тырнақша"')).toEqual([A]);
    expect(find('сызық таб')).toEqual([A]);
  });
});
