/**
 * One chart with its table, as a figure: the title (a level-3 heading, the figure's label), the chart — a picture of
 * the table, hidden from screen readers and inert (recharts' sectors take focus otherwise) — and the table itself,
 * which screen readers and the keyboard use. Test ids: `chart-<id>` (the figure) and `table-<id>` (the table).
 * Used by the school's statistics and the district's consolidated view.
 */
import { Paper, Table, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface ChartCardProps {
  id: string;
  title: string;
  /** the chart: a picture of `table` */
  chart: ReactNode;
  /** the table's head and body (`Table.Thead`, `Table.Tbody`) */
  table: ReactNode;
  /** a wide table scrolls sideways below this width (px) instead of squeezing its columns */
  minWidth?: number;
}

export function ChartCard({ id, title, chart, table, minWidth }: ChartCardProps) {
  const grid = (
    <Table mt={minWidth === undefined ? 'sm' : undefined} verticalSpacing={2} fz="sm" data-testid={`table-${id}`}>
      {table}
    </Table>
  );
  return (
    <Paper withBorder radius="md" p="md" data-testid={`chart-${id}`} component="figure" m={0} aria-labelledby={`chart-${id}-title`}>
      <Title order={3} size="h6" mb="sm" id={`chart-${id}-title`}>
        {title}
      </Title>
      <div aria-hidden="true" inert>
        {chart}
      </div>
      {minWidth === undefined ? (
        grid
      ) : (
        <Table.ScrollContainer minWidth={minWidth} mt="sm">
          {grid}
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
