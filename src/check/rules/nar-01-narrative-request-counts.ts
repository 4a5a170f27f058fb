import { requestsPath } from '../../schema/cells.ts';
import { REQUEST_ROWS, type RequestRowKey } from '../../schema/requests.ts';
import { defineRule } from '../define-rule.ts';
import { placeName, spanOf, statements, type StatementKind } from '../../extract/narrative/index.ts';

const ROW: Partial<Record<StatementKind, { row: RequestRowKey; what: string }>> = {
  received: { row: 'newReceived', what: '本年新收政府信息公开申请' },
  carriedOver: { row: 'carriedOver', what: '上年结转政府信息公开申请' },
  concluded: { row: 'resultTotal', what: '办结（答复）政府信息公开申请' },
  carriedForward: { row: 'carriedForward', what: '结转下年度继续办理的申请' },
};
const label = (key: RequestRowKey) => {
  const r = REQUEST_ROWS.find((x) => x.key === key)!;
  return 'short' in r && r.short ? r.short : r.label;
};

const rule = defineRule({
  meta: {
    id: 'NAR-01',
    name: 'narrative-request-counts',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2021〕30号（四）明确责任：年度报告“发布内容不准确不全面”应追究责任；正文与表三应一致',
    description: '正文所述本年新收、上年结转、办结、结转下年度的申请件数与表三一致',
    docs:
      '从正文（各部分及前言）中读取“共收到（新收、受理）政府信息公开申请N件”“上年结转N件”“办结（办理完毕、答复）N件”“结转下年度N件”，' +
      '分别与表三“一、本年新收”“二、上年结转”“（七）总计”“四、结转下年度继续办理”各行的总计列比较，不一致时提示。' +
      '只比较以这些词语为锚、紧随其后的确数：约数（30余件、近百件、约、左右、以上）、按渠道或申请人分列的件数（网上申请3件、自然人申请10件）、' +
      '带“各”“每”的说法（如“共收到和办理邮寄方式、网上依申请公开事项各1件”，实为两件）和其他事项的件数（建议、提案、留言、政民互动办件）一律不比较。' +
      '“受理”有时包含上年结转的申请（“共受理申请105件（含上年结转3件）”），因此正文写明“含上年结转”且件数等于本年新收与上年结转之和时也视为一致；' +
      '没有写明时（如“本年新收75件”）只与“一、本年新收”比较。' +
      '“办结”有时只说本年新收申请中办结的件数（“收到申请15件，已办结13件”），因此有上年结转时，办结件数在（七）总计减去上年结转与（七）总计之间也视为一致。表格单元格为空白时不比较（由 CELL-02 报告）。' +
      '定位的 span 是该部分正文（location.section 指明的 sections 文本或前言）内的字符偏移。',
    messages: {
      mismatch: '{place}称{what}{narrative}件，表三“{row}”行“总计”列为{table}件，二者不一致',
    },
  },
  check(ctx) {
    for (const st of statements(ctx.doc, 'received', 'carriedOver', 'concluded', 'carriedForward')) {
      if (!st.exact) continue;
      const { row, what } = ROW[st.kind]!;
      const table = ctx.cell(requestsPath(row, 'total'));
      if (table === undefined || table === null || table === st.value) continue;
      const over = ctx.cell(requestsPath('carriedOver', 'total'));
      if (typeof over === 'number' && over > 0) {
        // A received count includes the carried-over applications only when the text says so
        // ("共受理申请14件（含上年结转2件）"); 办结 may count only this year's.
        if (st.kind === 'received' && st.includesCarriedOver && st.value === table + over) continue;
        if (st.kind === 'concluded' && st.value < table && st.value >= table - over) continue;
      }
      ctx.report({
        messageId: 'mismatch',
        data: { place: placeName(st.section), what, narrative: st.value, row: label(row), table },
        location: { section: st.section },
        span: spanOf(st, ctx.doc),
        actual: st.value,
        expected: table,
      });
    }
  },
});

export default rule;
