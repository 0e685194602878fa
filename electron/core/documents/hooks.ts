/**
 * Document definitions cross a thread boundary (the render runs in a worker: workers/run.ts, render-job.ts), so
 * they must be plain data. pdfmake also takes functions — a footer that prints "Бет 2 / 5", the plan's pagination
 * rules (`pageBreakBefore`) — and those cannot be cloned. Such a function is made with `pdfHook(name, args, fn)`:
 * it works as it is on this thread and carries its recipe, the name of its factory in `workers/pdf-hooks.ts` and
 * its plain arguments. `toWire` copies a definition with each hook replaced by a marker; `fromWire` (in the worker)
 * rebuilds the functions from their recipes. Table layouts are data already: named layouts (layouts.ts).
 *
 * Object identity survives the trip: the definition and every hook's arguments are copied together (one memo) and
 * travel in one message (structured clone keeps shared references), so a hook whose arguments point into the
 * content (the plan's table, which it re-splits during the layout) gets the worker's copy of that very content.
 *
 * A function without a recipe is a programming error: `toWire` throws (tests render every template).
 */
import type { PdfHookArgs, PdfHookName } from '../workers/pdf-hooks';

const RECIPE = Symbol('qorgan.pdfHook');
const MARKER = '$qorganPdfHook';

interface Recipe {
  name: PdfHookName;
  args: unknown;
}

type Tagged = ((...a: never[]) => unknown) & { [RECIPE]?: Recipe };

/** `fn` (built by the factory `name` of workers/pdf-hooks.ts from `args`) with its recipe attached. */
export function pdfHook<N extends PdfHookName, F extends (...a: never[]) => unknown>(name: N, args: PdfHookArgs<N>, fn: F): F {
  return Object.assign(fn, { [RECIPE]: { name, args } satisfies Recipe });
}

/** A definition as plain data: `dd` with markers where the hooks were, and the hooks' recipes. */
export interface WireDocument {
  dd: unknown;
  hooks: Recipe[];
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Copies `dd` into plain data; throws on a function that is not a `pdfHook`. */
export function toWire(dd: unknown): WireDocument {
  const memo = new Map<object, unknown>();
  const hooks: Recipe[] = [];
  const hookIndex = new Map<Tagged, number>();
  const copy = (v: unknown, where: string): unknown => {
    if (typeof v === 'function') {
      const fn = v as Tagged;
      const known = hookIndex.get(fn);
      if (known !== undefined) return { [MARKER]: known };
      const recipe = fn[RECIPE];
      if (!recipe) throw new Error(`a document definition holds a function without a recipe at ${where}: make it a pdfHook or a named layout`);
      const index = hooks.length;
      hookIndex.set(fn, index);
      hooks.push({ name: recipe.name, args: undefined });
      hooks[index]!.args = copy(recipe.args, `${recipe.name}(args)`);
      return { [MARKER]: index };
    }
    if (v === null || typeof v !== 'object') return v;
    if (memo.has(v)) return memo.get(v);
    // bytes (images), dates: structured clone carries them as they are
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof Date) return v;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      memo.set(v, out);
      for (let i = 0; i < v.length; i++) out.push(copy(v[i], `${where}[${i}]`));
      return out;
    }
    if (!isPlainObject(v)) throw new Error(`a document definition holds a ${v.constructor.name} at ${where}: only plain data can be rendered`);
    const out: Record<string, unknown> = {};
    memo.set(v, out);
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = copy(x, `${where}.${k}`);
    return out;
  };
  const out = copy(dd, 'dd');
  return { dd: out, hooks };
}

function markerIndex(v: object): number | null {
  if (Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, MARKER)) return null;
  const i = (v as Record<string, unknown>)[MARKER];
  return typeof i === 'number' && Number.isInteger(i) && Object.keys(v).length === 1 ? i : null;
}

/**
 * Rebuilds the definition in place (the worker's own copy): each marker becomes the function its factory makes
 * from its (rebuilt) arguments. `factory` throws on an unknown name.
 */
export function fromWire(wire: WireDocument, factory: (name: string, args: unknown) => unknown): unknown {
  const built = new Map<number, unknown>();
  const seen = new Set<object>();
  const hook = (i: number): unknown => {
    if (built.has(i)) return built.get(i);
    const recipe = wire.hooks[i];
    if (!recipe) throw new Error('a hook marker without its recipe');
    const args = revive(recipe.args);
    const fn = factory(recipe.name, args);
    built.set(i, fn);
    return fn;
  };
  const revive = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const i = markerIndex(v);
    if (i !== null) return hook(i);
    if (seen.has(v) || ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof Date) return v;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let k = 0; k < v.length; k++) v[k] = revive(v[k]);
    } else {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = revive(o[k]);
    }
    return v;
  };
  return revive(wire.dd);
}
