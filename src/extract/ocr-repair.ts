import { parsePath, readCell, writeCell } from '../schema/cells.ts';
import { evaluate, identities, type Identity } from '../schema/identities.ts';
import { placeName } from '../schema/places.ts';
import { extractionNote } from './notes.ts';
import type { ReadReport } from './report.ts';

/**
 * OCR doubt and repair, after extraction (the extractor itself does not know
 * where its text came from). A value whose OCR confidence is low is doubtful.
 * When the table identities (src/schema/identities.ts) fail and exactly one substitution
 * of one digit of one doubtful value among the usual OCR confusions makes every
 * identity hold, the value is repaired and the repair is said: in the value's
 * provenance note and in the report's notes. Otherwise the doubtful values in
 * failing identities are flagged.
 */

/** Confidence (0–100) below which an OCR reading is doubtful. */
export const DOUBT_THRESHOLD = 80;

/** Digits an OCR engine confuses with each other. */
const CONFUSIONS: Record<string, string[]> = {};
for (const [a, b] of [['0', '8'], ['1', '7'], ['3', '8'], ['5', '6'], ['6', '8'], ['0', '6'], ['9', '0']] as const) {
  (CONFUSIONS[a] ??= []).push(b);
  (CONFUSIONS[b] ??= []).push(a);
}

/** Every number that differs from `value` in one digit by a usual confusion. */
function substitutions(value: number): number[] {
  if (!Number.isInteger(value) || value < 0) return [];
  const digits = String(value);
  const out: number[] = [];
  for (let i = 0; i < digits.length; i++) {
    for (const alt of CONFUSIONS[digits[i]!] ?? []) {
      const next = `${digits.slice(0, i)}${alt}${digits.slice(i + 1)}`;
      if (next.length > 1 && next[0] === '0') continue;
      out.push(Number(next));
    }
  }
  return out;
}

/** Flags and, where the identities allow exactly one fix, repairs doubtful OCR readings (in place). */
export function repairOcrValues(report: ReadReport, threshold = DOUBT_THRESHOLD): void {
  if (report.template === 'legacy') return;
  const all = identities(report.template);
  const read = (p: string) => readCell(report.tables, p);
  const doubtful = Object.keys(report.provenance).filter((path) => {
    const p = report.provenance[path]!;
    return p.confidence !== undefined && p.confidence < threshold && typeof read(path) === 'number' && all.some((id) => uses(id, path));
  });
  if (!doubtful.length) return;
  // True when the identity holds or cannot be judged (a blank operand).
  const holding = (id: Identity) => evaluate(id, read).status !== 'fails';
  const failing = all.filter((id) => !holding(id));
  if (!failing.length) return;

  const candidates: { path: string; from: number; to: number }[] = [];
  for (const path of doubtful) {
    if (!failing.some((id) => uses(id, path))) continue;
    const from = read(path) as number;
    for (const to of substitutions(from)) {
      writeCell(report.tables, path, to);
      if (all.every(holding)) candidates.push({ path, from, to });
      writeCell(report.tables, path, from);
    }
  }

  if (candidates.length === 1) {
    const { path, from, to } = candidates[0]!;
    writeCell(report.tables, path, to);
    const p = report.provenance[path]!;
    const note = `OCR 识别存疑，已按勾稽关系修正（原识别为 ${from}）`;
    p.note = p.note ? `${p.note}；${note}` : note;
    report.notes.push(extractionNote(
      'ocr-repaired',
      `${placeName(parsePath(path), report.template)}OCR 识别为 ${from}（置信度 ${p.confidence}），与勾稽关系不符；只有改为 ${to} 时全部勾稽关系成立，已修正`,
      { path, span: p, actual: from, expected: to },
      report.structure?.lineStarts,
      report.template,
    ));
    return;
  }

  // No unique fix: say which doubtful readings the failing identities rest on.
  for (const path of doubtful) {
    const ids = failing.filter((id) => uses(id, path));
    if (!ids.length) continue;
    const p = report.provenance[path]!;
    const note = `OCR 识别存疑（置信度 ${p.confidence}），与勾稽关系不符`;
    p.note = p.note ? `${p.note}；${note}` : note;
    report.notes.push(extractionNote(
      'ocr-doubtful',
      `${placeName(parsePath(path), report.template)}OCR 识别为 ${read(path)}（置信度 ${p.confidence}），${ids.map((id) => identityName(id, report.template)).join('、')}不成立${candidates.length > 1 ? `；有 ${candidates.length} 种改法都能使勾稽关系成立，未修正` : '；常见误识改法都不能使勾稽关系成立，未修正'}`,
      { path, span: p, actual: read(path) ?? null },
      report.structure?.lineStarts,
      report.template,
    ));
  }
}

const uses = (id: Identity, path: string) => id.left.includes(path) || id.right.includes(path);

/** An identity instance in words: the place it is about and what it says. */
function identityName(id: Identity, template: string): string {
  const place = placeName({ table: id.def.table, row: id.row, column: id.column }, template);
  return `${place}“${id.def.says}”`;
}
