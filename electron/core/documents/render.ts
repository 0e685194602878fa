/**
 * pdfmake: the one place that turns a document definition into PDF bytes.
 *
 * `renderPdf` and `renderWithStampBoxes` — what every feature calls — run the layout in a worker thread (the
 * 'documents.render' task of workers/tasks.ts, documents/render-job.ts), never on the core's thread: a 200-item plan
 * takes seconds of pdfmake, and in that time the lock (Ctrl+L, the idle lock) must still be answered at once. The
 * definition goes as plain data (hooks.ts: functions become recipes, table layouts are named: layouts.ts), the bytes
 * come back transferred. The lock stops a running render (`documents.cancelled`, workers/run.ts).
 *
 * `renderHere` is the engine itself, run inside that worker. Fonts come from memory (never from a path the
 * definition names); URL and local-file access are denied, so a template cannot pull anything from outside.
 */
import { createRequire } from 'node:module';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { STAMP_BOX } from './appearance';
import { FONT_FAMILY, FONT_FILES, fontBuffers, fontsDir } from './fonts';
import { toWire } from './hooks';
import { LAYOUTS } from './layouts';
import type { PdfRect, StampBox } from './types';
import { runParser } from '../workers/run';

const require = createRequire(import.meta.url);

interface PdfMakeServer {
  virtualfs: { writeFileSync(name: string, data: Buffer): void };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  addTableLayouts(layouts: Record<string, unknown>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(dd: TDocumentDefinitions, options?: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

let engine: PdfMakeServer | null = null;

function pdfmake(): PdfMakeServer {
  if (engine) return engine;
  const pm = require('pdfmake') as PdfMakeServer;
  const buffers = fontBuffers();
  for (const [style, file] of Object.entries(FONT_FILES)) {
    pm.virtualfs.writeFileSync(file, buffers[style as keyof typeof FONT_FILES]);
  }
  pm.setFonts({ [FONT_FAMILY]: { ...FONT_FILES } });
  pm.addTableLayouts(LAYOUTS);
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);
  engine = pm;
  return pm;
}

/** A4 in points, portrait. */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** The engine on this thread (the render worker's side: render-job.ts). */
export async function renderHere(dd: TDocumentDefinitions): Promise<Buffer> {
  const buf = await pdfmake().createPdf(dd).getBuffer();
  return Buffer.from(buf);
}

async function renderInWorker(dd: TDocumentDefinitions, stampBoxes: boolean): Promise<{ pdf: Buffer; boxes: Map<string, StampBox> }> {
  const out = await runParser('documents.render', new Uint8Array(0), { doc: toWire(dd), stampBoxes, fontsDir: fontsDir() }, { failure: 'documents.render_failed', job: 'render' });
  return { pdf: Buffer.from(out.pdf.buffer, out.pdf.byteOffset, out.pdf.byteLength), boxes: new Map(out.boxes) };
}

/**
 * Renders a document definition to PDF bytes, in a worker. Rejects with `documents.cancelled` when the app is
 * locked meanwhile, `documents.render_failed` when the render crashed or ran out of time or memory.
 */
export async function renderPdf(dd: TDocumentDefinitions): Promise<Buffer> {
  return (await renderInWorker(dd, false)).pdf;
}

/** Node id prefix of signature stamps (see `signatureStamp` in blocks.ts). */
export const STAMP_ID_PREFIX = 'qorgan-stamp-';
/** Node id prefix of a line that must stay on the page of stamp slot <slot> (e.g. "Төраға ____ М.Қаншев"). */
export const KEEP_WITH_STAMP_PREFIX = 'qorgan-keep-with-stamp-';

interface LaidOutNode {
  id?: string;
  startPosition?: { pageNumber: number; pageOrientation?: string; left: number; top: number };
}

/** Size of a stamp box in points (the room `stampSlot` reserves; the appearance is drawn to it). */
export const STAMP_SIZE = STAMP_BOX;

/**
 * Renders (in a worker, like `renderPdf`) and reports where each stamp slot landed (page and rectangle in PDF
 * coordinates), so that the signature widget, and its appearance, cover exactly the reserved room.
 */
export async function renderWithStampBoxes(dd: TDocumentDefinitions): Promise<{ pdf: Buffer; boxes: Map<string, StampBox> }> {
  return renderInWorker(dd, true);
}

/** `dd` with a `pageBreakBefore` that also records where each stamp slot landed into `boxes` (render-job.ts). */
export function withStampBoxes(dd: TDocumentDefinitions, boxes: Map<string, StampBox>): TDocumentDefinitions {
  const previous = dd.pageBreakBefore;
  return {
    ...dd,
    pageBreakBefore: (node, ...rest) => {
      const n = node as unknown as LaidOutNode;
      if (n.id?.startsWith(KEEP_WITH_STAMP_PREFIX)) {
        // the stamp slot went to the next page while its line stayed: move the line too
        const slotId = STAMP_ID_PREFIX + n.id.slice(KEEP_WITH_STAMP_PREFIX.length);
        const nextPage = rest[0].getNodesOnNextPage() as unknown as LaidOutNode[];
        if (nextPage.some((x) => x.id === slotId)) return true;
      }
      if (n.id?.startsWith(STAMP_ID_PREFIX) && n.startPosition) {
        const p = n.startPosition;
        const pageHeight = p.pageOrientation === 'landscape' ? A4.width : A4.height;
        const y2 = pageHeight - p.top;
        const rect: PdfRect = [p.left, y2 - STAMP_SIZE.height, p.left + STAMP_SIZE.width, y2];
        boxes.set(n.id.slice(STAMP_ID_PREFIX.length), { page: p.pageNumber, rect: rect.map(round2) as PdfRect });
      }
      return previous ? previous(node, ...rest) : false;
    },
  };
}

/**
 * Throws when a stamp slot sits inside an `unbreakable` block: pdfmake lays such blocks out in a scratch context
 * and reports the positions of the nodes inside relative to it, so the signature would land in the wrong place.
 * (The slot itself may be unbreakable: `stampSlot` is.)
 */
export function assertSlotsPlaceable(content: unknown): void {
  const walk = (node: unknown, insideUnbreakable: boolean, depth: number): void => {
    if (depth > 200 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n, insideUnbreakable, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    if (typeof o.id === 'string' && o.id.startsWith(STAMP_ID_PREFIX) && insideUnbreakable) {
      throw new Error('a signature stamp slot is inside an unbreakable block; pdfmake cannot report where it lands');
    }
    const unbreakable = insideUnbreakable || o.unbreakable === true;
    for (const [k, v] of Object.entries(o)) if (k !== 'id' && typeof v === 'object') walk(v, unbreakable && !(typeof o.id === 'string' && o.id.startsWith(STAMP_ID_PREFIX)), depth + 1);
  };
  walk(content, false, 0);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export type { Content, TDocumentDefinitions };
