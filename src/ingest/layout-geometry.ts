/** Small numeric helpers of page geometry: medians, clusters of coordinates, indexes into boundaries, boxes. */
import type { Glyph } from './layout-types.ts';

export const median = (xs: number[]): number => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};

/** Values closer than `tol` to their neighbour merged into their mean, ascending. */
export function clusterValues(values: number[], tol: number): number[] {
  const s = [...values].sort((a, b) => a - b);
  const out: { sum: number; n: number; last: number }[] = [];
  for (const v of s) {
    const c = out[out.length - 1];
    if (c && v - c.last <= tol) {
      c.sum += v;
      c.n++;
      c.last = v;
    } else out.push({ sum: v, n: 1, last: v });
  }
  return out.map((c) => c.sum / c.n);
}

/** Index of the value nearest to v. */
export function nearestIndex(values: readonly number[], v: number): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i]! - v) < Math.abs(values[best]! - v)) best = i;
  return best;
}

/** Index i with values[i] <= v < values[i+1]. */
export function upperIndex(values: readonly number[], v: number): number {
  let i = 0;
  while (i + 1 < values.length && values[i + 1]! <= v) i++;
  return i;
}

/** x0, y0, x1, y1 of the glyphs together. */
export function bbox(glyphs: readonly Glyph[]): [number, number, number, number] {
  return [
    Math.min(...glyphs.map((g) => g.x0)),
    Math.min(...glyphs.map((g) => g.top)),
    Math.max(...glyphs.map((g) => g.x1)),
    Math.max(...glyphs.map((g) => g.bottom)),
  ];
}
