import { darken, lighten, luminance, toRgba } from '@mantine/core';

/** WCAG 2.1 contrast ratio of two opaque colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** AA for normal text is 4.5:1; a little margin absorbs rounding in the browser's colour blending. */
export const AA_TEXT = 4.6;

function hex(color: string): string {
  const { r, g, b } = toRgba(color);
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The given colour, darkened (on light backgrounds) or lightened (on dark ones) in small steps until
 * it reads at AA contrast on every one of the backgrounds.
 */
export function readableOn(color: string, backgrounds: readonly string[], target = AA_TEXT): string {
  const dark = backgrounds.every((bg) => luminance(bg) < 0.2);
  const worst = (c: string) => Math.min(...backgrounds.map((bg) => contrastRatio(c, bg)));
  let result = hex(color);
  for (let step = 0; step < 40 && worst(result) < target; step++) result = hex(dark ? lighten(result, 0.08) : darken(result, 0.06));
  return result;
}
