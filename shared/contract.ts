import type { z } from 'zod';

/**
 * One method of the contract: its input schema (checked in the core for every call) and its output type (a
 * phantom: the core's handler must return it, the renderer's client receives it).
 */
export interface MethodDef<I extends z.ZodType, O> {
  input: I;
  /** phantom; never read at run time */
  readonly _output?: O;
}

export function method<O>() {
  return <I extends z.ZodType>(input: I): MethodDef<I, O> => ({ input });
}

export type AnyMethodDef = MethodDef<z.ZodType, unknown>;
export type InputOf<M> = M extends MethodDef<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodDef<infer I, unknown> ? z.output<I> : never;
export type OutputOf<M> = M extends MethodDef<z.ZodType, infer O> ? O : never;
