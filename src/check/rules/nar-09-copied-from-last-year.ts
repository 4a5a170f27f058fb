import { REQUEST_COLUMN_KEYS, requestRows } from '../../schema/requests.ts';
import { REVIEW_COLUMN_KEYS, REVIEW_GROUP_KEYS } from '../../schema/review.ts';
import { TEMPLATE_DEFS, type TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { similarity } from '../../extract/narrative/index.ts';
import type { CheckableReport } from '../types.ts';

const THRESHOLD = 0.9;
/** Shorter texts ("无", two stock sentences) are alike without being copied. */
const MIN_LENGTH = 100;
/** Stock columns of 二 that legitimately repeat when nothing changed (上一年项目数量, 对外公开总数量, 现行有效件数). */
const STOCK = new Set(['lastYear', 'publishedTotal', 'inForce']);
/** Identical tables count as copied only with this many rows carrying a non-zero flow figure. */
const MIN_ROWS = 4;

interface TableFacts {
  cells: (number | null | undefined)[];
  /** Rows with a non-zero figure of the year (flows, not stocks; not the derived （七）总计). */
  busyRows: number;
}

function facts(report: CheckableReport, template: TableTemplate): TableFacts {
  const cells: (number | null | undefined)[] = [];
  let busyRows = 0;
  for (const item of TEMPLATE_DEFS[template].active) {
    for (const row of item.rows) {
      let busy = false;
      for (const col of item.columns) {
        const v = report.tables.active[item.key]?.[row.key]?.[col.key];
        cells.push(v);
        if (!STOCK.has(col.key) && typeof v === 'number' && v !== 0) busy = true;
      }
      if (busy) busyRows++;
    }
  }
  for (const row of requestRows(template)) {
    const values = report.tables.requests[row.key];
    for (let i = 0; i < REQUEST_COLUMN_KEYS.length; i++) cells.push(values?.[i]);
    if (row.key !== 'resultTotal' && values?.some((v) => typeof v === 'number' && v !== 0)) busyRows++;
  }
  for (const g of REVIEW_GROUP_KEYS) {
    const values = report.tables.review[g];
    for (let i = 0; i < REVIEW_COLUMN_KEYS.length; i++) cells.push(values?.[i]);
    if (values?.some((v) => typeof v === 'number' && v !== 0)) busyRows++;
  }
  return { cells, busyRows };
}

const yearOf = (r: CheckableReport) => (r.year !== null ? { year: r.year } : {});

const rule = defineRule({
  meta: {
    id: 'NAR-09',
    name: 'copied-from-last-year',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'series',
    basis: '国办公开办函〔2021〕30号（四）明确责任：出现“内容雷同、敷衍塞责”等问题并造成不良后果的，依条例第四十七条追究责任',
    description: '与同一机关上一年度报告“内容雷同”：第一部分或第五部分正文相似度达90%，或三张统计表完全相同',
    docs:
      '比较同一机关相邻两个年度的报告。正文比较第一部分“总体情况”和第五部分“存在的主要问题及改进情况”：去掉空白和标点，把所有数字视为相同' +
      '（照抄时通常只改年份和个别数字），计算字符二元组的 Dice 相似度，达到 0.9 即报告；任一年的该部分不足100字时不比较（“无”或两三句套话本来就相似）。' +
      '统计表比较：两年格式相同（2020到2021年格式切换时表二口径不同，不比较），表二、表三、表四每一格都相同，而且至少有4行填有本年发生的非零数字' +
      '（不计“上一年项目数量”“对外公开总数量”“现行有效件数”这些存量，也不计（七）总计）时报告。全为0或只有一两行数字的表格两年相同很常见（没有收到申请的机关），不据此报告。',
    messages: {
      text: '{section}与{previousYear}年度报告的相似度为{similarity}%（{length}字），疑似照搬上年内容（内容雷同）',
      tables: '表二、表三、表四与{previousYear}年度报告逐格相同（{rows}行填有非零数字），疑似照搬上年数据（内容雷同）',
    },
  },
  check(ctx) {
    const { previous, current } = ctx;
    for (const [key, name] of [['overview', '第一部分“总体情况”'], ['problems', '第五部分“存在的主要问题及改进情况”']] as const) {
      const a = previous.sections[key];
      const b = current.sections[key];
      if (!a || !b) continue;
      const length = b.replace(/\s+/g, '').length;
      if (a.replace(/\s+/g, '').length < MIN_LENGTH || length < MIN_LENGTH) continue;
      const s = similarity(a, b);
      if (s < THRESHOLD) continue;
      ctx.report({
        messageId: 'text',
        data: { section: name, previousYear: previous.year, similarity: Math.floor(s * 1000) / 10, length },
        location: { section: key, ...yearOf(current) },
        span: null,
        actual: Math.floor(s * 1000) / 1000,
      });
    }
    if (previous.template !== current.template || current.template === 'legacy') return;
    const template = current.template;
    const a = facts(previous, template);
    const b = facts(current, template);
    if (b.busyRows < MIN_ROWS) return;
    if (a.cells.length !== b.cells.length || a.cells.some((v, i) => v === undefined || v === null || v !== b.cells[i])) return;
    ctx.report({ messageId: 'tables', data: { previousYear: previous.year, rows: b.busyRows }, location: { table: 'requests', ...yearOf(current) }, span: null });
  },
});

export default rule;
