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
}

/** A clause of a sentence (between ，；：), with the tokens inside it; offsets into `compact`. */
export interface Clause {
  start: number;
  end: number;
  text: string;
  tokens: NumberToken[];
}

const SENTENCE_END = /[。！？!?]/;
const CLAUSE_END = /[，,；;：:]/;
const SPACE = /\s/;
/** A line that begins a new list item: （一） (1) 一、 1、 1. ① 一是. */
const LIST_START = /^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+\s*[、.．](?!\d)|[①-⑳]|[一二三四五六七八九十]是)/;

/** Offsets where the section text breaks into sentences (exclusive ends). */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (SENTENCE_END.test(ch)) {
      ends.push(i + 1);
    } else if (ch === '\n') {
      const line = text.slice(lineStart, i).trim();
      const next = text.slice(i + 1, text.indexOf('\n', i + 1) < 0 ? text.length : text.indexOf('\n', i + 1));
      const last = line.slice(-1);
      // A line break ends a sentence after a terminator or colon, before a list item, or after a
      // short line without punctuation (a heading); otherwise the line was wrapped mid-sentence.
      if (line === '' || /[。！？!?：:；;]/.test(last) || LIST_START.test(next) || (line.length < 30 && !/[，,、]/.test(line))) ends.push(i + 1);
      lineStart = i + 1;
    }
  }
  ends.push(text.length);
  return [...new Set(ends)].sort((a, b) => a - b);
}

export function splitSentences(text: string): Sentence[] {
  const folded = fold(text);
  const out: Sentence[] = [];
  let from = 0;
  for (const to of sentenceEnds(folded)) {
    let compact = '';
    const map: number[] = [];
    for (let i = from; i < to; i++) {
      const ch = folded[i]!;
      if (SPACE.test(ch)) continue;
      compact += ch;
      map.push(i);
    }
    from = to;
    if (compact === '') continue;
    const tokens = scanNumbers(compact);
    const clauses: Clause[] = [];
    let cs = 0;
    for (let i = 0; i <= compact.length; i++) {
      // "1,234" is one number, not two clauses.
      const digitComma = compact[i] === ',' && /\d/.test(compact[i - 1] ?? '') && /\d/.test(compact[i + 1] ?? '');
      if (i === compact.length || (CLAUSE_END.test(compact[i]!) && !digitComma)) {
        let ce = i;
        while (ce > cs && SENTENCE_END.test(compact[ce - 1]!)) ce--;
        if (ce > cs) clauses.push({ start: cs, end: ce, text: compact.slice(cs, ce), tokens: tokens.filter((t) => t.start >= cs && t.end <= ce) });
        cs = i + 1;
      }
    }
    const body = compact.replace(/[。！？!?：:]$/, '');
    out.push({ compact, map, clauses, tokens, heading: body.length <= 24 && tokens.length === 0 && !/[，,；;]/.test(body) });
  }
  return out;
}

/** Section-text offsets of a compact range [start, end). */
export function toOriginal(s: Sentence, start: number, end: number): { start: number; end: number } {
  return { start: s.map[start]!, end: s.map[Math.max(start, end - 1)]! + 1 };
}
