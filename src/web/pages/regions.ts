import { loadRules } from '../../check/engine.ts';
import { crossYear, regionStats, regionTrends, rollup, unpublished, type RankingEntry } from '../../store/analysis.ts';
import { listAgencies } from '../../store/agencies.ts';
import { writeCell } from '../../schema/cells.ts';
import type { Store } from '../../store/db.ts';
import { DISTRIBUTION_GROUPS, DISTRIBUTION_LABELS, METRICS } from '../../store/metrics.ts';
import { getRegion, listRegions, listRegionsIn, regionTree, subtreeIds, type RegionNode } from '../../store/regions.ts';
import type { Auth } from '../context.ts';
import { storeSummary } from '../../store/reports.ts';
import type { Tables } from '../../schema/types.ts';
import { countsByYear, distributionChart, PALETTE, rankingChart, ratesByYear, stackedChart } from '../charts.ts';
import { figure, ISSUER_LABEL, percent, SEVERITY_LABEL, TEMPLATE_LABEL } from '../format.ts';
import { statutoryTables } from '../grid.ts';
import { html, jsonScript, query, type Html } from '../html.ts';
import { cellLabel } from '../labels.ts';
import { exportLinks, page } from '../layout.ts';

const emptyTables = (): Tables => ({ active: {}, requests: {}, review: {} });

function treeList(nodes: readonly RegionNode[], year: number | undefined): Html {
  if (!nodes.length) return html``;
  return html`<ul>${nodes.map((n) => html`<li data-id="${n.id}" data-name="${n.name}">
<div class="node"><a class="node-name" href="/regions/${n.id}${query({ year })}">${n.name}</a><span class="muted">直属机关 ${n.agencies}</span>
<span class="actions"><button type="button" class="btn btn-small btn-link" data-act="add">新建下级</button><button type="button" class="btn btn-small btn-link" data-act="rename">重命名</button><button type="button" class="btn btn-small btn-link" data-act="move">移动</button><button type="button" class="btn btn-small btn-link danger" data-act="delete">删除</button></span></div>
${treeList(n.children, year)}</li>`)}</ul>`;
}

/** The region tree: open a region's roll-up, edit the tree, import agencies → regions from CSV. */
export async function regionsPage(store: Store, auth: Auth): Promise<string> {
  const db = store.db;
  const tree = await regionTree(db, auth.scope);
  const regions = await listRegionsIn(db, auth.scope);
  const unassigned = await listAgencies(db, { unassigned: true, scope: auth.scope });
  const summary = await storeSummary(db, auth.scope);
  const year = summary.years[0];
  const content = html`
<div class="page-head">
  <h1>区域汇总</h1>
  <p class="lead">点区域名称，查看该区域（含下级区域）${year ? `${year} 年度` : ''}的汇总表、排名、图表、未发布名单和跨年度核查。区域树可以在这里修改；机关归属可以从 CSV 导入，也可以在<a href="/agencies">机关</a>页逐个设置。</p>
</div>
<div class="two-col">
  <section class="block">
    <div class="block-head"><h2>区域树</h2></div>
    <div class="tree" id="region-tree">${tree.length ? treeList(tree, year) : html`<p class="muted">还没有区域。</p>`}</div>
    <form id="new-root" class="inline-form"><label>新建最上级区域 <input name="name" id="new-root-name" required maxlength="100" placeholder="例如：某某市"></label><button type="submit" class="btn">新建</button></form>
    <p id="tree-msg" class="msg" role="status" hidden></p>
  </section>
  <section class="block csv-block">
    <div class="block-head"><h2>从 CSV 导入机关归属</h2></div>
    <p>CSV 文件的表头为 <code>机关,区域,上级区域</code>（上级区域可空）；UTF-8 或 GBK 均可。没有的区域会自动建立，机关会移到所写的区域。有错误的行全部列出，整个文件不导入。</p>
    <pre class="example">机关,区域,上级区域
某某市教育局,某某市,某某省
某某区人民政府,某某区,某某市</pre>
    <form id="csv-form" class="inline-form"><input type="file" id="csv-file" accept=".csv,text/csv" required><button type="submit" class="btn btn-primary">导入 CSV</button></form>
    <div id="csv-result" role="status"></div>
    <div class="block-head"><h2>未归属区域的机关 <span class="muted">${unassigned.length} 个</span></h2></div>
    ${unassigned.length ? html`<ul class="plain">${unassigned.slice(0, 30).map((a) => html`<li><a href="/agencies/${a.id}">${a.name}</a> <span class="muted">${a.years.join('、')}</span></li>`)}</ul>
    ${unassigned.length > 30 ? html`<p><a href="/agencies?unassigned=1">全部 ${unassigned.length} 个</a></p>` : ''}<p><a class="btn btn-small" href="/agencies?unassigned=1">设置它们的区域</a></p>` : html`<p class="muted">全部机关都已归属区域。</p>`}
  </section>
</div>
${jsonScript('regions-data', { regions })}`;
  return page({ title: '区域汇总', section: 'regions', scripts: ['regions.js'], auth }, content);
}

async function regionYears(store: Store, regionId: number): Promise<number[]> {
  const t = await regionTrends(store.db, regionId);
  const regions = await listRegions(store.db);
  const summary = await storeSummary(store.db, { kind: 'regions', rootId: regionId, regionIds: subtreeIds(regions, regionId) });
  return [...new Set([...t.years.map((y) => y.year), ...summary.years])].sort((a, b) => b - a);
}

/** “下载本区域汇总报告（Word / PDF / 网页 / Excel）”: the region's summary report of the year in each format. */
function summaryReportLinks(regionId: number, year: number): Html {
  const href = (format: string, reports?: string) => `/api/regions/${regionId}/summary-report${query({ year, format, reports })}`;
  const links: [string, string][] = [['Word', 'docx'], ['PDF', 'pdf'], ['网页', 'html'], ['Excel', 'xlsx']];
  return html`<div class="export-bar summary-report">${exportLinks('下载本区域汇总报告（Word / PDF / 网页 / Excel）', links.map(([text, f]) => [text, href(f)]))}
${exportLinks('只汇总已通过的报告', links.map(([text, f]) => [text, href(f, 'accepted')]))}</div>`;
}

/** 「在编辑器中撰写汇总报告」: the summary as the draft of the region's government, to write the narrative around (summary-draft.js). */
function summaryDraftForm(regionId: number, year: number): Html {
  return html`<section class="block" id="summary-draft">
  <div class="block-head"><h2>撰写本区域的汇总报告</h2></div>
  <p class="muted">以本区域人民政府的名义新建草稿：三张统计表为各机关报告逐格相加之和，正文六个部分在编辑器中撰写。</p>
  <form id="summary-draft-form" data-region="${regionId}">
    <label>年度 <input type="number" name="year" value="${year}" min="2019" max="2100" required></label>
    <label><input type="radio" name="reports" value="accepted" checked> 只计已通过的报告</label>
    <label><input type="radio" name="reports" value="all"> 全部报告</label>
    <button type="submit" class="btn btn-primary">在编辑器中撰写汇总报告</button>
    <span id="summary-draft-status" role="status"></span>
  </form>
</section>`;
}

export async function regionHead(store: Store, regionId: number, year: number, tab: 'stats' | 'rollup' | 'status' | 'ranking'): Promise<{ head: Html; title: string; crumbs: [string, string?][] }> {
  const region = await getRegion(store.db, regionId);
  const regions = await listRegions(store.db);
  const path: string[] = [];
  for (let r: typeof region | undefined = region; r; r = r.parentId === null ? undefined : regions.find((x) => x.id === r!.parentId)) path.unshift(r.name);
  const years = await regionYears(store, regionId);
  if (!years.includes(year)) years.unshift(year);
  const title = `${region.name} ${year} 年度`;
  const base = tab === 'stats' ? `/regions/${regionId}` : `/regions/${regionId}/${tab}`;
  const head = html`<div class="page-head region-head">
  <div class="title-row"><h1>${region.name} <span class="year">${year} 年度</span></h1>
  <form method="get" action="${base}" class="year-form" data-autosubmit><label>年度 <select name="year">${years.map((y) => html`<option value="${y}"${y === year ? html` selected` : ''}>${y} 年度</option>`)}</select></label><noscript><button class="btn">查看</button></noscript></form></div>
  <p class="muted">${path.join(' / ')}（含下级区域）</p>
  <nav class="tabs" aria-label="区域页面">
    <a href="/regions/${regionId}${query({ year })}"${tab === 'stats' ? html` aria-current="page"` : ''}>指标、排名与趋势</a>
    <a href="/regions/${regionId}/rollup${query({ year })}"${tab === 'rollup' ? html` aria-current="page"` : ''}>汇总表</a>
    <a href="/regions/${regionId}/status${query({ year })}"${tab === 'status' ? html` aria-current="page"` : ''}>报送状态</a>
    <a href="/regions/${regionId}/ranking${query({ year })}"${tab === 'ranking' ? html` aria-current="page"` : ''}>考核排名</a>
  </nav>
  ${summaryReportLinks(regionId, year)}
</div>`;
  return { head, title, crumbs: [['区域汇总', '/regions'], ...path.slice(0, -1).map((p): [string] => [p]), [region.name]] };
}

/** The year a region page shows when none is asked for: its latest year with reports, else the store's latest. */
export async function defaultYear(store: Store, regionId: number): Promise<number> {
  const years = await regionYears(store, regionId);
  return years[0] ?? new Date().getFullYear() - 1;
}

function definition(text: string): Html {
  return html`<p class="definition"><span class="def-label">定义</span>${text}</p>`;
}

function rankingTable(entries: readonly RankingEntry[], value: (e: RankingEntry) => Html | string, extraHead: Html = html``, extra?: (e: RankingEntry) => Html): Html {
  return html`<table class="list ranking"><thead><tr><th class="num-cell">名次</th><th>机关</th><th class="num-cell">数值</th>${extraHead}</tr></thead><tbody>
${entries.map((e) => html`<tr${e.rank === null ? html` class="unranked"` : ''}><td class="num-cell">${e.rank ?? '—'}</td><td><a href="/reports/${e.reportId}">${e.agency}</a></td><td class="num-cell">${value(e)}</td>${extra ? extra(e) : ''}</tr>`)}
</tbody></table>`;
}

/** A region's figures for a year: totals, rankings and charts with their definitions, unpublished agencies, cross-year findings, trends. */
export async function regionPage(store: Store, auth: Auth, regionId: number, year: number): Promise<string> {
  const db = store.db;
  const { head, title, crumbs } = await regionHead(store, regionId, year, 'stats');
  const s = await regionStats(db, regionId, year);
  const u = await unpublished(db, regionId, year);
  const x = await crossYear(db, regionId, year);
  const t = await regionTrends(db, regionId);
  const crossRules = (await loadRules()).filter((r) => r.meta.id.startsWith('X-'));
  const byReport = new Map(s.items.map((i) => [i.reportId, i]));
  const file = (path: string) => (format: string) => `/api/regions/${regionId}/${path}${query({ year: path === 'trends' ? undefined : year, format })}`;
  const files = (path: string): [string, string][] => [['CSV', file(path)('csv')], ['Excel', file(path)('xlsx')]];
  const rateCells = (key: 'openRate' | 'correctionRate') => (e: RankingEntry) => {
    const r = byReport.get(e.reportId)?.[key];
    return html`<td class="num-cell">${figure(r?.numerator)}</td><td class="num-cell">${figure(r?.denominator)}</td>`;
  };
  const totals = s.totals;
  const legacy = s.reporting - new Set(s.items.map((i) => i.agencyId)).size;

  const cards = html`<div class="cards" id="cards">
  <div class="card"><span class="card-label">机关（含下级）</span><span class="card-value">${s.agencies}</span></div>
  <div class="card"><span class="card-label">已发布报告</span><span class="card-value">${s.reporting}</span></div>
  <div class="card${u.items.length ? ' card-alert' : ''}"><span class="card-label">未发布</span><span class="card-value">${u.items.length}</span></div>
  <div class="card"><span class="card-label">${METRICS.received.label}</span><span class="card-value" id="card-received">${figure(totals.received.value)}</span>${totals.received.blanks ? html`<span class="card-note">空白 ${totals.received.blanks} 份</span>` : ''}</div>
  <div class="card"><span class="card-label">${METRICS.resultTotal.label}</span><span class="card-value">${figure(totals.resultTotal.value)}</span></div>
  <div class="card"><span class="card-label">${METRICS.openRate.label}</span><span class="card-value" id="card-open">${percent(totals.openRate.value)}</span><span class="card-note">${totals.openRate.included} 份可计算</span></div>
  <div class="card"><span class="card-label">${METRICS.correctionRate.label}</span><span class="card-value" id="card-correction">${percent(totals.correctionRate.value)}</span><span class="card-note">${totals.correctionRate.included} 份可计算</span></div>
</div>`;

  const distRows = s.items.map((i) => ({ label: i.agency, parts: DISTRIBUTION_GROUPS.map((k) => i.distribution[k].value) }));
  const content = html`${head}
${cards}
${legacy > 0 ? html`<p class="note">另有 ${legacy} 份 2019 年以前格式的报告没有统计表，不计入以下指标。</p>` : ''}
${s.superseded.length ? html`<p class="note">同一机关同一年度有多份报告时只计最近导入的一份；未计入：${s.superseded.map((r, i) => html`${i ? '、' : ''}<a href="/reports/${r.reportId}">${r.agency}（#${r.reportId}）</a>`)}。</p>` : ''}
<div class="export-bar">${exportLinks('导出各机关指标', files('stats'))}${exportLinks('汇总表', files('rollup'))}</div>

<section class="block metric" id="m-received">
  <div class="block-head"><h2>${METRICS.received.label}排名</h2></div>
  ${definition(METRICS.received.definition)}
  <div class="chart-row">${rankingChart(s.rankings.received.map((e) => ({ label: e.agency, value: e.value })), { label: `${METRICS.received.label}排名图` })}
  <div class="rank-wrap">${rankingTable(s.rankings.received, (e) => figure(e.value))}</div></div>
</section>

<section class="block metric" id="m-distribution">
  <div class="block-head"><h2>${METRICS.distribution.label}</h2></div>
  ${definition(METRICS.distribution.definition)}
  <div class="chart-row">${distributionChart(DISTRIBUTION_GROUPS.map((k) => ({ label: DISTRIBUTION_LABELS[k], value: totals.distribution[k].value })), { label: '区域办理结果分布图' })}
  ${stackedChart(distRows, DISTRIBUTION_GROUPS.map((k) => DISTRIBUTION_LABELS[k]), { label: '各机关办理结果分布图' })}</div>
  <div class="table-wrap"><table class="list"><thead><tr><th>机关</th>${DISTRIBUTION_GROUPS.map((k) => html`<th class="num-cell">${DISTRIBUTION_LABELS[k]}</th>`)}<th class="num-cell">${METRICS.resultTotal.label}</th></tr></thead><tbody>
  ${s.items.map((i) => html`<tr><td><a href="/reports/${i.reportId}">${i.agency}</a></td>${DISTRIBUTION_GROUPS.map((k) => html`<td class="num-cell">${figure(i.distribution[k].value)}</td>`)}<td class="num-cell">${figure(i.resultTotal)}</td></tr>`)}
  <tr class="total-row"><th>合计</th>${DISTRIBUTION_GROUPS.map((k) => html`<td class="num-cell">${figure(totals.distribution[k].value)}</td>`)}<td class="num-cell">${figure(totals.resultTotal.value)}</td></tr>
  </tbody></table></div>
</section>

<section class="block metric" id="m-open">
  <div class="block-head"><h2>${METRICS.openRate.label}排名</h2></div>
  ${definition(METRICS.openRate.definition)}
  <div class="chart-row">${rankingChart(s.rankings.openRate.map((e) => ({ label: e.agency, value: e.value })), { percent: true, label: `${METRICS.openRate.label}排名图`, color: PALETTE[1] })}
  <div class="rank-wrap">${rankingTable(s.rankings.openRate, (e) => percent(e.value), html`<th class="num-cell">分子</th><th class="num-cell">分母</th>`, rateCells('openRate'))}</div></div>
</section>

<section class="block metric" id="m-correction">
  <div class="block-head"><h2>${METRICS.correctionRate.label}排名</h2></div>
  ${definition(METRICS.correctionRate.definition)}
  <div class="chart-row">${rankingChart(s.rankings.correctionRate.map((e) => ({ label: e.agency, value: e.value })), { percent: true, label: `${METRICS.correctionRate.label}排名图`, color: PALETTE[3] })}
  <div class="rank-wrap">${rankingTable(s.rankings.correctionRate, (e) => percent(e.value), html`<th class="num-cell">分子</th><th class="num-cell">分母</th>`, rateCells('correctionRate'))}</div></div>
</section>

<section class="block" id="unpublished">
  <div class="block-head"><h2>未发布 ${year} 年度报告的机关 <span class="muted">${u.items.length} / ${u.agencies}</span></h2>${exportLinks('导出', files('unpublished'))}</div>
  ${u.items.length ? html`<div class="table-wrap"><table class="list"><thead><tr><th>机关</th><th>区域</th><th>机关类型</th><th class="num-cell">最近报告年度</th></tr></thead><tbody>
  ${u.items.map((a) => html`<tr><td><a href="/agencies/${a.agencyId}">${a.agency}</a></td><td>${a.regionPath.join(' / ')}</td><td>${ISSUER_LABEL[a.issuerType] ?? a.issuerType}</td><td class="num-cell">${a.lastYear ?? '—'}</td></tr>`)}
  </tbody></table></div>` : html`<p class="ok">区域内的机关都有 ${year} 年度的报告。</p>`}
</section>

<section class="block" id="cross-year">
  <div class="block-head"><h2>跨年度核查（X） <span class="muted">${x.items.length} 条</span></h2>${exportLinks('导出', files('cross-year'))}</div>
  <details class="defs"><summary>与同一机关上一年度的报告比较，规则 ${crossRules.map((r) => r.meta.id).join('、')}</summary><ul class="rule-list">${crossRules.map((r) => html`<li><b>${r.meta.id}</b> ${r.meta.description}</li>`)}</ul></details>
  ${x.items.length ? html`<div class="table-wrap"><table class="list"><thead><tr><th>机关</th><th>规则</th><th>严重程度</th><th>说明</th></tr></thead><tbody>
  ${x.items.map((i) => html`<tr><td><a href="/reports/${i.reportId}">${i.agency}</a></td><td>${i.finding.rule}</td><td><span class="badge badge-${i.finding.severity}">${SEVERITY_LABEL[i.finding.severity]}</span></td><td>${i.finding.message}</td></tr>`)}
  </tbody></table></div>` : html`<p class="ok">没有跨年度核查问题（或没有上一年度的报告可比）。</p>`}
</section>

<section class="block" id="trends">
  <div class="block-head"><h2>各年度趋势</h2>${exportLinks('导出', files('trends'))}</div>
  <div class="chart-row">${countsByYear(t.years.map((y) => y.year), [
    { name: METRICS.received.label, values: t.years.map((y) => y.received.value) },
    { name: METRICS.resultTotal.label, values: t.years.map((y) => y.resultTotal.value) },
  ], { label: '各年度收到申请数和办理结果总数', width: 560 })}
  ${ratesByYear(t.years.map((y) => y.year), [
    { name: METRICS.openRate.label, values: t.years.map((y) => y.openRate.value) },
    { name: METRICS.correctionRate.label, values: t.years.map((y) => y.correctionRate.value) },
  ], { label: '各年度公开率和纠错率', width: 560 })}</div>
  <div class="table-wrap"><table class="list"><thead><tr><th>年度</th><th class="num-cell">报告机关数</th><th class="num-cell">${METRICS.received.label}</th><th class="num-cell">${METRICS.resultTotal.label}</th><th class="num-cell">${METRICS.openRate.label}</th><th class="num-cell">${METRICS.correctionRate.label}</th></tr></thead><tbody>
  ${t.years.map((y) => html`<tr><td><a href="/regions/${regionId}?year=${y.year}">${y.year}</a></td><td class="num-cell">${y.reporting}</td><td class="num-cell">${figure(y.received.value)}</td><td class="num-cell">${figure(y.resultTotal.value)}</td><td class="num-cell">${percent(y.openRate.value)}</td><td class="num-cell">${percent(y.correctionRate.value)}</td></tr>`)}
  </tbody></table></div>
</section>`;
  const manages = auth.user.role === 'admin' || auth.user.role === 'supervisor';
  return page({ title, section: 'regions', crumbs, auth, scripts: manages ? ['summary-draft.js'] : [] }, html`${content}${manages ? summaryDraftForm(regionId, year) : ''}`);
}

/** Source reports listed on the page; a province's tens of thousands are in the export. */
const SOURCES_LISTED = 500;

/** The roll-up tables: every cell summed over the region's reports, each sum traceable to its reports. */
export async function rollupPage(store: Store, auth: Auth, regionId: number, year: number): Promise<string> {
  const { head, title, crumbs } = await regionHead(store, regionId, year, 'rollup');
  const r = await rollup(store.db, regionId, year);
  const data = {
    regionId,
    year,
    // Each report's value is fetched per clicked cell (/api/regions/:id/rollup/sources): a province has millions.
    groups: r.groups.map((g) => ({
      template: g.template,
      cells: Object.fromEntries(g.cells.map((c) => [c.path, { label: cellLabel(g.template, c.path), sum: c.sum, reported: c.reported, blanks: c.blanks }])),
    })),
  };
  const groups = r.groups.map((g, k) => {
    const tables = emptyTables();
    const byPath = new Map(g.cells.map((c) => [c.path, c]));
    for (const c of g.cells) writeCell(tables, c.path, c.sum);
    const decorate = (cell: { path: string }) => {
      const c = byPath.get(cell.path);
      if (!c) return undefined;
      return {
        classes: ['has-src', ...(c.blanks ? ['some-blank'] : [])],
        title: `${c.reported} 份填报${c.blanks ? `，${c.blanks} 份空白（不计入合计）` : ''}；点击查看来源`,
        below: c.blanks ? `空白 ${c.blanks}` : undefined,
      };
    };
    return html`<section class="block rollup-group" data-group="${k}" id="group-${g.template}">
  <div class="block-head"><h2>${TEMPLATE_LABEL[g.template]}：${g.reports.length} 份报告的合计</h2></div>
  <details class="sources"><summary>来源报告（${g.reports.length} 份）</summary><ul class="plain cols">${g.reports.slice(0, SOURCES_LISTED).map((s) => html`<li><a href="/reports/${s.reportId}">${s.agency}</a> <span class="muted">${s.regionPath.join(' / ')}</span></li>`)}</ul>${g.reports.length > SOURCES_LISTED ? html`<p class="muted">只列出前 ${SOURCES_LISTED} 份；全部来源报告见“导出汇总表”。</p>` : ''}</details>
  ${statutoryTables(g.template, tables, decorate, `g${k}`)}
</section>`;
  });
  const content = html`${head}
<p class="lead">每个数字是区域内各机关报告该单元格之和；空白不计为 0，单独计数。点击数字，查看它来自哪些报告、各是多少。</p>
<p>有统计表的报告 ${r.groups.reduce((n, g) => n + g.reports.length, 0)} 份，机关 ${r.agencies} 个，已发布 ${r.reporting} 个。</p>
<div class="export-bar">${exportLinks('导出汇总表（含每份报告的明细）', [['CSV', `/api/regions/${regionId}/rollup${query({ year, format: 'csv' })}`], ['Excel', `/api/regions/${regionId}/rollup${query({ year, format: 'xlsx' })}`]])}
${exportLinks('来源报告的数据', [['CSV', `/api/reports/data${query({ regionId, year, format: 'csv' })}`], ['Excel', `/api/reports/data${query({ regionId, year, format: 'xlsx' })}`]])}</div>
${r.legacy.length ? html`<p class="note">2019 年以前格式的报告没有统计表，未计入：${r.legacy.map((s, i) => html`${i ? '、' : ''}<a href="/reports/${s.reportId}">${s.agency}</a>`)}。</p>` : ''}
${r.superseded.length ? html`<p class="note">同一机关同一年度有多份报告时只计最近导入的一份；未计入：${r.superseded.map((s, i) => html`${i ? '、' : ''}<a href="/reports/${s.reportId}">${s.agency}（#${s.reportId}）</a>`)}。</p>` : ''}
${groups.length ? groups : html`<p class="empty">区域内没有 ${year} 年度有统计表的报告。</p>`}
<aside class="drawer" id="sources-panel" hidden aria-labelledby="sources-title">
  <div class="drawer-head"><h2 id="sources-title">来源</h2><button type="button" class="btn btn-small" id="sources-close" aria-label="关闭">关闭</button></div>
  <p id="sources-cell" class="drawer-cell"></p>
  <p id="sources-sum"></p>
  <table class="list"><thead><tr><th>机关</th><th>数值</th></tr></thead><tbody id="sources-body"></tbody></table>
</aside>
${jsonScript('rollup-data', data)}`;
  return page({ title: `${title}汇总表`, section: 'regions', crumbs, scripts: ['rollup.js'], auth }, content);
}
