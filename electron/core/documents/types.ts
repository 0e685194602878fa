/** Shared types of the documents engine. */
export type DocLang = 'kk' | 'ru';
export type Orientation = 'portrait' | 'landscape';

/** A box on a page in PDF user space (points, origin bottom-left): [x1, y1, x2, y2]. */
export type PdfRect = [number, number, number, number];

/** Where a signature stamp was laid out: 1-based page number and its rectangle. */
export interface StampBox {
  page: number;
  rect: PdfRect;
}
