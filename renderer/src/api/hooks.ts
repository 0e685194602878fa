/**
 * TanStack Query hooks over the typed client. Query keys are `[method, input]`, so invalidating by method name
 * (`invalidate(qc, 'accounts.list')`) refreshes every page of that list.
 */
import {
  useMutation,
  useQuery,
  type QueryClient,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import { invoke, type ApiError } from './client';

export type QueryKeyOf<M extends MethodName> = readonly [M, MethodInput<M>];

export function queryKey<M extends MethodName>(method: M, input: MethodInput<M>): QueryKeyOf<M> {
  return [method, input] as const;
}

export function useApiQuery<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  options?: Omit<UseQueryOptions<MethodOutput<M>, ApiError, MethodOutput<M>, QueryKeyOf<M>>, 'queryKey' | 'queryFn'>,
) {
  return useQuery<MethodOutput<M>, ApiError, MethodOutput<M>, QueryKeyOf<M>>({
    queryKey: queryKey(method, input),
    queryFn: () => invoke(method, input),
    ...options,
  });
}

export function useApiMutation<M extends MethodName, C = unknown>(
  method: M,
  options?: Omit<UseMutationOptions<MethodOutput<M>, ApiError, MethodInput<M>, C>, 'mutationFn'>,
) {
  return useMutation<MethodOutput<M>, ApiError, MethodInput<M>, C>({
    mutationFn: (input) => invoke(method, input),
    ...options,
  });
}

export function invalidate(qc: QueryClient, ...methods: MethodName[]): Promise<void> {
  return qc.invalidateQueries({ predicate: (q) => methods.includes(q.queryKey[0] as MethodName) });
}

/** Forget every cached answer except the lock state itself (used when the app locks). */
export function forgetData(qc: QueryClient): void {
  // not awaited: the data goes now, synchronously; cancelQueries' promise never rejects (TanStack swallows the
  // cancellation), it only tells when in-flight fetches have stopped
  void qc.cancelQueries({ predicate: (q) => q.queryKey[0] !== 'auth.status' });
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth.status' });
  qc.getMutationCache().clear();
}
