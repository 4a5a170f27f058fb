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
