/**
 * The frame of a screen's list: a bordered panel that shows a spinner while the query loads, the translated error
 * when it fails, and `children(data)` once it has an answer.
 */
import { Group, Loader, Paper } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { ErrorAlert } from './errors';

export interface QueryLike<T> {
  isPending: boolean;
  error: ApiError | null;
  data: T | undefined;
}

export function QueryPanel<T>({ query, children }: { query: QueryLike<T>; children: (data: T) => ReactNode }) {
  return (
    <Paper withBorder radius="md">
      {query.isPending ? (
        <Group p="lg">
          <Loader size="sm" />
        </Group>
      ) : query.error ? (
        <ErrorAlert error={query.error} />
      ) : query.data === undefined ? null : (
        children(query.data)
      )}
    </Paper>
  );
}
