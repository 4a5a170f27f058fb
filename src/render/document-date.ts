import type { Report } from '../schema/types.ts';

/**
 * The date written into a document's properties (XLSX, DOCX, PDF): 1 January after the latest
 * report year (when reports are published), 1980 without one, never the time of writing, so
 * that the same reports give the same bytes.
 */
export function documentDate(reports: readonly Pick<Report, 'year'>[]): Date {
  const latest = reports.reduce<number | null>((y, r) => (r.year !== null && (y === null || r.year > y) ? r.year : y), null);
  // Zip dates start in 1980.
  return new Date(Date.UTC(latest === null ? 1980 : Math.max(1980, latest + 1), 0, 1));
}
