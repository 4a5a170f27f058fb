import { placePath, requestRowPaths, requestsPath } from '../../schema/cells.ts';
import { placeNameInTable } from '../../schema/places.ts';
import { DIGIT_RUN_NOTES } from '../../schema/notes.ts';
import { REQUEST_COLUMNS, REQUEST_COLUMN_KEYS, requestRows } from '../../schema/requests.ts';
import type { TableTemplate } from '../../schema/templates.ts';
import { defineRule } from '../define-rule.ts';
import { printedCells } from '../reading.ts';
import { ONE_BY_ONE } from '../grouping.ts';

const WIDTH = REQUEST_COLUMNS.length;
const COLUMN_LIST = REQUEST_COLUMNS.map((c) => c.label).join('、');


// A row whose printed cells could not be told apart (digit runs) is a reading problem, not a missing column.
const rule = defineRule({
  meta: {
    id: 'TPL-08',
    name: 'requests-columns',
    severity: 'error',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2019〕60号、〔2021〕30号附表“三、收到和处理政府信息公开申请情况”的申请人情况栏',
    description: '表三每行恰有7列数值：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计',
    docs:
      '表三的“申请人情况”栏有7列：自然人；法人或其他组织下的商业企业、科研机构、社会公益组织、法律服务机构、其他；总计。' +
      '读取文档时按每行印出的数值单元格数判断：所有已读出的行都少于7列且列数相同，说明整张表缺列，报告错误；只有个别行少列，' +
      '多半是转换时丢了空白单元格，给出警告（能由勾稽关系唯一确定各值位置时按位置读取，否则该行记为空白）。某行多于7个单元格（制表符版式中合并单元格造成的错位很常见），' +
      '读取时已按位置取7个，仅作提示，不算表式错误；这样的行超过3行时合为一条提示，列出前3行。连写数字无法拆分的行属读取问题，不在此报告。' +
      '表头列名未逐一读取，列的先后顺序无法从文本核对，本规则不作判断。报告来自 JSON 数据时，核对每行数组是否恰为7个元素。',
    messages: {
      narrow: '表三每行只有{count}列数值，法定格式为7列（{columns}）',
      shortRow: '{where}只印有{count}个数值单元格，法定格式为7列（{columns}）',
      surplus: '{where}印有{count}个数值单元格，多于法定的7列；已按位置读取其中7个，其余不计',
      surplusRows: '表三有{rows}行印有多于法定7列的数值单元格（{names}等）；已按位置读取各行的7个，其余不计',
      width: '{where}的数据有{count}个数值，法定格式为7列（{columns}）',
    },
  },
  check(ctx) {
    const doc = ctx.doc;
    const rows = requestRows(doc.template as TableTemplate);
    const structure = doc.structure;
    if (!structure) {
      for (const row of rows) {
        const cells = doc.tables.requests[row.key];
        if (!cells || cells.length === WIDTH) continue;
        ctx.report({ messageId: 'width', data: { count: cells.length, columns: COLUMN_LIST }, location: { table: 'requests', row: row.key }, span: null, actual: cells.length, expected: WIDTH });
      }
      return;
    }
    if (doc.notes.some((n) => n.code === 'table-missing' && n.path === 'requests')) return;
    const unreadable = new Set(doc.notes.filter((n) => DIGIT_RUN_NOTES.includes(n.code)).map((n) => n.path));
    const printed = rows.filter((r) => structure.labels[placePath({ table: 'requests', row: r.key })] && !unreadable.has(placePath({ table: 'requests', row: r.key })));
    const short = printed
      .map((r) => ({ row: r, count: printedCells(doc.notes, placePath({ table: 'requests', row: r.key })) ?? REQUEST_COLUMN_KEYS.filter((c) => doc.provenance[requestsPath(r.key, c)]).length }))
      .filter((x) => x.count < WIDTH);
    // A row ogi could not place (its blank cells vanished in the text) is a reading matter: info.
    const unreadRow = (key: string) => REQUEST_COLUMN_KEYS.some((c) => ctx.unread(requestsPath(key, c)));
    if (short.length > 0 && short.length === printed.length && short.every((x) => x.count === short[0]!.count)) {
      ctx.report({
        messageId: 'narrow',
        ...(short.some((x) => unreadRow(x.row.key)) ? { severity: 'info' as const } : {}),
        data: { count: short[0]!.count, columns: COLUMN_LIST },
        location: { table: 'requests' },
        span: structure.labels['requests.note'] ?? structure.labels[placePath({ table: 'requests', row: printed[0]!.key })] ?? null,
        actual: short[0]!.count,
        expected: WIDTH,
        notes: short.map((x) => ({ code: 'row-short' as const, path: placePath({ table: 'requests', row: x.row.key }) })),
      });
    } else {
      for (const x of short) {
        ctx.report({
          messageId: 'shortRow',
          severity: unreadRow(x.row.key) ? 'info' : 'warning',
          data: { count: x.count, columns: COLUMN_LIST },
          location: { table: 'requests', row: x.row.key },
          span: structure.labels[placePath({ table: 'requests', row: x.row.key })] ?? null,
          actual: x.count,
          expected: WIDTH,
          notes: [{ code: 'row-short', path: placePath({ table: 'requests', row: x.row.key }) }],
        });
      }
    }
    const surplus = doc.notes
      .filter((n) => n.code === 'row-surplus-cells' && n.path?.startsWith('requests.'))
      .map((note) => ({ note, path: note.path!, key: note.path!.slice('requests.'.length) }));
    if (surplus.length > ONE_BY_ONE) {
      ctx.report({
        messageId: 'surplusRows',
        severity: 'info',
        data: { rows: surplus.length, names: surplus.slice(0, ONE_BY_ONE).map(({ key }) => placeNameInTable({ table: 'requests', row: key }, doc.template)).join('、') },
        location: { table: 'requests' },
        span: structure.labels[surplus[0]!.path] ?? null,
        expected: WIDTH,
        notes: surplus.map(({ path }) => ({ code: 'row-surplus-cells' as const, path })),
        cells: surplus.flatMap(({ key }) => requestRowPaths(key)),
      });
      return;
    }
    for (const { note, path, key } of surplus) {
      const count = typeof note.actual === 'number' ? note.actual : NaN;
      ctx.report({
        messageId: 'surplus',
        severity: 'info',
        data: { count: Number.isNaN(count) ? '多于7' : count },
        location: { table: 'requests', row: key },
        span: structure.labels[path] ?? null,
        actual: Number.isNaN(count) ? null : count,
        expected: WIDTH,
        notes: [{ code: 'row-surplus-cells', path }],
      });
    }
  },
});

export default rule;
