import { Badge, createTheme, darken, DEFAULT_THEME, defaultVariantColorsResolver, type CSSVariablesResolver, type MantineColorsTuple, type VariantColorsResolver } from '@mantine/core';

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

/**
 * Text on light badges, alerts and buttons: Mantine's light variant writes shade 6 of the color on a 10 % tint of
 * it (orange 2.3:1, the demo badge 3.6:1). A darkened shade 9 reads at 5:1 or more for every palette color
 * (WCAG AA, checked by axe-core in tests/e2e/a11y.test.ts).
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const base = defaultVariantColorsResolver(input);
  if (input.variant !== 'light' && input.variant !== 'subtle' && input.variant !== 'outline') return base;
  const name = typeof input.color === 'string' && input.color in input.theme.colors ? input.color : input.theme.primaryColor;
  const shades = input.theme.colors[name];
  if (!shades) return base;
  const text = darken(shades[9], 0.35);
  return { ...base, color: text, ...(input.variant === 'outline' ? { border: `1px solid ${text}` } : {}) };
};

/**
 * Warning text (orange) on white or gray-0: Mantine's orange shades stay under 4.5:1 even at 9, so it is darkened as
 * the light badges are. Danger text uses `c="red.9"` (5.2:1 on gray-0).
 */
export const TEXT_WARNING = darken(DEFAULT_THEME.colors.orange[9], 0.35);

export const theme = createTheme({
  primaryColor: 'qorgan',
  primaryShade: { light: 7, dark: 5 },
  colors: { qorgan },
  fontFamily: '"Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif',
  fontFamilyMonospace: '"DejaVu Sans Mono", "Cascadia Mono", Consolas, "Liberation Mono", monospace',
  headings: { fontFamily: '"Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif' },
  defaultRadius: 'sm',
  variantColorResolver,
  // dark text on filled colors where white would not read: above relative luminance 0.18 black text reads at
  // 4.6:1 or more, below it white does
  autoContrast: true,
  luminanceThreshold: 0.18,
  components: {
    // a badge too long for its column wraps instead of being cut ("На внутришкольном …" at 1024 px)
    Badge: Badge.extend({
      styles: {
        root: { height: 'auto', minHeight: 'var(--badge-height)', paddingBlock: 2 },
        label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', lineHeight: 1.25 },
      },
    }),
  },
});

/**
 * Dimmed text (hints, secondary lines) in a grey that reads at 5.8:1 on white and on the grey page background,
 * instead of Mantine's #868e96 (3.3:1); placeholders likewise.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // placeholders a little lighter than dimmed text, still 5:1
  light: { '--mantine-color-dimmed': '#5c636a', '--mantine-color-placeholder': '#666d74' },
  dark: {},
});
