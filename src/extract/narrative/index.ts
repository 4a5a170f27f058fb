import { SECTION_KEYS, SECTIONS } from '../../schema/sections.ts';
import { readSectionSpan } from '../spans.ts';
import type { SourceSpan } from '../../schema/places.ts';
import type { ReadReport } from '../report.ts';
import { readActive, readDocs } from './active.ts';
import { feeContext, readFeeNone, readFeeNoneAfter, readFeeNumber } from './fees.ts';
import type { ReadState, Reading, TokenView } from './reading.ts';
import { readNoRequests, readRequestCount, requestContext } from './requests.ts';
import { disclosureContext, readReviewCount, readReviewNone, readUpheld } from './review.ts';
import type { NumberToken } from './numbers.ts';
import { splitSentences, toOriginal, type Clause, type Sentence } from './text.ts';
import { OWN_SUBJECT, REGION, REGION_DIRECTIVE } from './vocab.ts';
import type { NarrativeSection, Statement, StatementKind } from './types.ts';

export type { NarrativeSection, ResultCategory, Statement, StatementKind, DocVerb } from './types.ts';
export { CATEGORY_NAME, categoryRows } from './vocab.ts';
export { mentionsFee } from './fees.ts';
export { similarity } from './similarity.ts';

/** Sentences that continue the subject of the one before ("其中…", "上述…"). */
const CONTINUES = /^(?:其中|另有|另|此外|上述|以上|均|全部|分别)/;

/** Whether a text speaks of the region ("全区共收到…", "各部门…"), not of the organ ("按照全市统一部署" does not). */
export function regionWide(text: string): boolean {
  return REGION.test(text) && REGION.test(text.replace(REGION_DIRECTIVES, ''));
}
const REGION_DIRECTIVES = new RegExp(REGION_DIRECTIVE.source, 'g');
const regionClause = (clause: Clause) => regionWide(clause.text);

/** A reading placed in the section text: offsets, line, printed text, and the unit of its number. */
function place(text: string, section: NarrativeSection, s: Sentence, r: Reading, token: NumberToken | null): Statement {
  const { from, to, ...rest } = r;
  const { start, end } = toOriginal(s, from ?? 0, to ?? token?.end ?? s.compact.length);
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) line++;
  return { ...(token ? { unit: token.unit } : {}), ...rest, section, start, end, line, text: text.slice(start, end) };
}

/**
 * Reads the statements of one text (a section or the preamble). Each statement is anchored on
 * its own words; a number that only happens to follow them (a date, a phone number, another
 * subject's count) is not read, and when the wording is ambiguous nothing is read.
 */
export function readText(text: string, section: NarrativeSection): Statement[] {
  const state: ReadState = { section, out: [], requests: false, requestsBefore: false, activeTotal: null, inParts: false };
  const sentences = splitSentences(text);
  let previous: Sentence | null = null;
  let previousRequests = false;
  for (const s of sentences) {
    const continues = CONTINUES.test(s.compact);
    state.requestsBefore = previousRequests && !s.newParagraph;
    state.requests = section === 'requests' || (continues && previousRequests) || (previous?.heading === true && previousRequests);
    if (!continues) {
      state.activeTotal = null;
      state.inParts = false;
    } else if (state.activeTotal !== null) {
      state.inParts = true;
    }
    const disclosure = disclosureContext(s, section === 'review');
    const fees = feeContext(s);
    const emit = (r: Reading, token: NumberToken | null) => {
      const st = place(text, section, s, r, token);
      state.out.push(st);
      return st;
    };
    let last: Statement | undefined;
    // A region-wide clause and the clauses after it in the sentence speak of the region: never read.
    let region = false;
    for (const clause of s.clauses) {
      if (regionClause(clause)) region = true;
      else if (OWN_SUBJECT.test(clause.text)) region = false;
      if (region) {
        last = undefined;
        state.activeTotal = null;
        state.inParts = false;
        continue;
      }
      const firstToken = clause.tokens[0];
      const opening = clause.text.slice(0, firstToken ? firstToken.start - clause.start : clause.text.length);
      state.requests = requestContext(state.requests, opening);
      if (state.activeTotal !== null && /其中/.test(opening)) state.inParts = true;
      if (!firstToken) {
        const none = readNoRequests(s, clause);
        if (none) emit(none, null);
        for (const r of readReviewNone(clause, disclosure)) emit(r, null);
        for (const r of readFeeNone(clause)) emit(r, null);
      }
      const upheld = readUpheld(s, clause, disclosure);
      if (upheld) emit(upheld, null);
      let cursor = clause.start;
      clause.tokens.forEach((token, i) => {
        const next = clause.tokens[i + 1];
        const view: TokenView = {
          sentence: s,
          clause,
          token,
          lead: s.compact.slice(cursor, token.start),
          leadStart: cursor,
          tail: s.compact.slice(token.end, next ? next.start : clause.end),
          previous: last,
        };
        cursor = token.end;
        if (i > 0) state.requests = requestContext(state.requests, view.lead);
        const readings: Reading[] =
          readReviewCount(view, disclosure) ??
          [readFeeNumber(view, fees) ?? readActive(view, state) ?? readDocs(view) ?? readRequestCount(view, state.requests, section === 'requests', state.requestsBefore)].filter(
            (r): r is Reading => r !== null,
          );
        last = undefined;
        for (const r of readings) {
          last = emit(r, token);
          if (r.kind === 'activeTotal') {
            state.activeTotal = state.out.length - 1;
            state.inParts = false;
          }
        }
      });
    }
    const after = readFeeNoneAfter(s);
    if (after && !state.out.some((st) => st.kind === 'feeNone' && st.section === section && st.start >= s.map[0]! && st.start <= s.map[s.map.length - 1]!)) emit(after, null);
    previousRequests = state.requests;
    previous = s;
  }
  return state.out;
}

const cache = new WeakMap<object, Statement[]>();

/** Every statement of a report: the six sections and the preamble, in document order. Cached per report. */
export function readNarrative(report: ReadReport): Statement[] {
  let found = cache.get(report);
  if (!found) {
    found = [];
    const add = (text: string | null, section: NarrativeSection) => {
      if (!text) return;
      const offset = found!.length;
      for (const st of readText(text, section)) found!.push(st.parent === undefined ? st : { ...st, parent: st.parent + offset });
    };
    add(report.preamble, 'preamble');
    for (const key of SECTION_KEYS) add(report.sections[key], key);
    cache.set(report, found);
  }
  return found;
}

/** The statements of some kinds. */
export function statements(report: ReadReport, ...kinds: StatementKind[]): Statement[] {
  return readNarrative(report).filter((s) => kinds.includes(s.kind));
}

/**
 * The span a finding points at: offsets into the document the report was read from; for
 * data without a document (JSON, YAML), offsets into the text of `statement.section`.
 */
export function spanOf(statement: Statement, report: ReadReport): SourceSpan {
  return (
    readSectionSpan(report, statement.section, statement.start, statement.end) ??
    { start: statement.start, end: statement.end, line: statement.line, text: statement.text }
  );
}

/** The Chinese name of a section for messages: 第一部分“总体情况”, or 前言. */
export { sectionName as placeName } from '../../schema/places.ts';
