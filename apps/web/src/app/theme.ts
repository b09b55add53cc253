import { Anchor, Badge, createTheme, type CSSVariablesResolver, darken, DEFAULT_THEME, type MantineColorsTuple, SegmentedControl, Table } from '@mantine/core';
import { readableOn } from './contrast';

const WHITE = '#ffffff';
const { gray, dark } = DEFAULT_THEME.colors;
/** Where text sits: the page, cards, striped and hovered rows, default-variant panels. */
const LIGHT_SURFACES = [WHITE, gray[0], gray[1]];
const DARK_SURFACES = [dark[7], dark[6], dark[8], dark[5]];

/**
 * Mantine's stock shades put text at 1.9-3.6:1 (dimmed grey, blue links and buttons, light and
 * outline badges). Every colour variable text is drawn with is derived here at WCAG AA contrast
 * against the surfaces it is drawn on, so a page made of Mantine components passes without
 * per-page colour choices.
 */
function colorVariables(name: string, shades: MantineColorsTuple) {
  const light: Record<string, string> = {};
  const darkScheme: Record<string, string> = {};
  const lightFilled = readableOn(shades[6], [WHITE]);
  Object.assign(light, {
    [`--mantine-color-${name}-text`]: readableOn(shades[6], LIGHT_SURFACES),
    [`--mantine-color-${name}-filled`]: lightFilled,
    [`--mantine-color-${name}-filled-hover`]: darken(lightFilled, 0.12),
    [`--mantine-color-${name}-light-color`]: readableOn(shades[9], [shades[1], shades[2], WHITE]),
    [`--mantine-color-${name}-outline`]: readableOn(shades[6], LIGHT_SURFACES),
  });
  const darkFilled = readableOn(shades[8], [WHITE]);
  Object.assign(darkScheme, {
    [`--mantine-color-${name}-text`]: readableOn(shades[4], DARK_SURFACES),
    [`--mantine-color-${name}-filled`]: darkFilled,
    [`--mantine-color-${name}-filled-hover`]: darken(darkFilled, 0.12),
    [`--mantine-color-${name}-light-color`]: readableOn(shades[0], [darken(shades[9], 0.5), darken(shades[9], 0.3)]),
    [`--mantine-color-${name}-outline`]: readableOn(shades[4], DARK_SURFACES),
  });
  return { light, dark: darkScheme };
}

const cssVariablesResolver: CSSVariablesResolver = (theme) => {
  const light: Record<string, string> = {};
  const darkScheme: Record<string, string> = {};
  for (const [name, shades] of Object.entries(theme.colors)) {
    const vars = colorVariables(name, shades);
    Object.assign(light, vars.light);
    Object.assign(darkScheme, vars.dark);
  }
  const primary = theme.colors[theme.primaryColor];
  return {
    variables: {},
    light: {
      ...light,
      '--mantine-color-dimmed': readableOn(gray[6], LIGHT_SURFACES),
      '--mantine-color-anchor': readableOn(primary[6], LIGHT_SURFACES),
      '--mantine-color-error': readableOn(theme.colors.red[6], LIGHT_SURFACES),
      '--mantine-color-placeholder': readableOn(gray[5], [WHITE]),
    },
    dark: {
      ...darkScheme,
      '--mantine-color-dimmed': readableOn(dark[2], DARK_SURFACES),
      '--mantine-color-anchor': readableOn(primary[4], DARK_SURFACES),
      '--mantine-color-error': readableOn(theme.colors.red[6], DARK_SURFACES),
      '--mantine-color-placeholder': readableOn(dark[3], DARK_SURFACES),
    },
  };
};

export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // A badge holds a status or a count: cut to "DENIED · FORBID…" it says nothing.
    Badge: Badge.extend({ styles: { root: { overflow: 'visible', flexShrink: 0 }, label: { overflow: 'visible' } } }),
    // Links inside text are told apart by more than their colour (WCAG 1.4.1).
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // On a narrow screen wide tables and segmented filters scroll sideways instead of being cut off.
    // tabIndex: a keyboard user scrolls it too, even when its rows hold no control to focus (WCAG 2.1.1).
    TableScrollContainer: Table.ScrollContainer.extend({ defaultProps: { type: 'native', tabIndex: 0 } }),
    SegmentedControl: SegmentedControl.extend({ styles: { root: { maxWidth: '100%', overflowX: 'auto' } } }),
  },
});

export { cssVariablesResolver };
