/**
 * One chart with its table, as a figure: the title (a level-3 heading, the figure's label), the chart — a picture of
 * the table, hidden from screen readers and inert (recharts' sectors take focus otherwise) — and the table itself.
 *
 * The card shows the chart; its numbers as a table are one click away (the "Table" toggle, a button with
 * `aria-pressed` that controls the table). Following WAI's guidance for complex images (a chart's data as a table on
 * the same page), the table is always in the page for screen readers and the keyboard: while the chart is on screen
 * the table is only visually hidden, and the toggle shows it in place of the chart for those who read it by eye.
 * Test ids: `chart-<id>` (the figure), `table-<id>` (the table), `table-toggle-<id>` (the toggle).
 * Used by the school's statistics and the district's consolidated view.
 */
import { Button, Group, Paper, Table, Title, VisuallyHidden } from '@mantine/core';
import { IconChartBar, IconTable } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const gridId = `chart-${id}-table`;
  const grid = (
    <Table verticalSpacing={2} fz="sm" data-testid={`table-${id}`} id={gridId} aria-labelledby={`chart-${id}-title`}>
      {table}
    </Table>
  );
  return (
    <Paper withBorder radius="md" p="md" data-testid={`chart-${id}`} component="figure" m={0} aria-labelledby={`chart-${id}-title`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs" mb="sm">
        <Title order={3} size="h6" id={`chart-${id}-title`}>
          {title}
        </Title>
        <Button
          size="compact-xs"
          variant={asTable ? 'light' : 'subtle'}
          leftSection={asTable ? <IconChartBar size={14} aria-hidden /> : <IconTable size={14} aria-hidden />}
          aria-pressed={asTable}
          aria-controls={gridId}
          aria-label={t('statistics.tableOf', { title })}
          onClick={() => setAsTable((v) => !v)}
          data-testid={`table-toggle-${id}`}
          style={{ flexShrink: 0 }}
        >
          {t('statistics.table')}
        </Button>
      </Group>
      {asTable ? (
        minWidth === undefined ? (
          grid
        ) : (
          <Table.ScrollContainer minWidth={minWidth}>{grid}</Table.ScrollContainer>
        )
      ) : (
        <>
          <div aria-hidden="true" inert>
            {chart}
          </div>
          <VisuallyHidden>{grid}</VisuallyHidden>
        </>
      )}
    </Paper>
  );
}
