import { REQUEST_COLUMN_KEYS, requestRows, type RequestRowKey } from '../schema/requests.ts';
import { REVIEW_COLUMN_KEYS, REVIEW_GROUP_KEYS } from '../schema/review.ts';
import type { Cell, Report } from '../schema/types.ts';

/**
 * OCR doubt and repair, after extraction (the extractor itself does not know
 * where its text came from). A value whose OCR confidence is low is doubtful.
 * When the table identities fail (table 三: each row's 总计 = the six applicant
 * columns, 一+二 = 三（七）+四 and （七） = the sum of the results, per column;
 * table 四: each group's 总计 = its four outcomes), and exactly one substitution
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

interface Ref {
  path: string;
  get(): Cell;
  set(v: Cell): void;
}

type Identity = { name: string; left: Ref[]; right: Ref[] };

function refsOf(report: Report): { refs: Map<string, Ref>; identities: Identity[] } {
  const refs = new Map<string, Ref>();
  const identities: Identity[] = [];
  const { requests, review } = report.tables;
  const req = (row: RequestRowKey, c: number): Ref | null => {
    const cells = requests[row];
    if (!cells) return null;
    const path = `requests.${row}.${REQUEST_COLUMN_KEYS[c]}`;
    if (!refs.has(path)) refs.set(path, { path, get: () => cells[c] ?? null, set: (v) => { cells[c] = v; } });
    return refs.get(path)!;
  };
  const template = report.template === '2021' ? '2021' : report.template === '2019' ? '2019' : null;
  if (template) {
    const rows = requestRows(template);
    for (const row of rows) {
      const parts = [0, 1, 2, 3, 4, 5].map((c) => req(row.key, c));
      const total = req(row.key, 6);
      if (total && parts.every(Boolean)) identities.push({ name: `表三“${row.short ?? row.label}”行总计`, left: parts as Ref[], right: [total] });
    }
    const results = rows.filter((r) => r.result).map((r) => r.key);
    for (let c = 0; c < 7; c++) {
      const [nr, co, rt, cf] = (['newReceived', 'carriedOver', 'resultTotal', 'carriedForward'] as const).map((k) => req(k, c));
      if (nr && co && rt && cf) identities.push({ name: `表三第${c + 1}列“一+二=三+四”`, left: [nr, co], right: [rt, cf] });
      const parts = results.map((k) => req(k, c));
      if (rt && parts.every(Boolean)) identities.push({ name: `表三第${c + 1}列“办理结果合计”`, left: parts as Ref[], right: [rt] });
    }
  }
  for (const g of REVIEW_GROUP_KEYS) {
    const cells = review[g];
    if (!cells) continue;
    const ref = (c: number): Ref => {
      const path = `review.${g}.${REVIEW_COLUMN_KEYS[c]}`;
      if (!refs.has(path)) refs.set(path, { path, get: () => cells[c] ?? null, set: (v) => { cells[c] = v; } });
      return refs.get(path)!;
    };
    identities.push({ name: `表四“${g}”总计`, left: [0, 1, 2, 3].map(ref), right: [ref(4)] });
  }
  return { refs, identities };
}

/** True when the identity holds or cannot be judged (a blank operand). */
function holds(id: Identity): boolean {
  const values = [...id.left, ...id.right].map((r) => r.get());
  if (values.some((v) => v === null)) return true;
  const sum = (rs: Ref[]) => rs.reduce((a, r) => a + (r.get() as number), 0);
  return sum(id.left) === sum(id.right);
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
export function repairOcrValues(report: Report, threshold = DOUBT_THRESHOLD): void {
  const { refs, identities } = refsOf(report);
  const doubtful = [...refs.values()].filter((r) => {
    const p = report.provenance[r.path];
    return p?.confidence !== undefined && p.confidence < threshold && typeof r.get() === 'number';
  });
  if (!doubtful.length) return;
  const failing = identities.filter((id) => !holds(id));
  if (!failing.length) return;

  const candidates: { ref: Ref; from: number; to: number }[] = [];
  for (const ref of doubtful) {
    if (!identities.some((id) => !holds(id) && [...id.left, ...id.right].includes(ref))) continue;
    const from = ref.get() as number;
    for (const to of substitutions(from)) {
      ref.set(to);
      if (identities.every(holds)) candidates.push({ ref, from, to });
      ref.set(from);
    }
  }

  if (candidates.length === 1) {
    const { ref, from, to } = candidates[0]!;
    ref.set(to);
    const p = report.provenance[ref.path]!;
    const note = `OCR 识别存疑，已按勾稽关系修正（原识别为 ${from}）`;
    p.note = p.note ? `${p.note}；${note}` : note;
    report.notes.push({
      code: 'ocr-repaired',
      message: `“${ref.path}”OCR 识别为 ${from}（置信度 ${p.confidence}），与勾稽关系不符；只有改为 ${to} 时全部勾稽关系成立，已修正`,
      path: ref.path,
      start: p.start,
      end: p.end,
    });
    return;
  }

  // No unique fix: say which doubtful readings the failing identities rest on.
  for (const ref of doubtful) {
    const ids = failing.filter((id) => [...id.left, ...id.right].includes(ref));
    if (!ids.length) continue;
    const p = report.provenance[ref.path]!;
    const note = `OCR 识别存疑（置信度 ${p.confidence}），与勾稽关系不符`;
    p.note = p.note ? `${p.note}；${note}` : note;
    report.notes.push({
      code: 'ocr-doubtful',
      message: `“${ref.path}”OCR 识别为 ${ref.get()}（置信度 ${p.confidence}），${ids.map((id) => id.name).join('、')}不成立${candidates.length > 1 ? `；有 ${candidates.length} 种改法都能使勾稽关系成立，未修正` : '；常见误识改法都不能使勾稽关系成立，未修正'}`,
      path: ref.path,
      start: p.start,
      end: p.end,
    });
  }
}
