import { fold } from '../../schema/normalize.ts';
import { scanNumbers, type NumberToken } from './numbers.ts';

/**
 * A sentence of narrative text in compact form: folded (full-width digits and punctuation made
 * ASCII), without whitespace or line breaks, so that "217 条" and a word broken across lines
 * read as printed. `map[i]` is the offset in the section text of compact character i.
 */
export interface Sentence {
  compact: string;
  map: number[];
  clauses: Clause[];
  tokens: NumberToken[];
  /** The sentence is a short heading such as "（二）依申请公开情况。". */
  heading: boolean;
  /** The sentence begins a new line (a new paragraph, or a list item). */
  newParagraph: boolean;
}

/** A clause of a sentence (between ，；：), with the tokens inside it; offsets into `compact`. */
export interface Clause {
  start: number;
  end: number;
  text: string;
  tokens: NumberToken[];
}

const SENTENCE_END = /[。！？!?]/;
/** A table of UTF-16 units: tested on every character of the narrative, not a regular expression per character. */
function unitTable(chars: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}
const SENTENCE_END_UNITS = unitTable('。！？!?');
const CLAUSE_END_UNITS = unitTable('，,；;：:');
/** A line that begins a new list item: （一） (1) 一、 1、 1. ① 一是. */
const LIST_START = /^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+\s*[、.．](?!\d)|[①-⑳]|[一二三四五六七八九十]是)/;

/** Offsets where the section text breaks into sentences (exclusive ends). */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) if (SENTENCE_END_UNITS[text.charCodeAt(i)] === 1) ends.push(i + 1);
  // Line breaks: decided on each non-empty line and the next non-empty one. Blank lines alone do
  // not end a sentence (PDF copies break words across blank lines: "规范依\n\n申请公开").
  const lines: { start: number; end: number; text: string }[] = [];
  for (let from = 0; from <= text.length; ) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start: from, end, text: text.slice(from, end) });
    from = end + 1;
  }
  const nonEmpty = lines.filter((l) => l.text.trim() !== '');
  nonEmpty.forEach((l, n) => {
    const line = l.text.trim();
    const next = nonEmpty[n + 1]?.text ?? '';
    // A line break ends a sentence after a terminator or colon, before a list item, or after a
    // short line without commas (a heading); otherwise the line was wrapped mid-sentence.
    if (/[。！？!?：:；;]$/.test(line) || LIST_START.test(next) || (line.length < 30 && !/[，,、]/.test(line))) ends.push(Math.min(l.end + 1, text.length));
  });
  ends.push(text.length);
  return [...new Set(ends)].sort((a, b) => a - b);
}

/** `\s` of a regular expression, by code (tested on every character of the narrative). */
function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function splitSentences(text: string): Sentence[] {
  const folded = fold(text);
  const out: Sentence[] = [];
  let from = 0;
  for (const to of sentenceEnds(folded)) {
    let newParagraph = from === 0 || folded.charCodeAt(from - 1) === 0x0a;
    const map: number[] = [];
    // The runs of non-space characters, joined.
    const runs: string[] = [];
    let run = from;
    for (let i = from; i < to; i++) {
      const c = folded.charCodeAt(i);
      if (isSpaceCode(c)) {
        // A piece that opens with blank space up to a line break begins a new paragraph.
        if (c === 0x0a && map.length === 0) newParagraph = true;
        if (i > run) runs.push(folded.slice(run, i));
        run = i + 1;
        continue;
      }
      map.push(i);
    }
    const compact = run === from ? folded.slice(from, to) : (runs.push(folded.slice(run, to)), runs.join(''));
    from = to;
    if (compact === '') continue;
    const tokens = scanNumbers(compact);
    const clauses: Clause[] = [];
    let cs = 0;
    for (let i = 0; i <= compact.length; i++) {
      if (i < compact.length && CLAUSE_END_UNITS[compact.charCodeAt(i)] !== 1) continue;
      // "1,234" is one number, not two clauses.
      const digitComma = compact[i] === ',' && /\d/.test(compact[i - 1] ?? '') && /\d/.test(compact[i + 1] ?? '');
      if (i === compact.length || !digitComma) {
        let ce = i;
        while (ce > cs && SENTENCE_END.test(compact[ce - 1]!)) ce--;
        if (ce > cs) clauses.push({ start: cs, end: ce, text: compact.slice(cs, ce), tokens: tokens.filter((t) => t.start >= cs && t.end <= ce) });
        cs = i + 1;
      }
    }
    const body = compact.replace(/[。！？!?：:]$/, '');
    out.push({ compact, map, clauses, tokens, heading: body.length <= 24 && tokens.length === 0 && !/[，,；;]/.test(body), newParagraph });
  }
  return out;
}

/** Section-text offsets of a compact range [start, end). */
export function toOriginal(s: Sentence, start: number, end: number): { start: number; end: number } {
  return { start: s.map[start]!, end: s.map[Math.max(start, end - 1)]! + 1 };
}
