/**
 * Renders a screen's component with the app's own providers (Mantine with the app theme, TanStack Query, i18n) and a
 * fake core: `window.qorgan.invoke` answers from the test's handlers and records every call, so a test sees exactly
 * what the form sent.
 */
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import type { AppErrorShape, Result } from '../../shared/errors';
import { createQueryClient, Providers } from '../../renderer/src/app/providers';

export type FakeHandler = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;

export interface FakeCore {
  calls: { method: string; input: unknown }[];
  /** the inputs one method was called with */
  inputs: (method: string) => unknown[];
}

export const ok = (value: unknown): Result<unknown> => ({ ok: true, value });
export const fail = (code: AppErrorShape['code'], message: string, details?: AppErrorShape['details']): Result<unknown> => ({
  ok: false,
  error: { code, message, ...(details ? { details } : {}) },
});

export function installFakeCore(handlers: Record<string, FakeHandler>): FakeCore {
  const calls: FakeCore['calls'] = [];
  window.qorgan = {
    invoke: vi.fn(async (method: string, input: unknown) => {
      calls.push({ method, input });
      const h = handlers[method];
      if (!h) return fail('internal', `no fake for ${method}`);
      return h(input);
    }),
    onLocked: () => () => undefined,
  };
  return { calls, inputs: (method) => calls.filter((c) => c.method === method).map((c) => c.input) };
}

export function renderWithApp(ui: ReactElement): RenderResult {
  return render(<Providers client={createQueryClient()}>{ui}</Providers>);
}

/** The text of the element Mantine links to a field through `aria-describedby` whose id ends in `-<part>`. */
function describedBy(field: HTMLElement, part: 'error' | 'description'): string | null {
  const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)).find((el) => el?.id.endsWith(`-${part}`))?.textContent ?? null;
}

/** The error text Mantine shows under a field, or null. */
export const errorOf = (field: HTMLElement): string | null => describedBy(field, 'error');

/** The description under a field (where the forms show their length counters), or null. */
export const descriptionOf = (field: HTMLElement): string | null => describedBy(field, 'description');
