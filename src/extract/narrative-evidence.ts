import type { ActiveColumnDef, ActiveItemDef } from '../schema/active.ts';
import type { LabelDef } from '../schema/labels.ts';
import { fold, labelKey } from '../schema/normalize.ts';
import type { Cell } from './cells.ts';
import { slotValue, type Slot } from './fit.ts';
import { scanNumbers, type NumberToken } from './narrative/numbers.ts';

/**
 * What the narrative states for single cells of table 二: a sentence that names a row and a
 * column of one item and gives one number right after them (in the words of the schema's labels).
 * Table 二 has no identities, so when a crawler glued a row's cells into one digit run, such a
 * statement is the only thing that can tell the cells apart. Conservative throughout: a number
 * counts only when it is the one number bound to its (row, column) in its sentence, and a cell
 * the narrative gives two different numbers for has no evidence.
 */

export interface Evidence {
  /** Counts as stated; money in 万元. */
  value: number;
  /** The unit as printed: 件, 个, 项, 万元 or 元. */
  unit: string;
  /** Offsets in the document of the statement, from its first row or column word to the unit. */
  start: number;
  end: number;
  text: string;
}

/** Evidence by item key, row key and column key. */
export type ActiveEvidence = Record<string, Record<string, Record<string, Evidence>>>;

/** A stretch of narrative and the offset in the document at which it starts. */
export interface NarrativeText {
  text: string;
  start: number;
}

/** The narrative lines of a token stream (its `text` cells). */
export function narrativeOf(stream: readonly Cell[]): NarrativeText[] {
  return stream.filter((c) => c.kind === 'text');
}

const SENTENCE_END = /[。;!?！？；]/;
const CLAUSE_END = /[,:，：]/;
const COUNT_UNITS = new Set(['件', '个', '项']);
/** Words allowed between the row and column words and the number: "…的…共计698件". */
const FILL = /^(?:的|了|共计|合计|总计|共|为|计|有|达|数量|件数|总数|:)*$/;
/** What may open a stretch that names only the row or only the column (the other is carried): "，同时废止3件", "、规章1件". */
const LEAD = /^(?:[、和及与并]|本年度?|全年|年内|当年|同时|另|共|已)*$/;
/** A count that is not the organ's own count of the year: comparisons, parts, totals of other organs, other work on documents. */
const BLOCK = /同比|环比|较|比上|比去|增长|下降|减少|增加|上升|提高|平均|每|其中|累计|历年|以来|各级|全国|全省|全市|全区|全县|全州|全盟|全旗|各地|各部门|所属|下属|涉及|清理|审查|备案|解读|征求意见|草案|起草|评估|修订|修改/;
/** A row word inside a longer word ("…制度"): not the row. */
const NOT_A_NAME_AFTER = /^制度/;

interface Named {
  item: ActiveItemDef;
  def: LabelDef;
  kind: 'row' | 'column';
  words: string[];
}

interface Mention {
  named: Named;
  start: number;
  end: number;
}

interface Binding {
  item: ActiveItemDef;
  row: LabelDef;
  column: ActiveColumnDef;
  evidence: Evidence;
}

function namesOf(items: readonly ActiveItemDef[]): Named[] {
  const words = (d: LabelDef) => [...new Set([d.label, ...(d.aliases ?? []), ...(d.contains ?? []), ...(d.equals ?? [])].map(labelKey).filter((w) => w !== ''))];
  const out: Named[] = [];
  for (const item of items) {
    for (const def of item.rows) out.push({ item, def, kind: 'row', words: words(def) });
    // Signed columns (the yearly change) are not read: the sign of a narrative number is not bound reliably.
    for (const def of item.columns) if (def.kind !== 'signed') out.push({ item, def, kind: 'column', words: words(def) });
  }
  return out;
}

/** Every mention of a row or column word in `text` between `from` and `to` (offsets into `text`); overlapping words of one label make one mention. */
function mentionsIn(text: string, from: number, to: number, names: readonly Named[]): Mention[] {
  const part = text.slice(from, to);
  const out: Mention[] = [];
  for (const named of names) {
    const spans: [number, number][] = [];
    for (const w of named.words) {
      for (let at = part.indexOf(w); at >= 0; at = part.indexOf(w, at + 1)) {
        if (named.kind === 'row' && NOT_A_NAME_AFTER.test(text.slice(from + at + w.length))) continue;
        spans.push([from + at, from + at + w.length]);
      }
    }
    spans.sort((a, b) => a[0] - b[0]);
    let last: Mention | undefined;
    for (const [s, e] of spans) {
      if (last && s < last.end) last.end = Math.max(last.end, e);
      else out.push((last = { named, start: s, end: e }));
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A sentence without whitespace, folded; `map[i]` is the document offset of compact character i. */
function compactSentences(piece: NarrativeText): { compact: string; map: number[] }[] {
  const folded = fold(piece.text);
  const out: { compact: string; map: number[] }[] = [];
  let compact = '';
  let map: number[] = [];
  for (let i = 0; i <= folded.length; i++) {
    const ch = folded[i];
    if (ch === undefined || SENTENCE_END.test(ch)) {
      if (compact !== '') out.push({ compact, map });
      compact = '';
      map = [];
      continue;
    }
    if (/\s/.test(ch)) continue;
    compact += ch;
    map.push(piece.start + i);
  }
  return out;
}

function unitOf(token: NumberToken, compact: string): string | null {
  if (!token.exact) return null;
  if (token.kind === 'money') return compact.slice(token.start, token.end).endsWith('万元') ? '万元' : '元';
  return token.kind === 'count' && COUNT_UNITS.has(token.unit) ? token.unit : null;
}

type Subject = Mention | 'ambiguous' | null;

/** The one row (or column) a stretch names, 'ambiguous' when it names several, null when none. */
function subject(mentions: readonly Mention[], kind: 'row' | 'column'): Subject {
  const of = mentions.filter((m) => m.named.kind === kind);
  if (of.length === 0) return null;
  const defs = new Set(of.map((m) => m.named.def));
  return defs.size === 1 ? of[of.length - 1]! : 'ambiguous';
}

/**
 * The statements of one sentence. A number is bound to the row and the column named in the
 * stretch before it (since the previous number or comma); a row or column not named there is
 * carried from earlier in the sentence ("制发…2件，废止354件"), but at least one of them must be
 * named there, with nothing but filler words between them and the number.
 */
function readSentence(compact: string, map: readonly number[], piece: NarrativeText, names: readonly Named[]): Binding[] {
  const out: Binding[] = [];
  let row: Subject = null;
  let column: Subject = null;
  let from = 0;
  for (const token of scanNumbers(compact)) {
    // Stretches before the last comma only set what is carried.
    let segStart = from;
    for (let i = from; i < token.start; i++) {
      if (!CLAUSE_END.test(compact[i]!)) continue;
      const before = mentionsIn(compact, segStart, i, names);
      row = subject(before, 'row') ?? row;
      column = subject(before, 'column') ?? column;
      segStart = i + 1;
    }
    const here = mentionsIn(compact, segStart, token.start, names);
    const rowHere = subject(here, 'row');
    const columnHere = subject(here, 'column');
    row = rowHere ?? row;
    column = columnHere ?? column;
    from = token.end;

    const unit = unitOf(token, compact);
    if (!unit || here.length === 0) continue;
    if (row === null || row === 'ambiguous' || column === null || column === 'ambiguous') continue;
    const col = column.named.def as ActiveColumnDef;
    const item = row.named.item;
    if (!item.columns.includes(col)) continue;
    if ((col.kind === 'money') !== (token.kind === 'money')) continue;
    // Only filler words between the words of this stretch and after them.
    let at = here[0]!.end;
    let filled = true;
    for (const m of here.slice(1)) {
      if (m.start > at && !FILL.test(compact.slice(at, m.start))) filled = false;
      at = Math.max(at, m.end);
    }
    if (!filled || !FILL.test(compact.slice(at, token.start))) continue;
    // A carried row or column: the stretch says nothing but the other word (a column word after
    // "主动公开政府信息" names the agency's total, not the row of the clause before).
    if ((rowHere === null || columnHere === null) && !LEAD.test(compact.slice(segStart, here[0]!.start))) continue;
    // Nothing that makes it another count, from the start of the stretch or the carried word on.
    const first = Math.min(row.start, column.start);
    if (BLOCK.test(compact.slice(Math.min(first, segStart), token.start))) continue;
    const start = map[first]!;
    const end = map[token.end - 1]! + 1;
    const value = token.kind === 'money' ? Math.round(token.value) / 10000 : token.value;
    out.push({
      item,
      row: row.named.def,
      column: col,
      evidence: { value, unit, start, end, text: piece.text.slice(start - piece.start, end - piece.start) },
    });
  }
  return out;
}

/**
 * The values the narrative states for cells of table 二's items. `narrative` is the document
 * text, or its narrative lines with their offsets (see `narrativeOf`).
 */
export function narrativeEvidence(narrative: string | readonly NarrativeText[], items: readonly ActiveItemDef[]): ActiveEvidence {
  const pieces = typeof narrative === 'string' ? [{ text: narrative, start: 0 }] : narrative;
  const names = namesOf(items);
  const found = new Map<string, { binding: Binding; conflict: boolean }>();
  for (const piece of pieces) {
    for (const { compact, map } of compactSentences(piece)) {
      if (!/\d|[零〇一二两三四五六七八九十百千万]/.test(compact)) continue;
      const bindings = readSentence(compact, map, piece, names);
      const perCell = new Map<string, Binding[]>();
      for (const b of bindings) {
        const key = `${b.item.key}\u0000${b.row.key}\u0000${b.column.key}`;
        perCell.set(key, [...(perCell.get(key) ?? []), b]);
      }
      for (const [key, list] of perCell) {
        const binding = list[0]!;
        const prior = found.get(key);
        // Two numbers for one cell in one sentence, or different numbers in two: no evidence.
        const conflict = list.length > 1 || (prior !== undefined && (prior.conflict || prior.binding.evidence.value !== binding.evidence.value));
        found.set(key, { binding: prior?.binding ?? binding, conflict });
      }
    }
  }
  const out: ActiveEvidence = {};
  for (const { binding, conflict } of found.values()) {
    if (conflict) continue;
    const rows = (out[binding.item.key] ??= {});
    (rows[binding.row.key] ??= {})[binding.column.key] = binding.evidence;
  }
  return out;
}

/** The statements quoted in a note: overlapping ones as the one stretch of text they cover. */
export function quoteEvidence(evidence: readonly Evidence[]): string {
  const sorted = [...evidence].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number; text: string }[] = [];
  for (const e of sorted) {
    const last = merged[merged.length - 1];
    if (last && e.start < last.end) {
      if (e.end > last.end) {
        last.text += e.text.slice(last.end - e.start);
        last.end = e.end;
      }
    } else {
      merged.push({ start: e.start, end: e.end, text: e.text });
    }
  }
  return merged.map((m) => `“${m.text}”`).join('');
}

/**
 * The one split of a row's digit runs that agrees with everything the narrative states for the
 * row, or null: none or several agree, or nothing is stated. `columns` are the row's columns in
 * printed order (null for a column ogi does not read); `moneyUnits` the unit each column's header
 * prints, since money is compared in 万元.
 */
export function splitByEvidence(
  candidates: readonly Slot[][],
  columns: readonly (ActiveColumnDef | null)[],
  rowEvidence: Readonly<Record<string, Evidence>> | undefined,
  moneyUnits: readonly (string | null)[] = [],
): { slots: Slot[]; evidence: Evidence[] } | null {
  if (!rowEvidence) return null;
  const checks: { at: number; evidence: Evidence }[] = [];
  columns.forEach((col, at) => {
    const evidence = col ? rowEvidence[col.key] : undefined;
    if (!evidence) return;
    // Digits under a header in 元 or 亿元 are not in the unit the narrative is compared in.
    if (col!.kind === 'money' && moneyUnits[at] != null && moneyUnits[at] !== '万元') return;
    checks.push({ at, evidence });
  });
  if (checks.length === 0) return null;
  const agreeing = candidates.filter((slots) => checks.every(({ at, evidence }) => slotValue(slots[at]!) === evidence.value));
  if (agreeing.length !== 1) return null;
  return { slots: agreeing[0]!, evidence: checks.map((c) => c.evidence) };
}
