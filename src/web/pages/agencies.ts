import { agencyYears } from '../../store/analysis.ts';
import { listAgencies, type AgencyListItem } from '../../store/agencies.ts';
import { listAliases } from '../../store/agency-names.ts';
import { writeCell } from '../../schema/cells.ts';
import type { Store } from '../../store/db.ts';
import { narrativeDiff, type NarrativeDiff } from '../../store/diff.ts';
import { StoreError } from '../../store/errors.ts';
import { METRICS } from '../../store/metrics.ts';
import { regionTree, type RegionNode } from '../../store/regions.ts';
import { mayAuthor, newReportForm } from './new-report.ts';
import type { Auth } from '../context.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import type { Tables } from '../../schema/types.ts';
import { countsByYear, ratesByYear } from '../charts.ts';
import { figure, ISSUER_LABEL, percent, TEMPLATE_LABEL } from '../format.ts';
import { statutoryTables } from '../grid.ts';
import { html, query, type Html } from '../html.ts';
import { countBadge, exportLinks, page } from '../layout.ts';
import { regionOptions } from './reports.ts';

/** NAR-09 (内容雷同) calls two texts copied from this similarity on (src/check/rules/nar-09). */
const COPIED = 0.9;

/** Admins and supervisors place agencies; the others see the selects disabled. */
const mayPlace = (auth: Auth) => auth.user.role === 'admin' || auth.user.role === 'supervisor';

function regionSelect(agencyId: number, tree: readonly RegionNode[], regionId: number | null, editable: boolean): Html {
  return html`<select class="region-select" data-agency="${agencyId}" aria-label="所属区域"${editable ? '' : html` disabled`}><option value=""${regionId === null ? html` selected` : ''}>（未归属）</option>${regionOptions(tree, regionId)}</select>`;
}

function issuerSelect(agencyId: number, issuerType: string, editable: boolean): Html {
  return html`<select class="issuer-select" data-agency="${agencyId}" aria-label="机关类型"${editable ? '' : html` disabled`}>${Object.entries(ISSUER_LABEL).map(([k, l]) => html`<option value="${k}"${k === issuerType ? html` selected` : ''}>${l}</option>`)}</select>`;
}

export async function agencyListPage(store: Store, auth: Auth, q: { regionId?: number; q?: string; unassigned?: boolean }): Promise<string> {
  const tree = await regionTree(store.db, auth.scope);
  const items = await listAgencies(store.db, { regionId: q.regionId, q: q.q, unassigned: q.unassigned, scope: auth.scope });
  const filters = { regionId: q.regionId, q: q.q, unassigned: q.unassigned ? 1 : undefined };
  const content = html`
<div class="page-head">
  <h1>机关</h1>
  <p class="lead">每个机关属于区域树中的一个区域，区域汇总按它计算。在这里设置机关的区域和类型（改动立即保存）；也可以在<a href="/regions">区域汇总</a>页从 CSV 批量导入。</p>
</div>
<form class="filters" method="get" action="/agencies" data-autosubmit>
  <label>区域 <select name="regionId"><option value="">全部</option>${regionOptions(tree, q.regionId)}</select></label>
  <label>名称 <input type="search" name="q" value="${q.q ?? ''}" maxlength="100" placeholder="名称的一部分"></label>
  <label class="check"><input type="checkbox" name="unassigned" value="1"${q.unassigned ? html` checked` : ''}> 只看未归属区域的</label>
  <button type="submit" class="btn">筛选</button>
  ${Object.values(filters).some((v) => v !== undefined) ? html`<a class="btn btn-link" href="/agencies">清除筛选</a>` : ''}
</form>
<div class="list-head"><p><strong>${items.length}</strong> 个机关</p>
${exportLinks('导出', [['CSV', `/api/agencies${query({ ...filters, format: 'csv' })}`], ['Excel', `/api/agencies${query({ ...filters, format: 'xlsx' })}`]])}</div>
${items.length ? html`<div class="table-wrap"><table class="list" id="agency-list"><thead><tr><th>机关</th><th>机关类型</th><th>所属区域</th><th class="num-cell">报告</th><th>年度</th><th></th></tr></thead><tbody>
${items.map((a) => html`<tr data-agency="${a.id}"><td><a href="/agencies/${a.id}">${a.name}</a></td><td>${issuerSelect(a.id, a.issuerType, mayPlace(auth))}</td><td>${regionSelect(a.id, tree, a.regionId, mayPlace(auth))}</td>
<td class="num-cell">${a.reports}</td><td>${a.years.map((y, i) => html`${i ? '、' : ''}<a href="/reports${query({ agencyId: a.id, year: y })}">${y}</a>`)}</td><td class="save-state" aria-live="polite"></td></tr>`)}
</tbody></table></div>` : html`<p class="empty">没有符合条件的机关。</p>`}`;
  return page({ title: '机关', section: 'agencies', scripts: ['agencies.js'], auth }, content);
}

/** Rename (the old name stays an alias) and merge another agency of the scope into this one. */
function nameForms(id: number, name: string, others: readonly AgencyListItem[]): Html {
  return html`<div class="agency-names" data-agency="${id}" data-name="${name}">
  <form id="rename-form"><label>改名 <input type="text" name="name" value="${name}" maxlength="100" required aria-label="新名称"></label><button type="submit" class="btn btn-small">改名</button></form>
  ${others.length ? html`<form id="merge-form"><label>合并 <select name="from" required aria-label="并入本机关的机关"><option value="">选择另一机关…</option>${others.map((o) => html`<option value="${o.id}">${o.name}（${o.reports} 份报告${o.years.length ? `：${o.years.join('、')}` : ''}）</option>`)}</select></label><button type="submit" class="btn btn-small">并入本机关</button></form>` : ''}
  <span class="names-state" aria-live="polite"></span>
</div>`;
}

type Op = NarrativeDiff['sections'][number]['ops'][number];

/** A character-level diff (longest common subsequence) of two sentences; null when they are too long to compare. */
export function charDiff(a: string, b: string): Op[] | null {
  const x = [...a];
  const y = [...b];
  if (x.length * y.length > 250_000) return null;
  const w = y.length + 1;
  const lcs = new Uint32Array((x.length + 1) * w);
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
  }
  const out: Op[] = [];
  const push = (op: Op['op'], text: string) => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      push('equal', x[i++]!);
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) push('delete', x[i++]!);
    else push('insert', y[j++]!);
  }
  while (i < x.length) push('delete', x[i++]!);
  while (j < y.length) push('insert', y[j++]!);
  return out;
}

/**
 * Sentence ops with each replaced passage (a deletion followed by an insertion) refined to
 * characters when most of it is kept, so that "2022年" → "2023年" shows as one changed digit.
 */
export function refineOps(ops: readonly Op[]): Op[] {
  const out: Op[] = [];
  const push = (o: Op) => {
    const last = out[out.length - 1];
    if (last && last.op === o.op) last.text += o.text;
    else out.push({ ...o });
  };
  for (let k = 0; k < ops.length; k++) {
    const cur = ops[k]!;
    const next = ops[k + 1];
    if (cur.op === 'delete' && next?.op === 'insert') {
      const fine = charDiff(cur.text, next.text);
      const kept = fine?.filter((o) => o.op === 'equal').reduce((n, o) => n + o.text.length, 0) ?? 0;
      if (fine && kept >= 0.5 * Math.max(cur.text.length, next.text.length)) {
        fine.forEach(push);
        k++;
        continue;
      }
    }
    push(cur);
  }
  return out;
}

function diffBlock(d: NarrativeDiff): Html {
  return html`<div class="diff-legend"><span><del>删去</del> ${d.from.year} 年度有、${d.to.year} 年度没有</span><span><ins>新增</ins> ${d.to.year} 年度新写的</span><span>相似度（去掉空白和标点、数字视为相同）≥ ${Math.round(COPIED * 100)}% 标为“高度相似”；NAR-09 据此对第一、五部分判定“内容雷同”</span></div>
${d.sections.map((s) => html`<section class="diff-section" data-section="${s.key}">
<h3>${s.heading} ${s.similarity === null ? html`<span class="sim muted">一方缺少此部分</span>` : html`<span class="sim${s.similarity >= COPIED ? ' sim-high' : ''}">相似度 ${Math.round(s.similarity * 100)}%${s.similarity >= COPIED ? ' · 高度相似' : ''}</span>`}</h3>
<div class="diff">${s.ops.length ? refineOps(s.ops).map((o) => (o.op === 'equal' ? html`<span class="eq">${o.text}</span>` : o.op === 'delete' ? html`<del>${o.text}</del>` : html`<ins>${o.text}</ins>`)) : html`<span class="muted">两年均无内容</span>`}</div>
</section>`)}`;
}

const int = (v: string | undefined) => (v && /^\d{4}$/.test(v) ? Number(v) : undefined);

/** One agency: its years side by side (tables with the change from the year compared with) and the narrative diff. */
export async function agencyPage(store: Store, auth: Auth, id: number, q: { from?: string; to?: string }): Promise<string> {
  const db = store.db;
  const y = await agencyYears(db, id);
  const aliases = await listAliases(db, id);
  const others = mayPlace(auth) ? (await listAgencies(db, { scope: auth.scope })).filter((x) => x.id !== id) : [];
  const tree = await regionTree(db, auth.scope);
  const a = y.agency;
  const years = y.years.map((x) => x.year);
  let to = int(q.to);
  if (to === undefined || !years.includes(to)) to = years[years.length - 1];
  let from = int(q.from);
  if (from === undefined || !years.includes(from) || from === to) from = years.filter((x) => to !== undefined && x < to).pop() ?? years.find((x) => x !== to);
  const ti = to === undefined ? -1 : years.indexOf(to);
  const fi = from === undefined ? -1 : years.indexOf(from);
  const toYear = ti >= 0 ? y.years[ti]! : undefined;

  let tablesBlock: Html = html`<p class="muted">没有报告。</p>`;
  if (toYear && (toYear.template === '2019' || toYear.template === '2021')) {
    const template = toYear.template as TableTemplate;
    const tables: Tables = { active: {}, requests: {}, review: {} };
    const before = new Map<string, number | null>();
    for (const c of y.cells) {
      if (!c.templates.includes(template)) continue;
      writeCell(tables, c.path, c.values[ti] ?? null);
      if (fi >= 0) before.set(c.path, c.values[fi] ?? null);
    }
    const fromTemplate = fi >= 0 ? y.years[fi]!.template : null;
    const decorate = fi < 0 ? undefined : (cell: { path: string; value?: number | null }) => {
      const now = cell.value ?? null;
      const cellDef = y.cells.find((c) => c.path === cell.path);
      const had = fromTemplate !== null && cellDef?.templates.includes(fromTemplate as TableTemplate);
      if (!had) return { below: html`<span class="muted">${from}：无此格</span>` };
      const old = before.get(cell.path) ?? null;
      if (now === null || old === null) return old === now ? { title: `${from} 年度同为空白` } : { below: html`<span>${from}：${old ?? '空白'}</span>`, classes: ['delta'] };
      const d = Math.round((now - old) * 10000) / 10000;
      if (d === 0) return { title: `${from} 年度同为 ${old}` };
      return {
        classes: ['delta', d > 0 ? 'up' : 'down'],
        title: `${from} 年度：${old}；${to} 年度：${now}`,
        below: html`<span>${from}：${old}</span> <b>${d > 0 ? `+${d}` : d}</b>`,
      };
    };
    tablesBlock = html`${fromTemplate && fromTemplate !== template ? html`<p class="note">${from} 年度为${TEMPLATE_LABEL[fromTemplate]}，${to} 年度为${TEMPLATE_LABEL[template]}：格式不同的单元格无法对照。</p>` : ''}
${statutoryTables(template, tables, decorate, 'yoy')}`;
  } else if (toYear) {
    tablesBlock = html`<p class="muted">${to} 年度的报告是 2019 年以前格式，没有法定统计表。</p>`;
  }

  let diff: Html;
  if (from !== undefined && to !== undefined) {
    try {
      const [a1, b1] = from < to ? [from, to] : [to, from];
      diff = diffBlock(await narrativeDiff(db, id, { from: a1, to: b1 }));
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      diff = html`<p class="muted">${err.message}</p>`;
    }
  } else {
    diff = html`<p class="muted">需要两个年度的报告才能比较正文（现有：${years.join('、') || '无'}）。</p>`;
  }

  const yearSelect = (name: string, selected: number | undefined) =>
    html`<select name="${name}">${years.map((x) => html`<option value="${x}"${x === selected ? html` selected` : ''}>${x} 年度</option>`)}</select>`;

  const metricsRows = y.years.map((x) => html`<tr${x.year === to ? html` class="current-row"` : ''}><td><a href="/reports/${x.reportId}">${x.year} 年度</a></td><td>${TEMPLATE_LABEL[x.template] ?? x.template}</td>
<td class="num-cell">${x.errors ? html`<span class="count count-error">${x.errors}</span>` : '0'}</td><td class="num-cell">${x.warnings ? html`<span class="count count-warning">${x.warnings}</span>` : '0'}</td>
<td class="num-cell">${figure(x.metrics?.received)}</td><td class="num-cell">${figure(x.metrics?.resultTotal)}</td><td class="num-cell">${percent(x.metrics?.openRate.value)}</td><td class="num-cell">${percent(x.metrics?.correctionRate.value)}</td></tr>`);

  const content = html`
<div class="page-head">
  <div class="title-row"><h1>${a.name}</h1><div class="badges">${y.years.length ? countBadge('error', y.years.reduce((n, x) => n + x.errors, 0), '错误') : ''}${y.years.length ? countBadge('warning', y.years.reduce((n, x) => n + x.warnings, 0), '警告') : ''}</div></div>
  <div class="agency-settings" data-agency="${a.id}">
    <label>所属区域 ${regionSelect(a.id, tree, a.regionId, mayPlace(auth))}</label>
    <label>机关类型 ${issuerSelect(a.id, a.issuerType, mayPlace(auth))}</label>
    <span class="save-state" aria-live="polite"></span>
  </div>
  <p class="aliases" id="agency-aliases">${aliases.length ? html`曾用名：${aliases.map((n, i) => html`${i ? '、' : ''}<span class="alias">${n}</span>`)}` : html`<span class="muted">没有曾用名</span>`}</p>
  ${mayPlace(auth) ? nameForms(a.id, a.name, others) : ''}
  ${mayAuthor(auth, a.id) ? newReportForm(a.id, a.name) : ''}
  <p class="ledger-link"><a href="/agencies/${a.id}/ledger">${mayAuthor(auth, a.id) ? '台账（登记申请、到期提醒、由台账生成报告）' : '台账统计和到期提醒'}</a></p>
</div>
<section class="block">
  <div class="block-head"><h2>各年度概况</h2>${exportLinks('逐格对照（全部年度）', [['CSV', `/api/agencies/${a.id}/years?format=csv`], ['Excel', `/api/agencies/${a.id}/years?format=xlsx`]])}</div>
  ${y.years.length ? html`<div class="table-wrap"><table class="list" id="agency-years"><thead><tr><th>年度</th><th>格式</th><th class="num-cell">错误</th><th class="num-cell">警告</th><th class="num-cell">${METRICS.received.label}</th><th class="num-cell">${METRICS.resultTotal.label}</th><th class="num-cell">${METRICS.openRate.label}</th><th class="num-cell">${METRICS.correctionRate.label}</th></tr></thead><tbody>${metricsRows}</tbody></table></div>
  ${y.years.length > 1 ? html`<div class="chart-row">${countsByYear(years, [
    { name: METRICS.received.label, values: y.years.map((x) => x.metrics?.received ?? null) },
    { name: METRICS.resultTotal.label, values: y.years.map((x) => x.metrics?.resultTotal ?? null) },
  ], { label: `${a.name}各年度收到申请数和办理结果总数` })}${ratesByYear(years, [
    { name: METRICS.openRate.label, values: y.years.map((x) => x.metrics?.openRate.value ?? null) },
    { name: METRICS.correctionRate.label, values: y.years.map((x) => x.metrics?.correctionRate.value ?? null) },
  ], { label: `${a.name}各年度公开率和纠错率` })}</div>` : ''}
  <details class="defs"><summary>指标定义</summary>${[METRICS.received, METRICS.resultTotal, METRICS.openRate, METRICS.correctionRate].map((m) => html`<p class="definition"><span class="def-label">${m.label}</span>${m.definition}</p>`)}</details>
  ${y.superseded.length ? html`<p class="note">同一年度有多份报告时用最近导入的一份；未用：${y.superseded.map((rid, i) => html`${i ? '、' : ''}<a href="/reports/${rid}">#${rid}</a>`)}。</p>` : ''}` : html`<p class="muted">这个机关还没有报告。</p>`}
</section>
${years.length ? html`<form class="filters compare-form" method="get" action="/agencies/${a.id}" data-autosubmit>
  <strong>对照</strong><label>${yearSelect('to', to)}</label><span>与</span><label>${yearSelect('from', from)}</label><span class="muted">比较</span><noscript><button class="btn">比较</button></noscript>
</form>` : ''}
<section class="block" id="yoy">
  <div class="block-head"><h2>统计表逐年对照 ${to !== undefined ? html`<span class="muted">${to} 年度${from !== undefined && from !== to ? `，与 ${from} 年度比较` : ''}</span>` : ''}</h2></div>
  ${years.length === 1 ? html`<p class="note">只有一个年度的报告，没有可比较的年度。</p>` : ''}
  ${tablesBlock}
</section>
<section class="block" id="narrative">
  <div class="block-head"><h2>正文比较（内容雷同）</h2></div>
  ${diff}
</section>`;
  return page({ title: a.name, section: 'agencies', scripts: ['agencies.js', 'new-report.js'], auth, crumbs: [['机关', '/agencies'], [a.name]] }, content);
}
