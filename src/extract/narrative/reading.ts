import type { NumberToken } from './numbers.ts';
import type { Clause, Sentence } from './text.ts';
import type { NarrativeSection, Statement } from './types.ts';

/** One number in its sentence, as the readers see it. Offsets are into `sentence.compact`. */
export interface TokenView {
  sentence: Sentence;
  clause: Clause;
  token: NumberToken;
  /** Text of the clause between the previous number (or the clause start) and this one. */
  lead: string;
  leadStart: number;
  /** Text of the clause between this number and the next one (or the clause end). */
  tail: string;
  /** The statement read from the previous number of the sentence, if any. */
  previous: Statement | undefined;
}

/** What a reader found: the statement without its place, plus where in the sentence it begins. */
export type Reading = Omit<Statement, 'section' | 'start' | 'end' | 'line' | 'text'> & {
  /** Compact offset where the statement begins (default: the lead's start). */
  from?: number;
  /** Compact offset where it ends (default: the number's end). */
  to?: number;
};

/** State carried through a section while reading it. */
export interface ReadState {
  section: NarrativeSection;
  /** Statements so far (activePart refers to its total by index). */
  out: Statement[];
  /** The current clause is about applications for disclosure. */
  requests: boolean;
  /** The sentence before, in the same paragraph, ended about applications (result categories may follow). */
  requestsBefore: boolean;
  /** Index of the 主动公开 total whose "其中" parts may follow. */
  activeTotal: number | null;
  /** A "其中" has been seen since that total. */
  inParts: boolean;
}

/** The lead without leading punctuation: where a statement's words begin. */
export function leadFrom(view: TokenView, match?: RegExpExecArray | null): number {
  if (match) return view.leadStart + match.index;
  const skip = /^[，,；;：:、（(）)]*/.exec(view.lead)![0].length;
  return view.leadStart + skip;
}

/** Words that turn a count into a part, a rate or a comparison rather than the statement itself. */
export const COMPARISON = /同比|环比|较上|比上|较去|比去|增长|下降|减少|增加|上升|提高|平均|累计|截至|历年|每|各级|全市|全区|全县|全省|全州|全盟|全旗/;
