import type { Report } from '../schema/types.ts';

/** "<agency><year>年政府信息公开工作年度报告" */
export function reportTitle(report: Pick<Report, 'agency' | 'year'>): string {
  return `${report.agency ?? ''}${report.year ?? ''}年政府信息公开工作年度报告`;
}

/** 2021-01-25 → 2021年1月25日 */
export function signatureDate(iso: string | null): string | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : null;
}

/** Width of a text in ems: CJK characters 1, Latin letters and digits ½. */
export const ems = (s: string) => [...s].reduce((a, ch) => a + (ch.charCodeAt(0) > 0x2e7f ? 1 : 0.5), 0);

/**
 * The title on one line when it fits `perLine` ems, otherwise the agency on the first line and
 * "<year>年政府信息公开工作年度报告" on the second, as official reports print it (DOCX and PDF alike).
 */
export function titleLines(report: Pick<Report, 'agency' | 'year'>, perLine: number): string[] {
  const title = reportTitle(report);
  if (!report.agency || ems(title) <= perLine || ems(report.agency) > perLine) return [title];
  return [report.agency, title.slice(report.agency.length)];
}
