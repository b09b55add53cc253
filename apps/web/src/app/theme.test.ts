import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { contrastRatio } from './contrast';
import { cssVariablesResolver, theme } from './theme';

const merged = mergeMantineTheme(DEFAULT_THEME, theme);
const { light, dark } = cssVariablesResolver(merged);
const colors = Object.keys(merged.colors);

describe('the theme reads at WCAG AA contrast', () => {
  it.each(colors)('%s: text, outline and light badges on light surfaces, white on filled', (name) => {
    for (const surface of ['#ffffff', merged.colors.gray[1]]) {
      expect(contrastRatio(light[`--mantine-color-${name}-text`]!, surface)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(light[`--mantine-color-${name}-outline`]!, surface)).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastRatio(light[`--mantine-color-${name}-light-color`]!, merged.colors[name]![1])).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(light[`--mantine-color-${name}-filled`]!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(dark[`--mantine-color-${name}-filled`]!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(dark[`--mantine-color-${name}-text`]!, merged.colors.dark[7])).toBeGreaterThanOrEqual(4.5);
  });

  it('dims text and colours links readably in both schemes', () => {
    expect(contrastRatio(light['--mantine-color-dimmed']!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(light['--mantine-color-anchor']!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(dark['--mantine-color-dimmed']!, merged.colors.dark[6])).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(dark['--mantine-color-anchor']!, merged.colors.dark[7])).toBeGreaterThanOrEqual(4.5);
  });

  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#868e96', '#ffffff')).toBeCloseTo(3.32, 2);
  });
});
