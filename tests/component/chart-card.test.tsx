import { Table } from '@mantine/core';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChartCard } from '../../renderer/src/app/ChartCard';
import kk from '../../renderer/src/i18n/kk.json';
import { installFakeCore, renderWithApp } from './render';

const table = (
  <>
    <Table.Thead>
      <Table.Tr>
        <Table.Th>Түрі</Table.Th>
        <Table.Th>Саны</Table.Th>
      </Table.Tr>
    </Table.Thead>
    <Table.Tbody>
      <Table.Tr>
        <Table.Td>Буллинг</Table.Td>
        <Table.Td>4</Table.Td>
      </Table.Tr>
    </Table.Tbody>
  </>
);

describe('ChartCard', () => {
  it('is a figure named by its heading; the chart is hidden from screen readers and the table carries the numbers', () => {
    installFakeCore({});
    renderWithApp(<ChartCard id="harm" title="Зорлық түрлері" chart={<div data-testid="picture">chart</div>} table={table} />);
    const figure = screen.getByRole('figure', { name: 'Зорлық түрлері' });
    expect(figure.getAttribute('data-testid')).toBe('chart-harm');
    expect(within(figure).getByRole('heading', { level: 3, name: 'Зорлық түрлері' })).toBeTruthy();
    const picture = screen.getByTestId('picture').parentElement!;
    expect(picture.getAttribute('aria-hidden')).toBe('true');
    expect(picture.hasAttribute('inert')).toBe(true);
    const grid = within(figure).getByRole('table');
    expect(grid.getAttribute('data-testid')).toBe('table-harm');
    expect(grid.closest('.mantine-TableScrollContainer-scrollContainer')).toBeNull();
    expect(within(grid).getByRole('row', { name: /Буллинг\s*4/ })).toBeTruthy();
    // the chart comes before its table, both inside the figure
    expect(picture.compareDocumentPosition(grid) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows the chart; the table is one click away on a labelled toggle, and always there for screen readers', () => {
    installFakeCore({});
    renderWithApp(<ChartCard id="harm" title="Зорлық түрлері" chart={<div data-testid="picture">chart</div>} table={table} />);
    const toggle = screen.getByRole('button', { name: kk.statistics.tableOf.replace('{{title}}', 'Зорлық түрлері') });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(toggle.textContent).toContain(kk.statistics.table);
    // while the chart shows, the table is only visually hidden (in the page, read by screen readers)
    const hidden = screen.getByTestId('table-harm');
    expect(toggle.getAttribute('aria-controls')).toBe(hidden.id);
    expect(hidden.closest('.mantine-VisuallyHidden-root')).toBeTruthy();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByTestId('picture')).toBeNull();
    const shown = screen.getByTestId('table-harm');
    expect(shown.id).toBe(toggle.getAttribute('aria-controls'));
    expect(shown.closest('.mantine-VisuallyHidden-root')).toBeNull();
    expect(shown.closest('[aria-hidden="true"]')).toBeNull();
    expect(within(shown).getByRole('row', { name: /Буллинг\s*4/ })).toBeTruthy();
    // and back to the chart
    fireEvent.click(toggle);
    expect(screen.getByTestId('picture')).toBeTruthy();
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
  });

  it('a wide table, when shown, scrolls sideways inside the figure when given a minimum width', () => {
    installFakeCore({});
    renderWithApp(<ChartCard id="schools" title="Мектептер" chart={null} table={table} minWidth={560} />);
    fireEvent.click(screen.getByTestId('table-toggle-schools'));
    const grid = screen.getByTestId('table-schools');
    expect(grid.closest('[data-testid="chart-schools"]')).toBeTruthy();
    expect(grid.closest('.mantine-TableScrollContainer-scrollContainer')).toBeTruthy();
  });
});
