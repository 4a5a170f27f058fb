import { APPLICANT_COLUMNS, FEE_METHODS, LEDGER_REGISTERS, RECEIPT_CHANNELS, RESULT_ROW_KEYS } from '../../schema/ledger.ts';
import { REQUEST_ROWS } from '../../schema/requests.ts';
import type { Store } from '../../store/db.ts';
import type { Auth } from '../context.ts';
import { html, type Html } from '../html.ts';
import { exportLinks, page } from '../layout.ts';
import { options, registerBlocks } from './ledger-registers.ts';
import { mayAuthor } from './new-report.ts';

/** The results a 2021-format report counts (2019's single "other" row is still accepted by the API, not offered here). */
const RESULT_OPTIONS = RESULT_ROW_KEYS.map((key) => REQUEST_ROWS.find((r) => r.key === key)!)
  .filter((r) => (r.templates as readonly string[]).includes('2021'))
  .map((r) => ({ key: r.key, label: 'short' in r && r.short ? r.short : r.label }));

/** The agency's own users: keep the four registers, import and export, make the report. */
function ownForms(id: number, year: number): Html {
  return html`
<section class="block" id="register-block">
  <div class="block-head"><h2>登记申请</h2></div>
  <form id="register-form" class="ledger-form">
    <label>登记号 <input name="number" required maxlength="64"></label>
    <label>收到申请之日 <input name="receivedOn" type="date" required></label>
    <label>提交方式 <select name="channel" required>${options(RECEIPT_CHANNELS)}</select></label>
    <label>申请人类别 <select name="category" required>${options(APPLICANT_COLUMNS)}</select></label>
    <label>申请人 <input name="name" maxlength="200" autocomplete="off"></label>
    <label class="wide">申请内容 <input name="request" maxlength="4000"></label>
    <button type="submit" class="btn">登记</button> <button type="button" class="btn btn-small" data-cancel hidden>取消修改</button>
  </form>
</section>
<section class="block" id="result-block">
  <div class="block-head"><h2>记录办理结果</h2></div>
  <form id="result-form" class="ledger-form">
    <label>申请 <select name="record" required id="result-record"></select></label>
    <label>办理结果 <select name="result" required>${options(RESULT_OPTIONS)}</select></label>
    <label>答复日期 <input name="decidedOn" type="date" required></label>
    <label>收费方式 <select name="feeMethod"><option value="">不收费</option>${options(FEE_METHODS)}</select></label>
    <label>金额（元） <input name="feeAmount" type="number" min="0" step="0.01"></label>
    <label>缴费通知日期 <input name="feeNoticeOn" type="date"></label>
    <label>缴费日期 <input name="feePaidOn" type="date"></label>
    <button type="submit" class="btn">保存结果</button>
  </form>
</section>
<section class="block" id="applications-block">
  <div class="block-head"><h2>${LEDGER_REGISTERS[0].label}</h2>${exportLinks('导出台账', [['Excel', `/api/agencies/${id}/ledger/export`]])}</div>
  <div class="table-wrap"><table class="list" id="applications"><thead><tr><th>登记号</th><th>收到申请之日</th><th>提交方式</th><th>申请人类别</th><th>申请人</th><th>申请内容</th><th>办理结果</th><th>答复日期</th><th class="num-cell">收费（元）</th><th>操作</th></tr></thead><tbody></tbody></table></div>
  <form id="import-form" class="ledger-form">
    <label>从 Excel 导入台账 <input type="file" name="file" accept=".xlsx" required></label>
    <button type="submit" class="btn">导入</button>
    <span class="muted">列模板同导出；任何一行有误则一条也不导入。</span>
  </form>
  <p><button type="button" class="btn btn-small" id="purge">删除超过保存期限的个人信息</button> <span class="muted">按保存期限删除已办结申请的申请人姓名、联系方式、证件号码和申请内容，统计不变；不可恢复。</span></p>
</section>
${registerBlocks(year)}
<section class="block" id="report-block">
  <div class="block-head"><h2>由台账生成报告</h2></div>
  <form id="report-form" class="ledger-form">
    <label>年度 <input name="year" type="number" min="2019" max="2100" value="${year}" required></label>
    <button type="submit" class="btn">由台账生成报告</button>
    <span id="report-link"></span>
  </form>
</section>`;
}

/**
 * 台账 of an agency. Everyone who sees the agency sees the counts and the due list (numbers and
 * dates only); the registers with applicants' personal data and the forms are for the agency's own
 * clerks and admins (ledger.js draws the lists from /api/agencies/{id}/ledger/…).
 */
export async function ledgerPage(store: Store, auth: Auth, id: number, year: number): Promise<string> {
  const agency = await store.db.selectFrom('agencies').select('name').where('id', '=', id).executeTakeFirstOrThrow();
  const own = mayAuthor(auth, id);
  const content = html`
<div class="page-head" id="ledger" data-agency="${id}" data-year="${year}" data-own="${own ? '1' : '0'}">
  <h1>${agency.name} · 台账</h1>
  <p class="lead">${own ? '登记依申请公开的申请和办理结果、复议和诉讼案件、制发的规章和文件以及主动公开的数据；报告的表二、表三、表四由台账计算。' : '台账统计和到期提醒（申请人的个人信息只对本机关的用户开放）。'}</p>
</div>
<p id="ledger-status" class="muted" role="status"></p>
<section class="block" id="summary-block">
  <div class="block-head"><h2>${year} 年度台账统计</h2><form method="get" action="/agencies/${id}/ledger" class="inline-form" id="year-form"><label>年度 <input name="year" type="number" min="2019" max="2100" value="${year}" required></label><button type="submit" class="btn btn-small">查看</button></form></div>
  <table class="list" id="ledger-counts"><thead><tr>${LEDGER_REGISTERS.map((r) => html`<th class="num-cell">${r.label}</th>`)}<th class="num-cell">台账核查问题</th></tr></thead><tbody></tbody></table>
</section>
<section class="block" id="due-block">
  <div class="block-head"><h2>到期提醒 <span class="muted" id="due-counts"></span></h2>${exportLinks('导出', [['CSV', `/api/agencies/${id}/ledger/due?format=csv`], ['Excel', `/api/agencies/${id}/ledger/due?format=xlsx`]])}</div>
  <div class="table-wrap"><table class="list" id="due"><thead><tr><th>登记号</th><th>收到申请之日</th><th>申请人类别</th><th>答复期限</th><th>状态</th></tr></thead><tbody></tbody></table></div>
</section>
${own ? ownForms(id, year) : ''}`;
  return page({ title: `${agency.name}台账`, section: 'agencies', scripts: ['ledger.js', 'ledger-registers.js'], auth, crumbs: [['机关', '/agencies'], [agency.name, `/agencies/${id}`], ['台账']] }, content);
}
