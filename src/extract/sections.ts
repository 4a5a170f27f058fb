import { SECTIONS, type SectionDef, type SectionKey } from '../schema/sections.ts';
import { fold, labelKey } from '../schema/normalize.ts';
import type { Line } from './cells.ts';
import { blankMarkup } from './markup.ts';

export interface Heading {
  key: SectionKey;
  /** 0-based line index. */
  line: number;
  start: number;
  end: number;
  /** The heading as printed (markup removed). */
  text: string;
  /** The numeral printed before it ("一", "4"), or null. */
  numeral: string | null;
  /** The wording is the canonical one (TPL-04 otherwise). */
  canonical: boolean;
}

const ARABIC = ['1', '2', '3', '4', '5', '6'];
// "一、" "4．" "4." "4、" "第四部分" — but not "（四）", which numbers sub-items.
const PREFIX = /^(?:第?([一二三四五六])(?:部分)?\s*[、.:]|([1-6])\s*[、.](?!\d)|([一二三四五六])\s+)\s*/;

// Every heading wording ends in one of these: a cheap test before the real one.
const HEADING_WORDS = /情况|事项|概述|措施/;
const byKey = new Map<string, { index: number; canonical: boolean; weak: boolean }>();
SECTIONS.forEach((s: SectionDef, index) => {
  byKey.set(labelKey(s.heading), { index, canonical: true, weak: false });
  for (const v of s.variants) byKey.set(labelKey(v), { index, canonical: false, weak: s.ambiguous?.includes(v) ?? false });
});

interface Candidate extends Heading {
  index: number;
  strength: number;
}

function candidate(line: Line): Candidate | null {
  if (line.text.length > 120 || !HEADING_WORDS.test(line.text)) return null;
  const spaced = blankMarkup(line.text);
  const printed = (spaced === line.text ? line.folded : fold(spaced)).replace(/^[\s#*>]+|[\s*]+$/g, '').replace(/[:：]$/, '');
  if (printed.length === 0 || printed.length > 40) return null;
  if (/^[(（]/.test(printed)) return null;
  const m = PREFIX.exec(printed);
  const numeral = m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
  const body = m ? printed.slice(m[0].length) : printed;
  const hit = byKey.get(labelKey(body));
  if (!hit) return null;
  const section = SECTIONS[hit.index]!;
  const numeralFits = numeral === section.numeral || numeral === ARABIC[hit.index];
  if (hit.weak && !numeralFits) return null;
  const offset = spaced.search(/\S/);
  return {
    key: section.key,
    index: hit.index,
    line: line.index,
    start: line.start + offset,
    end: line.end,
    text: spaced.trim(),
    numeral,
    canonical: hit.canonical,
    strength: (numeralFits ? 2 : numeral ? 0 : 1) + (hit.canonical ? 1 : 0),
  };
}

/**
 * Finds the six section headings: lines whose whole text (without its numeral)
 * is a known wording, chosen as the longest chain in statutory order, so that a
 * sub-heading that happens to read like a section does not displace the real one.
 */
export function findHeadings(lines: readonly Line[]): Heading[] {
  const cands: Candidate[] = [];
  for (const line of lines) {
    const c = candidate(line);
    if (c) cands.push(c);
  }
  // Longest increasing chain by section index; ties broken by total strength.
  const best: { len: number; score: number; prev: number }[] = cands.map((c) => ({ len: 1, score: c.strength, prev: -1 }));
  for (let i = 0; i < cands.length; i++) {
    for (let j = 0; j < i; j++) {
      if (cands[j]!.index >= cands[i]!.index) continue;
      const len = best[j]!.len + 1;
      const score = best[j]!.score + cands[i]!.strength;
      if (len > best[i]!.len || (len === best[i]!.len && score > best[i]!.score)) best[i] = { len, score, prev: j };
    }
  }
  let end = -1;
  for (let i = 0; i < cands.length; i++) {
    if (end < 0 || best[i]!.len > best[end]!.len || (best[i]!.len === best[end]!.len && best[i]!.score > best[end]!.score)) end = i;
  }
  const chain: Heading[] = [];
  for (let i = end; i >= 0; i = best[i]!.prev) {
    const { index: _i, strength: _s, ...heading } = cands[i]!;
    chain.unshift(heading);
  }
  return chain;
}
