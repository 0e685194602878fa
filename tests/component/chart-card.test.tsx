import { Table } from '@mantine/core';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChartCard } from '../../renderer/src/app/ChartCard';
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

  it('a wide table scrolls sideways inside the figure when given a minimum width', () => {
    installFakeCore({});
    renderWithApp(<ChartCard id="schools" title="Мектептер" chart={null} table={table} minWidth={560} />);
    const grid = screen.getByTestId('table-schools');
    expect(grid.closest('[data-testid="chart-schools"]')).toBeTruthy();
    expect(grid.closest('.mantine-TableScrollContainer-scrollContainer')).toBeTruthy();
  });
});
