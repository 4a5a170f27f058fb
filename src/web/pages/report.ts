import type { Finding } from '../../check/types.ts';
import type { ExtractedReport } from '../../extract/index.ts';
import type { Provenance } from '../../schema/types.ts';
import { listVersions, reportAtVersion, type VersionInfo } from '../../store/corrections.ts';
import type { Store } from '../../store/db.ts';
import { getReport, type ReportDetail } from '../../store/reports.ts';
import {
  FORMAT_LABEL, ISSUER_LABEL, RENDER_FORMATS, SEVERITY_LABEL, TEMPLATE_LABEL, VERSION_KIND_LABEL, size, valueText, when,
} from '../format.ts';
import { locatedPaths, statutoryTables, valuePaths } from '../grid.ts';
import { html, jsonScript, type Html } from '../html.ts';
import { cellLabel, FIELD_LABEL, locationLabel } from '../labels.ts';
import { countBadge, exportLinks, page } from '../layout.ts';

/** Metadata fields a correction may change (src/store/corrections.ts META_FIELDS), with how they are edited. */
const META: readonly [field: string, kind: 'text' | 'year' | 'issuer' | 'date'][] = [
  ['agency', 'text'], ['year', 'year'], ['issuerType', 'issuer'], ['signedOn', 'date'], ['publishedOn', 'date'],
];

interface Span {
  start: number;
  end: number;
  line: number;
  text?: string;
  page?: number;
  box?: [number, number, number, number];
}

const spanOf = (p: Provenance | undefined): Span | undefined =>
  p && Number.isInteger(p.start) && Number.isInteger(p.end)
    ? { start: p.start, end: p.end, line: p.line, text: p.text, ...(p.page ? { page: p.page } : {}), ...(p.page && validBox(p.box) ? { box: p.box } : {}) }
    : undefined;

const validBox = (b: unknown): b is [number, number, number, number] => Array.isArray(b) && b.length === 4 && b.every((x) => typeof x === 'number' && Number.isFinite(x));

/** Resolution of the page images of a PDF report (GET /api/reports/:id/pages/:n.png). */
const PAGE_DPI = 100;

/** The pages of a PDF or image report shown as images: those that hold values (page 1 when none is known). */
function imagePages(format: string, provenance: Record<string, Provenance>): number[] {
  if (format === 'image') return [1];
  if (format !== 'pdf') return [];
  const pages = new Set<number>();
  for (const p of Object.values(provenance)) if (Number.isInteger(p.page) && p.page! > 0) pages.add(p.page!);
  return pages.size ? [...pages].sort((a, b) => a - b) : [1];
}

function sourceHint(format: string): string {
  switch (format) {
    case 'html': return '网页正文（读取出的文字）';
    case 'pdf': return 'PDF 的文字层（读取出的文字）';
    case 'image': return '图片识别出的文字（OCR）';
    case 'docx': return 'Word 文档中的文字';
    default: return FORMAT_LABEL[format] ? `${FORMAT_LABEL[format]}原文` : '原文';
  }
}

/** The source text as numbered lines; each line knows its offset, so provenance offsets can be marked in it. */
function sourceLines(text: string): Html {
  let offset = 0;
  const lines = text.split('\n').map((line, i) => {
    const start = offset;
    offset += line.length + 1;
    return html`<div class="src-line" data-n="${i + 1}" data-s="${start}">${line.replace(/\r$/, '')}</div>`;
  });
  return html`${lines}`;
}

/** Where a finding points in the source: its own span, else the cell's, the printed label's, the heading's or the field's. */
function findingSpan(f: Finding, paths: string[], report: ExtractedReport): Span | undefined {
  if (f.span) return { start: f.span.start, end: f.span.end, line: f.span.line, text: f.span.text };
  const loc = f.location;
  if (paths.length === 1) return spanOf(report.provenance[paths[0]!]);
  const labels = report.structure?.labels ?? {};
  if (loc.table === 'active' && loc.item) return spanOf(labels[loc.row ? `active.${loc.item}.${loc.row}` : `active.${loc.item}`]);
  if (loc.table && loc.row) return spanOf(labels[`${loc.table}.${loc.row}`]);
  if (loc.section) {
    const h = report.structure?.headings.find((x) => x.key === loc.section);
    if (h) return { start: h.start, end: h.end, line: h.line, text: h.text };
  }
  if (loc.field) return spanOf(report.provenance[`meta.${loc.field}`]);
  return undefined;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function metaValue(field: string, value: unknown): string {
  if (field === 'issuerType' && typeof value === 'string') return ISSUER_LABEL[value] ?? value;
  return valueText(value);
}

function changeValue(path: string, v: unknown): string {
  return path === 'meta.issuerType' && typeof v === 'string' ? (ISSUER_LABEL[v] ?? v) : valueText(v);
}

function versionsBlock(r: ReportDetail, versions: VersionInfo[]): Html {
  const items = [...versions].reverse().map((v) => html`<li class="version" data-version="${v.version}">
<div class="vhead"><strong>第 ${v.version} 版</strong><span class="kind kind-${v.kind}">${VERSION_KIND_LABEL[v.kind] ?? v.kind}</span><span>${v.author}</span><time datetime="${v.at}">${when(v.at)}</time>
<span class="vlinks"><a href="/reports/${r.id}/versions/${v.version}">查看此版</a>${v.version === r.version ? html`<span class="current">当前版本</span>` : html`<button type="button" class="btn btn-small revert" data-version="${v.version}">恢复到此版</button>`}</span></div>
${v.reason ? html`<div class="reason">原因：${v.reason}</div>` : ''}
${v.changes.length ? html`<table class="changes"><thead><tr><th>位置</th><th>原值</th><th>新值</th></tr></thead><tbody>${v.changes.map((c) => html`<tr data-path="${c.path}"><td>${cellLabel(r.template, c.path)}</td><td class="old">${changeValue(c.path, c.old)}</td><td class="new">${changeValue(c.path, c.new)}</td></tr>`)}</tbody></table>` : ''}
</li>`);
  return html`<ol class="versions">${items}</ol>
<form id="revert-form" class="inline-form" hidden>
<p>恢复到第 <strong id="revert-version"></strong> 版的内容，作为新的一版保存（历史全部保留），并立即重新核查。</p>
<label>修改人 <input name="author" id="revert-author" required maxlength="100" autocomplete="name"></label>
<label>原因 <input name="reason" id="revert-reason" maxlength="500" placeholder="可不填"></label>
<button type="submit" class="btn btn-primary">确认恢复</button> <button type="button" class="btn" id="revert-cancel">取消</button>
<p class="error" id="revert-error" role="alert" hidden></p>
</form>`;
}

export async function reportPage(store: Store, id: number, opts: { saved?: number } = {}): Promise<string> {
  const r = await getReport(store.db, id, { text: true });
  const versions = await listVersions(store.db, id);
  const report = r.report;
  const template = report.template;
  const hasTables = template === '2019' || template === '2021';
  const paths = hasTables ? valuePaths(template, report.tables) : [];
  const corrected = new Map(r.corrections.map((c) => [c.path, c]));

  const findings = [...r.findings]
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i);
  const located = findings.map(({ f }) => locatedPaths(f.location, paths));
  const worst = new Map<string, Finding['severity']>();
  findings.forEach(({ f }, k) => {
    for (const p of located[k]!) {
      const w = worst.get(p);
      if (!w || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[w]) worst.set(p, f.severity);
    }
  });

  const cells: Record<string, unknown> = {};
  for (const p of paths) {
    const c = corrected.get(p);
    cells[p] = {
      label: cellLabel(template, p),
      src: spanOf(report.provenance[p]),
      ...(c ? { imported: c.imported, by: `第 ${c.version} 版由 ${c.author} 修改（${when(c.at)}）${c.reason ? `：${c.reason}` : ''}` } : {}),
    };
  }
  const meta: Record<string, unknown> = {};
  for (const [field, kind] of META) {
    const path = `meta.${field}`;
    const c = corrected.get(path);
    meta[path] = {
      label: FIELD_LABEL[field], kind, value: (report as unknown as Record<string, unknown>)[field] ?? null, src: spanOf(report.provenance[path]),
      ...(c ? { imported: c.imported, by: `第 ${c.version} 版由 ${c.author} 修改（${when(c.at)}）${c.reason ? `：${c.reason}` : ''}` } : {}),
    };
  }
  const pageList = imagePages(r.format, report.provenance);
  const data = {
    id: r.id,
    pages: pageList.length ? { list: pageList, dpi: PAGE_DPI, scale: r.format === 'pdf' ? PAGE_DPI / 72 : 1 } : null,
    version: r.version,
    template,
    issuerLabels: ISSUER_LABEL,
    cells,
    meta,
    findings: findings.map(({ f }, k) => ({
      paths: located[k],
      table: f.location.table && !located[k]!.length ? f.location.table : undefined,
      span: findingSpan(f, located[k]!, report),
    })),
  };

  const title = `${r.agency ?? '（未读出机关名称）'}${r.year ? ` ${r.year} 年度` : ''}`;
  const decorate = hasTables
    ? (c: { path: string; value?: number | null }) => {
        const classes: string[] = [];
        const sev = worst.get(c.path);
        if (sev) classes.push(`f-${sev}`);
        if (report.provenance[c.path]) classes.push('has-src');
        const cor = corrected.get(c.path);
        if (cor) classes.push('corrected');
        return { classes, title: cor ? `导入时为 ${valueText(cor.imported)}；第 ${cor.version} 版由 ${cor.author} 修改` : undefined };
      }
    : undefined;

  const findingItems = findings.map(({ f }, k) => {
    const span = data.findings[k]!.span;
    const where = [locationLabel(template, f.location), span ? `原文第 ${span.line} 行` : ''].filter(Boolean).join(' · ');
    const detail = [
      f.actual !== undefined && f.actual !== null ? `实际：${f.actual}` : '',
      f.expected !== undefined && f.expected !== null ? `应为：${f.expected}` : '',
    ].filter(Boolean).join('　');
    return html`<li><button type="button" class="finding sev-${f.severity}" data-i="${k}" data-sev="${f.severity}" data-rule="${f.rule}" aria-pressed="false">
<span class="fhead"><span class="badge badge-${f.severity}">${SEVERITY_LABEL[f.severity]}</span><span class="rule">${f.rule}</span><span class="where">${where}</span></span>
<span class="fmsg">${f.message}</span>
<span class="detail">${detail ? html`<span>${detail}</span>` : ''}<span class="basis">依据：${f.basis}</span></span>
</button></li>`;
  });
  const counts = { error: r.errors, warning: r.warnings, info: r.infos };

  const metaRows = META.map(([field, kind]) => {
    const path = `meta.${field}`;
    const value = (report as unknown as Record<string, unknown>)[field];
    const c = corrected.get(path);
    return html`<tr><th>${FIELD_LABEL[field]}</th><td class="meta-v${c ? ' corrected' : ''}${report.provenance[path] ? ' has-src' : ''}" data-path="${path}" data-kind="${kind}"><span class="num">${metaValue(field, value)}</span></td></tr>`;
  });

  const notes = report.notes ?? [];
  const originalLinks: [string, string][] = [['下载原件', `/api/reports/${r.id}/original`]];
  if (r.format === 'pdf' || r.format === 'image') originalLinks.push(['在浏览器中打开原件', `/api/reports/${r.id}/original?inline=1`]);

  const content = html`
<div class="report-head">
  <div class="title-row">
    <h1>${title}</h1>
    <div class="badges" id="counts">${countBadge('error', counts.error, '错误')}${countBadge('warning', counts.warning, '警告')}${countBadge('info', counts.info, '提示')}</div>
  </div>
  <dl class="facts">
    <div><dt>区域</dt><dd>${r.regionPath.length ? r.regionPath.join(' / ') : html`<span class="muted">未归属区域</span>`}${r.agencyId ? html` <a href="/agencies/${r.agencyId}">机关页</a>` : ''}</dd></div>
    <div><dt>格式</dt><dd>${TEMPLATE_LABEL[template] ?? template}</dd></div>
    <div><dt>文件</dt><dd title="${r.fileName}">${r.fileName.split('/').pop()}（${FORMAT_LABEL[r.format] ?? r.format}，${size(r.size)}）</dd></div>
    <div><dt>导入</dt><dd>${when(r.importedAt)}</dd></div>
    <div><dt>版本</dt><dd id="version">第 ${r.version} 版${r.version > 1 ? html`（${when(r.updatedAt)} 修改）` : ''}</dd></div>
  </dl>
  <div class="export-bar">
    ${exportLinks('导出报告', RENDER_FORMATS.map(([f, label]) => [label, `/api/reports/${r.id}/export?format=${f}`]))}
    ${exportLinks('核查结果', [['CSV', `/api/reports/${r.id}/findings?format=csv`], ['Excel', `/api/reports/${r.id}/findings?format=xlsx`]])}
    ${exportLinks('原件', originalLinks)}
  </div>
</div>
${opts.saved ? html`<p class="flash" role="status" id="flash">已保存为第 ${opts.saved} 版，核查已重新运行。</p>` : ''}
<div class="review-layout">
  <section class="pane source-pane" aria-labelledby="source-title">
    <div class="pane-head"><h2 id="source-title">原文</h2>${pageList.length
      ? html`<div class="view-tabs" role="tablist" aria-label="原文显示方式">
        <button type="button" class="chip" role="tab" id="tab-text" aria-controls="source" aria-selected="true" aria-pressed="true">文字</button>
        <button type="button" class="chip" role="tab" id="tab-pages" aria-controls="page-view" aria-selected="false" aria-pressed="false">原件页面</button></div>`
      : ''}<span class="hint" id="source-hint">${sourceHint(r.format)}</span></div>
    <div class="source" id="source">${sourceLines(r.text ?? '')}</div>
    ${pageList.length
      ? html`<div class="page-view" id="page-view" role="tabpanel" aria-label="原件页面" hidden>${pageList.map((n) => html`<figure class="page-img" data-page="${n}">
<img src="/api/reports/${r.id}/pages/${n}.png${r.format === 'pdf' ? `?dpi=${PAGE_DPI}` : ''}" loading="lazy" decoding="async" alt="原件第 ${n} 页">
<figcaption>第 ${n} 页</figcaption></figure>`)}</div>`
      : ''}
  </section>
  <section class="pane data-pane" aria-label="读取结果">
    <div class="inspector" id="inspector" aria-live="polite">
      <div id="insp-empty" class="muted">点击表中的数字，原文中读出它的位置会标出；选中后可以修改。点击核查结果，标出相关单元格和原文。</div>
      <div id="insp-body" hidden>
        <div class="insp-row"><strong id="insp-label"></strong></div>
        <div class="insp-row"><span>当前值 <b id="insp-value"></b></span><span id="insp-src"></span><span id="insp-corr" class="muted"></span>
          <button type="button" class="btn btn-small btn-primary" id="edit-start">修改</button></div>
        <form id="edit-form" class="edit-form" hidden>
          <span class="muted">新值填在单元格中（留空为空白）</span>
          <label>原因 <input id="edit-reason" name="reason" required maxlength="500" placeholder="例如：原文为 632，读错"></label>
          <label>修改人 <input id="edit-author" name="author" required maxlength="100" autocomplete="name"></label>
          <button type="submit" class="btn btn-primary" id="edit-save">保存</button>
          <button type="button" class="btn" id="edit-cancel">取消</button>
          <p class="error" id="edit-error" role="alert" hidden></p>
        </form>
      </div>
    </div>
    <section id="findings" class="block findings-block">
      <div class="block-head"><h2>核查结果 <span class="muted">${r.findings.length} 条</span></h2>
        <div class="filter" role="group" aria-label="按严重程度筛选">
          <button type="button" class="chip" data-filter="all" aria-pressed="true">全部</button>
          ${(['error', 'warning', 'info'] as const).map((s) => html`<button type="button" class="chip chip-${s}" data-filter="${s}" aria-pressed="false">${SEVERITY_LABEL[s]} ${counts[s]}</button>`)}
        </div>
      </div>
      ${findings.length ? html`<ol class="finding-list" id="finding-list">${findingItems}</ol>` : html`<p class="ok">没有发现问题。</p>`}
    </section>
    <div class="data-scroll" id="data-scroll">
    <section id="tables" class="block">
      <div class="block-head"><h2>统计表</h2><span class="legend"><span class="lg lg-error">有错误</span><span class="lg lg-warning">有警告</span><span class="lg lg-corrected">已修改</span><span class="lg lg-blank">空白</span></span></div>
      ${hasTables ? statutoryTables(template, report.tables, decorate) : html`<p class="muted">2019 年以前格式的报告没有法定统计表。</p>`}
    </section>
    <section id="meta" class="block">
      <div class="block-head"><h2>基本信息</h2></div>
      <table class="meta-table"><tbody>${metaRows}</tbody></table>
    </section>
    <section id="history" class="block">
      <div class="block-head"><h2>修改记录 <span class="muted">${versions.length} 个版本</span></h2></div>
      ${versionsBlock(r, versions)}
    </section>
    ${notes.length ? html`<section id="notes" class="block"><div class="block-head"><h2>读取说明 <span class="muted">${notes.length} 条</span></h2></div>
      <ul class="notes">${notes.map((n) => html`<li>${n.message}${n.path ? html` <span class="muted">（${cellLabel(template, n.path)}）</span>` : ''}</li>`)}</ul></section>` : ''}
    </div>
  </section>
</div>
${jsonScript('report-data', data)}`;
  return page({ title, section: 'reports', scripts: ['report.js'], bodyClass: 'report-page', crumbs: [['报告核查', '/reports'], [title]] }, content);
}

/** One version of a report, read only: its tables and metadata as they were, with that version's changes. */
export async function versionPage(store: Store, id: number, version: number): Promise<string> {
  const current = await getReport(store.db, id, { text: false });
  const { version: info, report } = await reportAtVersion(store.db, id, version);
  const template = report.template;
  const changed = new Set(info.changes.map((c) => c.path));
  const title = `${current.agency ?? '（未读出机关名称）'}${current.year ? ` ${current.year} 年度` : ''} · 第 ${version} 版`;
  const tables =
    template === '2019' || template === '2021'
      ? statutoryTables(template, report.tables, (c) => (changed.has(c.path) ? { classes: ['changed'] } : undefined), 'v')
      : html`<p class="muted">2019 年以前格式的报告没有法定统计表。</p>`;
  const content = html`
<div class="report-head">
  <div class="title-row"><h1>${title}</h1></div>
  <p>${VERSION_KIND_LABEL[info.kind] ?? info.kind} · ${info.author} · ${when(info.at)}${info.reason ? html` · 原因：${info.reason}` : ''}
  ${version === current.version ? html`<span class="current">当前版本</span>` : html`<span class="muted">（当前为第 ${current.version} 版）</span>`}</p>
  <p><a class="btn" href="/reports/${id}#history">返回报告</a></p>
</div>
${info.changes.length ? html`<section class="block"><h2>本版修改</h2><table class="changes"><thead><tr><th>位置</th><th>原值</th><th>新值</th></tr></thead><tbody>${info.changes.map((c) => html`<tr><td>${cellLabel(template, c.path)}</td><td class="old">${changeValue(c.path, c.old)}</td><td class="new">${changeValue(c.path, c.new)}</td></tr>`)}</tbody></table></section>` : ''}
<section class="block">
  <h2>基本信息</h2>
  <table class="meta-table"><tbody>${META.map(([field]) => html`<tr><th>${FIELD_LABEL[field]}</th><td>${metaValue(field, (report as unknown as Record<string, unknown>)[field])}</td></tr>`)}</tbody></table>
</section>
<section class="block version-tables"><h2>统计表（第 ${version} 版）</h2>${tables}</section>`;
  return page({ title, section: 'reports', crumbs: [['报告核查', '/reports'], [current.agency ?? `报告 ${id}`, `/reports/${id}`], [`第 ${version} 版`]] }, content);
}
