import { requestsPath } from '../../schema/cells.ts';
import { REQUEST_COLUMNS } from '../../schema/requests.ts';
import { defineRule } from '../define-rule.ts';

const rule = defineRule({
  meta: {
    id: 'X-01',
    name: 'carry-over',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'series',
    basis: '由表格结构推出：本年表三第二项“上年结转”即上一年度第四项“结转下年度继续办理”（国办公开办函〔2019〕60号、〔2021〕30号附表三各列相同）',
    description: '同一机关相邻两年：本年表三“上年结转”每一列 = 上一年度“结转下年度继续办理”同一列',
    docs:
      '上一年度结转下年度继续办理的申请，就是本年度的上年结转申请，所以同一机关相邻两年的报告中，本年表三“二、上年结转政府信息公开申请数量”的每一列（自然人……总计）' +
      '应等于上一年度“四、结转下年度继续办理”的同一列。2019 格式与 2021 格式的表三列相同，这一关系在 2020→2021 的格式切换处同样适用。' +
      '两份报告都由同一办件台账生成时，不一致应为错误；但 ogi 尚无办件台账，无法知道两份报告是否都由台账生成，所以目前一律报告为警告；发现时位置记在本年度的“上年结转”格上（location.year 为本年度）。' +
      '有两列以上不等时（一格填错，其总计列也随之不等）合为一条，列出各列两年的数值，cells 为本年度不等的各格。' +
      '任一年度的对应格为空白时不报告（空白由 CELL-02 在各自的报告上报告）。上一年度为 2019 年以前的旧格式时没有表格，不比较。',
    messages: {
      mismatch: '{where}({actual})不等于{previousYear}年度报告“四、结转下年度继续办理”同一列({expected})',
      mismatchRow: '{where}有{count}列不等于{previousYear}年度报告“四、结转下年度继续办理”的同一列：{columns}',
    },
  },
  check(ctx) {
    const year = ctx.current.year!;
    const differ = REQUEST_COLUMNS.flatMap((col) => {
      const expected = ctx.cell('previous', `requests.carriedForward.${col.key}`);
      const actual = ctx.cell('current', `requests.carriedOver.${col.key}`);
      return typeof expected !== 'number' || typeof actual !== 'number' || actual === expected ? [] : [{ col, actual, expected }];
    });
    if (differ.length === 1) {
      const { col, actual, expected } = differ[0]!;
      ctx.report({
        messageId: 'mismatch',
        data: { actual, expected, previousYear: ctx.previous.year },
        location: { table: 'requests', row: 'carriedOver', column: col.key, year },
        actual,
        expected,
      });
    } else if (differ.length > 1) {
      ctx.report({
        messageId: 'mismatchRow',
        data: {
          count: differ.length,
          previousYear: ctx.previous.year,
          columns: differ.map(({ col, actual, expected }) => `“${col.label}”列本年${actual}、上年${expected}`).join('，'),
        },
        location: { table: 'requests', row: 'carriedOver', year },
        cells: differ.map(({ col }) => requestsPath('carriedOver', col.key)),
      });
    }
  },
});

export default rule;
