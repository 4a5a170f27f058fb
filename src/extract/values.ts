import { fold, foldUnit } from '../schema/normalize.ts';

/** What one printed table cell says. */
export type CellValue =
  | { kind: 'number'; value: number; digits: string; sign: '' | '+' | '-'; unit: MoneyUnit | CountUnit | null }
  | { kind: 'placeholder' }
  | { kind: 'empty' };

export type MoneyUnit = '万元' | '元' | '亿元';
type CountUnit = '件' | '条' | '个' | '项' | '次' | '人次';

const PLACEHOLDERS = new Set(['/', '\\', '-', '--', '---', '—', '——', '－', '无', '－－', '/-', '—/—', '*', '×', 'x', 'X', 'N/A', 'n/a']);

const NUMBER = /^([+-]?)(\d+(?:\.\d+)?)(万元|亿元|元|万|件|条|个|项|人次|次)?$/;

/**
 * The UTF-16 units a cell's folded text can start with when it is a value: a sign or a digit, the first
 * character of a placeholder, or white space (dropped before the test, so the next character decides).
 */
const VALUE_START = new Uint8Array(0x10000);
for (const c of '+-0123456789') VALUE_START[c.charCodeAt(0)] = 1;
for (const p of PLACEHOLDERS) VALUE_START[p.charCodeAt(0)] = 1;
// `\s`: white space and line ends.
for (const c of '\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff') VALUE_START[c.charCodeAt(0)] = 1;
VALUE_START.fill(1, 0x2000, 0x200b);

/** `/^\d{1,15}$/.test(raw)`, by hand: most value cells are a digit or two, for which the regular expression's call costs more. */
function isPlainInteger(raw: string): boolean {
  if (raw.length === 0 || raw.length > 15) return false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Reads a cell's printed text. Returns null when the text is not a value at all
 * (it is a label). Commas between digit groups are accepted ("1,234").
 */
export function parseCellText(raw: string): CellValue | null {
  const first = raw.charCodeAt(0);
  // A label (most cells): no value starts with a Chinese character but the placeholder 无,
  // nor with any other character that no value or placeholder begins with (a full-width bracket).
  if (first >= 0x4e00 && first <= 0x9fff && first !== 0x65e0) return null;
  if (raw.length > 0 && VALUE_START[foldUnit(first)] === 0) return null;
  if (isPlainInteger(raw)) return { kind: 'number', value: Number(raw), digits: raw, sign: '', unit: null };
  const text = fold(raw).replace(/\s+/g, '');
  if (text === '') return { kind: 'empty' };
  if (PLACEHOLDERS.has(text)) return { kind: 'placeholder' };
  const compact = /^\d{1,3}(,\d{3})+(\.\d+)?/.test(text) ? text.replace(/,/g, '') : text;
  const m = NUMBER.exec(compact);
  if (!m) return null;
  const sign = (m[1] ?? '') as '' | '+' | '-';
  const digits = m[2]!;
  let unit = (m[3] ?? null) as string | null;
  if (unit === '万') unit = '万元';
  const magnitude = Number(digits);
  return {
    kind: 'number',
    value: sign === '-' ? 0 - magnitude : magnitude,
    digits,
    sign,
    unit: unit as MoneyUnit | CountUnit | null,
  };
}

/** Converts a money amount to 万元, the contract's unit, without binary-float noise. */
export function toWanYuan(value: number, unit: string | null): number {
  if (unit === '元') return round(value / 10000);
  if (unit === '亿元') return round(value * 10000);
  return value;
}

function round(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}

/** A run of digits that may be several cells whose boundaries were lost. */
export function isDigitRun(v: CellValue | null): boolean {
  return v?.kind === 'number' && v.sign === '' && v.unit === null && /^\d{2,}$/.test(v.digits);
}
