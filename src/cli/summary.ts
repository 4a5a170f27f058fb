import { ACTIVE_2019, ACTIVE_2021 } from '../schema/active.ts';
import { REQUEST_COLUMNS, requestRows } from '../schema/requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from '../schema/review.ts';
import { SECTIONS, type SectionKey } from '../schema/sections.ts';
import type { Cell, IssuerType } from '../schema/types.ts';
import type { ExtractedReport } from '../extract/report.ts';
import { printable } from './printable.ts';
import { columns } from './width.ts';

const ISSUER: Record<IssuerType, string> = { government: '人民政府', department: '政府部门', township: '乡镇街道', other: '其他机构' };

const heading = (key: SectionKey) => {
  const s = SECTIONS.find((x) => x.key === key)!;
  return `${s.numeral}、${s.heading}`;
};

const show = (v: Cell | undefined) => (v === null || v === undefined ? '—' : String(v));

/** A readable summary of one parsed report, with the three tables aligned. */
export function formatSummary(path: string, r: ExtractedReport): string {
  const out: string[] = [];
  const template = r.template === 'legacy' ? '2019年以前的旧格式' : `${r.template}格式`;
  out.push(`${r.agency ?? '（未识别机关）'} · ${r.year ?? '？'}年度 · ${template} · ${ISSUER[r.issuerType]}${r.signedOn ? ` · 落款 ${r.signedOn}` : ''}${r.publishedOn ? ` · 发布 ${r.publishedOn}` : ''}`);
  out.push(`文件：${path}（${r.source.format}${r.source.encoding ? `，${r.source.encoding}` : ''}）`);
  if (r.source.url) out.push(`原文：${r.source.url}`);
  out.push(`部分：${SECTIONS.map((s) => `${s.numeral}${r.sections[s.key] === null ? '✗' : '✓'}`).join(' ')}`);
  if (r.template === 'legacy') {
    out.push('旧格式报告：只读取基本信息和各部分文字，不读取统计表。');
    return out.map(printable).join('\n');
  }

  out.push('', heading('active'));
  for (const item of r.template === '2019' ? ACTIVE_2019 : ACTIVE_2021) {
    const rows: string[][] = [[item.label, ...item.columns.map((c) => (c.kind === 'money' ? `${c.label.replace(/（.*$/, '')}（万元）` : c.label))]];
    for (const row of item.rows) rows.push([row.label, ...item.columns.map((c) => show(r.tables.active[item.key]?.[row.key]?.[c.key]))]);
    out.push(...columns(rows).map((l) => `  ${l}`));
  }

  out.push('', heading('requests'));
  const reqRows: string[][] = [['', ...REQUEST_COLUMNS.map((c) => c.label)]];
  for (const row of requestRows(r.template)) reqRows.push([('short' in row ? row.short : undefined) ?? row.label, ...(r.tables.requests[row.key] ?? []).map(show)]);
  out.push(...columns(reqRows).map((l) => `  ${l}`));

  out.push('', heading('review'));
  const revRows: string[][] = [['', ...REVIEW_COLUMNS.map((c) => c.label)]];
  for (const g of REVIEW_GROUPS) revRows.push([g.label, ...(r.tables.review[g.key] ?? []).map(show)]);
  out.push(...columns(revRows).map((l) => `  ${l}`));
  out.push('  （— 表示空白、占位符或无法读取的单元格）');

  if (r.notes.length) {
    out.push('', `提取说明（${r.notes.length}）：`);
    for (const n of r.notes) out.push(`  - ${n.message}`);
  }
  return out.map(printable).join('\n');
}
