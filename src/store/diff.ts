import { similarity } from '../extract/narrative/similarity.ts';
import type { ExtractedReport } from '../extract/index.ts';
import { SECTIONS, type SectionKey } from '../schema/sections.ts';
import { getAgency } from './agencies.ts';
import type { Q } from './db.ts';
import { StoreError } from './errors.ts';

export interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Sentences with their closing punctuation; line breaks end a sentence too. */
export function sentences(text: string): string[] {
  return (text.match(/[^。！？；!?;\n]+[。！？；!?;]*|\n+/g) ?? []).map((s) => s.trim()).filter(Boolean);
}

const MAX_CELLS = 4_000_000;

/** A sentence-level diff (longest common subsequence): what was kept, removed and added from `a` to `b`. */
export function diffText(a: string, b: string): DiffOp[] {
  const x = sentences(a);
  const y = sentences(b);
  if (x.length * y.length > MAX_CELLS) {
    return [...x.map((text) => ({ op: 'delete' as const, text })), ...y.map((text) => ({ op: 'insert' as const, text }))];
  }
  const w = y.length + 1;
  const lcs = new Uint32Array((x.length + 1) * w);
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const ops: DiffOp[] = [];
  const push = (op: DiffOp['op'], text: string) => {
    const last = ops[ops.length - 1];
    if (last && last.op === op) last.text += text;
    else ops.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      push('equal', x[i]!);
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) push('delete', x[i++]!);
    else push('insert', y[j++]!);
  }
  while (i < x.length) push('delete', x[i++]!);
  while (j < y.length) push('insert', y[j++]!);
  return ops;
}

export interface SectionDiff {
  key: SectionKey;
  heading: string;
  /** Character-bigram similarity 0…1 after folding digits and punctuation (as NAR-09 内容雷同 measures it); null when a side is missing. */
  similarity: number | null;
  ops: DiffOp[];
}

export interface NarrativeDiff {
  agencyId: number;
  agency: string;
  from: { year: number; reportId: number };
  to: { year: number; reportId: number };
  sections: SectionDiff[];
}

/** The narrative of one agency's report in one year against another (default: its two latest years). */
export async function narrativeDiff(db: Q, agencyId: number, years: { from?: number; to?: number } = {}): Promise<NarrativeDiff> {
  const agency = await getAgency(db, agencyId);
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'year', 'data'])
    .where('agency_id', '=', agencyId)
    .where('year', 'is not', null)
    .orderBy('id', 'desc')
    .execute();
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.year!)) latest.set(r.year!, r);
  const available = [...latest.keys()].sort((a, b) => a - b);
  const to = years.to ?? available[available.length - 1];
  const from = years.from ?? available.filter((y) => to !== undefined && y < to).pop();
  if (from === undefined || to === undefined) throw new StoreError('not-found', `机关“${agency.name}”不足两个年度的报告，无法比较（现有：${available.join('、') || '无'}）`);
  const a = latest.get(from);
  const b = latest.get(to);
  if (!a || !b) throw new StoreError('not-found', `机关“${agency.name}”没有 ${!a ? from : to} 年度的报告（现有：${available.join('、')}）`);
  const ra = JSON.parse(a.data) as ExtractedReport;
  const rb = JSON.parse(b.data) as ExtractedReport;
  return {
    agencyId,
    agency: agency.name,
    from: { year: from, reportId: a.id },
    to: { year: to, reportId: b.id },
    sections: SECTIONS.map((s) => {
      const ta = ra.sections[s.key] ?? '';
      const tb = rb.sections[s.key] ?? '';
      return {
        key: s.key,
        heading: `${s.numeral}、${s.heading}`,
        similarity: ra.sections[s.key] && rb.sections[s.key] ? Math.round(similarity(ta, tb) * 1000) / 1000 : null,
        ops: diffText(ta, tb),
      };
    }),
  };
}
