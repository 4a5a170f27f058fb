/**
 * Text laid out by `pdftotext -layout`, disturbed as another run of the converter might print it: each line
 * shifted by one character either way (variant 0), or some runs of spaces between numbers a character or two
 * wider or narrower (variants 1 and 2). A probe of how far placing values by where they stand can be trusted:
 * the offsets change, the values and their order do not.
 */
export function jitteredLayout(text: string, seed: number): string {
  let state = seed;
  const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const variant = seed % 3;
  return text
    .split('\n')
    .map((line) => {
      if (variant === 0) {
        const shift = Math.floor(rand() * 4) - 1;
        return shift >= 0 ? ' '.repeat(shift) + line : line.replace(/^ /, '');
      }
      if (variant === 1) return line.replace(/(\d) {2,}(?=\d)/g, (m, d: string) => (rand() < 0.3 ? d + ' '.repeat(Math.max(2, m.length - 2 + Math.floor(rand() * 3))) : m));
      return line.replace(/(\d) +(?=\d)/g, (m, d: string) => (rand() < 0.2 ? d + ' '.repeat(m.length + 1) : m));
    })
    .join('\n');
}
