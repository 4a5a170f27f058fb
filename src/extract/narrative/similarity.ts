import { fold } from '../../schema/normalize.ts';

/** Text as compared for "内容雷同": folded, without whitespace and punctuation, every digit alike (years change). */
export function normalizeForSimilarity(text: string): string {
  return fold(text).replace(/[\s\p{P}\p{S}]/gu, '').replace(/\d/g, '0');
}

function bigrams(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const b = text.slice(i, i + 2);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}

/** Character-bigram Dice coefficient (0…1) of two texts after normalisation. */
export function similarity(a: string, b: string): number {
  const x = bigrams(normalizeForSimilarity(a));
  const y = bigrams(normalizeForSimilarity(b));
  let sizeX = 0;
  let sizeY = 0;
  let common = 0;
  for (const n of x.values()) sizeX += n;
  for (const n of y.values()) sizeY += n;
  if (sizeX + sizeY === 0) return 1;
  for (const [k, n] of x) common += Math.min(n, y.get(k) ?? 0);
  return (2 * common) / (sizeX + sizeY);
}
