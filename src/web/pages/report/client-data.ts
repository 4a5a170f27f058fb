import type { Correction } from '../../../store/reports.ts';
import { ISSUER_LABEL, when } from '../../format.ts';
import { cellLabel, FIELD_LABEL } from '../../labels.ts';
import { fieldOf, META } from './meta.ts';
import { PAGE_DPI } from './source-pane.ts';
import { spanOf } from './spans.ts';
import type { ReportView } from './view.ts';

/** What a corrected cell or field shows: its imported value and who changed it, when and why. */
const correction = (c: Correction | undefined) =>
  c ? { imported: c.imported, by: `第 ${c.version} 版由 ${c.author} 修改（${when(c.at)}）${c.reason ? `：${c.reason}` : ''}` } : {};

/** The data the page script (report.js) works from: cells and fields with their source spans, findings, page images. */
export function clientData(v: ReportView): Record<string, unknown> {
  const { r, report, template, corrected, pageList } = v;
  const cells: Record<string, unknown> = {};
  for (const p of v.paths) {
    cells[p] = { label: cellLabel(template, p), src: spanOf(report.provenance[p]), ...correction(corrected.get(p)) };
  }
  const meta: Record<string, unknown> = {};
  for (const [field, kind] of META) {
    const path = `meta.${field}`;
    meta[path] = {
      label: FIELD_LABEL[field], kind, value: fieldOf(report, field) ?? null, src: spanOf(report.provenance[path]),
      ...correction(corrected.get(path)),
    };
  }
  return {
    id: r.id,
    pages: pageList.length ? { list: pageList, dpi: PAGE_DPI, scale: r.format === 'pdf' ? PAGE_DPI / 72 : 1 } : null,
    version: r.version,
    template,
    issuerLabels: ISSUER_LABEL,
    cells,
    meta,
    findings: v.findings.map(({ f, located, span }) => ({
      paths: located,
      table: f.location.table && !located.length ? f.location.table : undefined,
      span,
    })),
  };
}
