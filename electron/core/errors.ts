import type { AppErrorShape, ErrorCode } from '../../shared/errors';

/** An expected failure with a code from shared/errors.ts. Thrown inside the core, returned as a value by the registry. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: AppErrorShape['details'],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toShape(): AppErrorShape {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
