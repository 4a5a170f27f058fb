import { fold } from '../schema/normalize.ts';

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
 * Reads a cell's printed text. Returns null when the text is not a value at all
 * (it is a label). Commas between digit groups are accepted ("1,234").
 */
const PLAIN_INTEGER = /^\d{1,15}$/;

export function parseCellText(raw: string): CellValue | null {
  const first = raw.charCodeAt(0);
  // A label (most cells): no value starts with a Chinese character but the placeholder 无.
  if (first >= 0x4e00 && first <= 0x9fff && first !== 0x65e0) return null;
  if (PLAIN_INTEGER.test(raw)) return { kind: 'number', value: Number(raw), digits: raw, sign: '', unit: null };
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
