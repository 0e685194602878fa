/**
 * The functions a document definition may hold, by name: each factory rebuilds one from its plain arguments where
 * the render runs (documents/hooks.ts: `pdfHook` attaches the recipe, `fromWire` calls these). A template that needs
 * a new kind of function adds its factory here; anything else in a definition is plain data.
 */
import { officialFooter } from '../documents/blocks';
import { planPageBreaksFrom } from '../plans/pdf';
import { referenceFooter } from '../reference/sheet';

export const PDF_HOOKS = {
  /** "№ PL-3/2026 … Бет 1 / 3" under every page of an official document (documents/blocks.ts) */
  'documents.officialFooter': officialFooter,
  /** the plan's pagination rules, which re-split its table during the layout (plans/pdf.ts) */
  'plans.pageBreaks': planPageBreaksFrom,
  /** "2-бет, барлығы 3" under the reference sheet (reference/sheet.ts) */
  'reference.footer': referenceFooter,
} as const;

export type PdfHookName = keyof typeof PDF_HOOKS;
export type PdfHookArgs<N extends PdfHookName> = Parameters<(typeof PDF_HOOKS)[N]>[0];

/** The function named `name`, built from `args`; throws on a name this table does not know. */
export function buildPdfHook(name: string, args: unknown): unknown {
  if (!Object.prototype.hasOwnProperty.call(PDF_HOOKS, name)) throw new Error('unknown pdf hook');
  const factory = PDF_HOOKS[name as PdfHookName] as (a: unknown) => unknown;
  return factory(args);
}
