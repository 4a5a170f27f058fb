import type { CheckableReport } from './types.ts';

// Where the report year came from, shared by DATE-01 and DATE-02.

/** Where the report year (`year`) came from: the title, the statistics period, the data as given (JSON), or a guess from the narrative. */
export type YearSource = 'title' | 'period' | 'data' | 'narrative';

export function yearSource(doc: CheckableReport): YearSource | null {
  if (doc.year === null) return null;
  const p = doc.provenance?.['meta.year'];
  if (!p) return 'data';
  if (!p.note) return 'title';
  return p.note.includes('统计期限') ? 'period' : 'narrative';
}

export const YEAR_SOURCE_LABEL: Record<Exclude<YearSource, 'narrative'>, string> = {
  title: '标题',
  period: '统计期限',
  data: '报告年度字段（year）',
};
