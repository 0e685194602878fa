/**
 * The table layouts of every template, by name. A definition names its layout (`layout: TABLE_LAYOUTS.thin`) instead
 * of holding functions, so that it stays plain data and can be rendered in a worker (hooks.ts); the render engine
 * registers these with pdfmake (render.ts). Each function is pdfmake's (index, node) → value of a table's lines and
 * paddings; what a layout leaves out is pdfmake's default.
 */
import type { TableLayout } from 'pdfmake/interfaces';

type LayoutFn = (i: number) => number | string;

export interface NamedLayout {
  defaultBorder?: boolean;
  hLineWidth?: LayoutFn;
  vLineWidth?: LayoutFn;
  hLineColor?: LayoutFn;
  vLineColor?: LayoutFn;
  paddingLeft?: LayoutFn;
  paddingRight?: LayoutFn;
  paddingTop?: LayoutFn;
  paddingBottom?: LayoutFn;
}

const zero = () => 0;

export const LAYOUTS = {
  /** `dataTable` (blocks.ts): thin black rules, 4/3 pt padding */
  'qorgan-thin': {
    hLineWidth: () => 0.6,
    vLineWidth: () => 0.6,
    hLineColor: () => '#000000',
    vLineColor: () => '#000000',
    paddingLeft: () => 4,
    paddingRight: () => 4,
    paddingTop: () => 3,
    paddingBottom: () => 3,
  },
  /** `stampSlot` (blocks.ts): no line, no padding — the box is exactly the stamp's room */
  'qorgan-stamp-slot': {
    defaultBorder: false,
    hLineWidth: zero,
    vLineWidth: zero,
    paddingLeft: zero,
    paddingRight: zero,
    paddingTop: zero,
    paddingBottom: zero,
  },
  /** the reference sheet's phone list (reference/sheet.ts): grey rules between rows only */
  'qorgan-reference-phones': { hLineWidth: () => 0.4, vLineWidth: () => 0, hLineColor: () => '#bbbbbb', paddingTop: () => 2, paddingBottom: () => 2 },
  /** the reference sheet's checklists two by two: no lines, a gutter between the columns */
  'qorgan-reference-pairs': {
    hLineWidth: () => 0,
    vLineWidth: () => 0,
    paddingLeft: (i: number) => (i === 0 ? 0 : 7),
    paddingRight: (i: number) => (i === 0 ? 7 : 0),
    paddingTop: () => 0,
    paddingBottom: () => 5,
  },
  /** the first-day guide's tick box (help/first-day.ts) */
  'qorgan-first-day-box': { hLineColor: () => '#555555', vLineColor: () => '#555555' },
  /** the first-day guide's steps: grey rules under each step, none above the first two lines */
  'qorgan-first-day-steps': {
    hLineWidth: (i: number) => (i <= 1 ? 0 : 0.4),
    vLineWidth: () => 0,
    hLineColor: () => '#bbbbbb',
    paddingTop: () => 4,
    paddingBottom: () => 4,
  },
} as const satisfies Record<string, NamedLayout>;

export type LayoutName = keyof typeof LAYOUTS;

/**
 * `layout: layout('qorgan-thin')`: the name, checked against LAYOUTS (pdfmake looks a layout named by a string up
 * among the registered ones: DocMeasure `tableLayouts[name]`).
 */
export function layout(name: LayoutName): TableLayout {
  return name;
}
