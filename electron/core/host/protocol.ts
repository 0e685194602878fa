/**
 * The wire between the Electron main process and the core's own process (a `utilityProcess` in the app, a Node
 * child process in the tests and the bench). Electron-free, zod-checked both ways: neither side trusts a message
 * it did not parse.
 *
 *   parent → child: init (the data folder, fonts, native module), invoke, relayResult, dispose
 *   child → parent: hello (listening), ready | startFailed, result, lock, relay (a dialog or a PDF job only the
 *                   main process can do), disposed, refused (a message the child could not parse)
 *
 * Every request carries an integer id and gets exactly one answer; errors travel as values (`AppErrorShape`). A
 * child that dies leaves no call hanging: the parent answers every pending one with `core.unavailable`.
 */
import { z } from 'zod';
import { ERROR_CODES, type AppErrorShape, type Result } from '../../../shared/errors';
import type { Core } from '../api';
import { isAppError } from '../errors';
import type { Platform } from '../platform';

/** What the shell needs of a core, wherever it runs: the registry's one entry point, lock events, shutdown. */
export type CoreClient = Pick<Core, 'invoke' | 'onLock' | 'dispose'>;

/** The part of the Platform only the main process can do: native dialogs parented to the window, printing, viewing. */
export type RelayTarget = Pick<Platform, 'chooseSaveFile' | 'chooseOpenFile' | 'chooseFolder' | 'printPdf'> & Required<Pick<Platform, 'showPdf'>>;

const id = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const text = (max: number) => z.string().max(max);
const lockReason = z.enum(['manual', 'idle', 'switch', 'restore', 'shutdown']);

export const errorShapeSchema = z
  .object({
    code: z.enum(ERROR_CODES),
    message: text(2000),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  })
  .strict();

export const resultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: errorShapeSchema }).strict(),
]);

const fileFilter = z.object({ name: text(200), extensions: z.array(text(20)).max(20) }).strict();
const pdfBytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected PDF bytes');

/** One relayed Platform call. */
export const relayRequestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('chooseSaveFile'), options: z.object({ title: text(500), defaultName: text(500), filters: z.array(fileFilter).max(20) }).strict() }).strict(),
  z.object({ op: z.literal('chooseOpenFile'), options: z.object({ title: text(500), filters: z.array(fileFilter).max(20) }).strict() }).strict(),
  z.object({ op: z.literal('chooseFolder'), options: z.object({ title: text(500) }).strict() }).strict(),
  z.object({ op: z.literal('printPdf'), pdf: pdfBytes, options: z.object({ title: text(500) }).strict() }).strict(),
  z.object({ op: z.literal('showPdf'), pdf: pdfBytes, options: z.object({ title: text(500) }).strict() }).strict(),
]);
export type RelayRequest = z.infer<typeof relayRequestSchema>;
export type RelayOp = RelayRequest['op'];

/** What a relayed call resolves to: a path (or null when cancelled) for the dialogs, nothing for the PDF jobs. */
export const relayValueSchemas: Record<RelayOp, z.ZodType<string | null>> = {
  chooseSaveFile: z.string().max(4096).nullable(),
  chooseOpenFile: z.string().max(4096).nullable(),
  chooseFolder: z.string().max(4096).nullable(),
  printPdf: z.null(),
  showPdf: z.null(),
};

export const initSchema = z
  .object({
    type: z.literal('init'),
    dataDir: text(4096).min(1),
    demo: z.boolean(),
    nativeBinding: text(4096).nullable(),
    fontsDir: text(4096).nullable(),
  })
  .strict();
export type InitMessage = z.infer<typeof initSchema>;

export const toChildSchema = z.discriminatedUnion('type', [
  initSchema,
  z.object({ type: z.literal('invoke'), id, method: text(200).min(1), input: z.unknown() }).strict(),
  z.object({ type: z.literal('relayResult'), id, result: resultSchema }).strict(),
  z.object({ type: z.literal('dispose'), id }).strict(),
]);
export type ToChild = z.infer<typeof toChildSchema>;

export const toParentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello') }).strict(),
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('startFailed'), error: errorShapeSchema }).strict(),
  z.object({ type: z.literal('result'), id, result: resultSchema }).strict(),
  z.object({ type: z.literal('lock'), reason: lockReason }).strict(),
  z.object({ type: z.literal('relay'), id, request: relayRequestSchema }).strict(),
  z.object({ type: z.literal('disposed'), id }).strict(),
  z.object({ type: z.literal('refused'), id: id.nullable(), reason: text(200) }).strict(),
]);
export type ToParent = z.infer<typeof toParentSchema>;

/**
 * The id of a call that failed to parse, when it has a usable one, so that its caller is answered instead of left
 * waiting. Only for the one type whose ids are the caller's (`invoke` in the child, `result` in the parent): relay
 * ids are numbered by the other side and must never settle a call.
 */
export function idOf(message: unknown, type: 'invoke' | 'result'): number | null {
  if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== type) return null;
  const parsed = id.safeParse((message as { id?: unknown }).id);
  return parsed.success ? parsed.data : null;
}

export function unavailable(message = 'the core process is not running'): Result<never> {
  return { ok: false, error: { code: 'core.unavailable', message } };
}

/** An exception as a value that may cross the wire: an AppError keeps its code, anything else is `internal`. */
export function errorShapeOf(e: unknown): AppErrorShape {
  if (isAppError(e)) {
    const parsed = errorShapeSchema.safeParse(e.toShape());
    if (parsed.success) return parsed.data;
  }
  return { code: 'internal', message: 'an internal error occurred' };
}
