/**
 * The typed client: the only way the renderer talks to the core. `invoke('accounts.list', {...})` is checked
 * against the contract in shared/api.ts; a failure arrives as a value and is thrown here as an ApiError so that
 * TanStack Query sees it as an error.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import { ERROR_CODES, type AppErrorShape, type ErrorCode } from '../../../shared/errors';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: AppErrorShape['details'];

  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.details = shape.details;
  }
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError({ code: 'internal', message: e instanceof Error ? e.message : 'unknown failure' });
}

export async function invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  let result: Awaited<ReturnType<Window['qorgan']['invoke']>>;
  try {
    result = await window.qorgan.invoke(method, input);
  } catch (e) {
    throw toApiError(e);
  }
  if (result.ok) return result.value as MethodOutput<M>;
  const code = isErrorCode(result.error.code) ? result.error.code : 'internal';
  throw new ApiError({ ...result.error, code });
}

/** Seconds to wait, when the core says `auth.throttled` (details.retryAfterSeconds, from electron/core/auth/throttle.ts). */
export function waitSeconds(error: ApiError): number | null {
  const v = error.details?.retryAfterSeconds;
  return typeof v === 'number' && Number.isFinite(v) ? Math.max(1, Math.ceil(v)) : null;
}
