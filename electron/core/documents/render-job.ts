/**
 * The render worker's side of `renderPdf` / `renderWithStampBoxes` (render.ts): the 'documents.render' task of
 * workers/tasks.ts. Rebuilds the definition's functions from their recipes (hooks.ts, workers/pdf-hooks.ts), lays it
 * out with pdfmake on this (worker) thread and hands back the bytes in an ArrayBuffer of their own, to be
 * transferred, with where each stamp slot landed.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { buildPdfHook } from '../workers/pdf-hooks';
import { configureFontsDir } from './fonts';
import { fromWire, type WireDocument } from './hooks';
import { renderHere, withStampBoxes } from './render';
import type { StampBox } from './types';

export interface RenderArgs {
  doc: WireDocument;
  /** also report where the stamp slots landed */
  stampBoxes: boolean;
  /** the folder of the TTF files the core found (fonts.ts): the worker reads the same files */
  fontsDir: string;
}

export interface RenderOutput {
  pdf: Uint8Array;
  boxes: [string, StampBox][];
}

export async function renderJob(args: RenderArgs): Promise<RenderOutput> {
  configureFontsDir(args.fontsDir);
  const dd = fromWire(args.doc, buildPdfHook) as TDocumentDefinitions;
  const boxes = new Map<string, StampBox>();
  const bytes = await renderHere(args.stampBoxes ? withStampBoxes(dd, boxes) : dd);
  // an ArrayBuffer of their own (a Buffer may be a view into a shared pool): transferred, not copied, to the core
  const pdf = new Uint8Array(bytes.byteLength);
  pdf.set(bytes);
  return { pdf, boxes: [...boxes] };
}
