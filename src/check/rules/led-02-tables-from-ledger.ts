import { cellList, parsePath, readCell } from '../../schema/cells.ts';
import { defineRule } from '../define-rule.ts';

const rule = defineRule({
  meta: {
    id: 'LED-02',
    name: 'tables-from-ledger',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'ledger',
    basis: '国办公开办函〔2019〕60号、〔2021〕30号附表三“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”；台账是报告数字的来源',
    description: '发布的报告表二、三、四与同一年度台账计算出的数字一致',
    docs:
      '由台账计算表格：表三“本年新收”= 本年收到的申请；“上年结转”= 本年以前收到、1月1日尚未办结的申请；各办理结果 = 本年答复的申请按结果分类；' +
      '“结转下年度继续办理”= 12月31日尚未办结的申请；各列按申请人类别计数。表四计本年立案的行政复议、行政诉讼案件，按12月31日的结果计入各列（尚未审结的计入“尚未审结”）；' +
      '格式未说明以前年度立案、本年审结的案件是否再计，ogi 不再计入。表二第二十条第（一）项由规章和规范性文件台账计算，其余各格取台账中记录的该年度数字，台账没有记录的格不比较。' +
      '已发布报告中任何一格与台账计算的数不同（包括空白），即报告错误：要么报告抄错，要么台账不全。',
    messages: {
      mismatch: '{where}：发布的报告为 {actual}，台账计算为 {expected}',
    },
  },
  check(ctx) {
    const published = ctx.published;
    if (!published || published.template !== ctx.template) return;
    for (const def of cellList(ctx.template)) {
      const expected = readCell(ctx.derived.tables, def.path) ?? null;
      if (expected === null) continue;
      const actual = readCell(published.tables, def.path) ?? null;
      if (actual === expected) continue;
      const p = parsePath(def.path);
      ctx.report({
        messageId: 'mismatch',
        data: { actual, expected },
        location: { table: def.table, ...(p.item ? { item: p.item } : {}), row: def.row, column: def.column },
        actual,
        expected,
      });
    }
  },
});

export default rule;
