import { CASE_KIND_CHOICES, CASE_PENDING_LABEL, CASE_RESULT_CHOICES, documentKindChoices, figureOptions, LEDGER_REGISTERS } from '../../schema/ledger.ts';
import { html, jsonScript, type Html } from '../html.ts';

export const options = (items: readonly { key: string; label: string }[]): Html => html`${items.map((i) => html`<option value="${i.key}">${i.label}</option>`)}`;

/** 登记 adds a record; 修改 in a list reopens one in its form, which then saves it (ledger.js). */
const formButtons = html`<button type="submit" class="btn">登记</button> <button type="button" class="btn btn-small" data-cancel hidden>取消修改</button>`;

const listTable = (id: string, heads: readonly string[]): Html =>
  html`<div class="table-wrap"><table class="list" id="${id}"><thead><tr>${heads.map((h) => html`<th>${h}</th>`)}<th>操作</th></tr></thead><tbody></tbody></table></div>`;

function casesBlock(): Html {
  return html`
<section class="block" id="cases-block">
  <div class="block-head"><h2>${LEDGER_REGISTERS[1].label}</h2></div>
  <form id="case-form" class="ledger-form">
    <label>登记号 <input name="number" required maxlength="64"></label>
    <label>案件类型 <select name="kind" required>${options(CASE_KIND_CHOICES)}</select></label>
    <label>收到/立案日期 <input name="filedOn" type="date" required></label>
    <label>结果 <select name="result"><option value="">${CASE_PENDING_LABEL}</option>${options(CASE_RESULT_CHOICES)}</select></label>
    <label>审结日期 <input name="decidedOn" type="date"></label>
    ${formButtons}
  </form>
  ${listTable('cases', ['登记号', '案件类型', '收到/立案日期', '结果', '审结日期'])}
</section>`;
}

function documentsBlock(year: number): Html {
  return html`
<section class="block" id="documents-block">
  <div class="block-head"><h2>${LEDGER_REGISTERS[2].label}</h2></div>
  <form id="document-form" class="ledger-form">
    <label>文号/登记号 <input name="number" required maxlength="64"></label>
    <label>种类 <select name="kind" required>${options(documentKindChoices(year))}</select></label>
    <label class="wide">标题 <input name="title" maxlength="500"></label>
    <label>制发日期 <input name="issuedOn" type="date" required></label>
    <label>公开日期 <input name="publishedOn" type="date"></label>
    <label>废止日期 <input name="repealedOn" type="date"></label>
    ${formButtons}
  </form>
  ${listTable('documents', ['文号/登记号', '种类', '标题', '制发日期', '公开日期', '废止日期'])}
</section>`;
}

/** The item, row and column choices are the year's template's (figure-options); ledger-registers.js fills rows and columns for the chosen item. */
function figuresBlock(year: number): Html {
  const choices = figureOptions(year);
  return html`
<section class="block" id="figures-block">
  <div class="block-head"><h2>${LEDGER_REGISTERS[3].label}（${year} 年度）</h2></div>
  ${jsonScript('figure-options', choices)}
  <form id="figure-form" class="ledger-form">
    <label>项目 <select name="item" required>${options(choices.items)}</select></label>
    <label>行 <select name="row" required></select></label>
    <label>列 <select name="column" required></select></label>
    <label>数值 <input name="value" type="number" step="any" required></label>
    ${formButtons}
  </form>
  <p class="muted">表二（一）由${LEDGER_REGISTERS[2].label}计算；这里登记表二其余各项的数据。</p>
  ${listTable('figures', ['项目', '行', '列', '数值'])}
</section>`;
}

/** The cases, documents and figures registers of the agency's own users. */
export function registerBlocks(year: number): Html {
  return html`${casesBlock()}${documentsBlock(year)}${figuresBlock(year)}`;
}
