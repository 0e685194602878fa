import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A deep teal-blue: calm and institutional. */
const qorgan: MantineColorsTuple = [
  '#e6f5f7',
  '#cfe7eb',
  '#a0ced6',
  '#6db3c0',
  '#449cad',
  '#2b8ea1',
  '#1a7789',
  '#0f6275',
  '#074f5f',
  '#003c49',
];

export const theme = createTheme({
  primaryColor: 'qorgan',
  primaryShade: { light: 7, dark: 5 },
  colors: { qorgan },
  fontFamily: '"Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif',
  fontFamilyMonospace: '"DejaVu Sans Mono", "Cascadia Mono", Consolas, "Liberation Mono", monospace',
  headings: { fontFamily: '"Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif' },
  defaultRadius: 'sm',
});
