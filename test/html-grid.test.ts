import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { load } from 'cheerio';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { extractSource } from '../src/extract/index.ts';
import type { Block } from '../src/ingest/blocks.ts';
import { readDocx } from '../src/ingest/docx.ts';
import { readHtml } from '../src/ingest/html.ts';
import { readSource } from '../src/ingest/read-file.ts';

/**
 * Tables with merged cells: data cells line up with their header by grid position.
 * The case is a Shanghai government page (table 二, 2019 template): the header prints
 * 本年新公开数量 across two grid columns and so do the numbers under it, so that the
 * grid held 规章 | 13 | 13 | (空) | 524 and 对外公开总数量 was read as blank.
 */

const dir = new URL('./fixtures/formats/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'ogi-html-grid-'));
const fixture = (name: string) => readFileSync(join(dir, name), 'utf8');
const expected = (name: string) => JSON.parse(fixture(`${name}.expected.json`));

type Printed = string | number | [string | number, number];
const tr = (...cells: Printed[]) =>
  `<tr>${cells.map((c) => (Array.isArray(c) ? `<td colspan="${c[1]}">${c[0]}</td>` : `<td>${c}</td>`)).join('')}</tr>`;
const caption = (text: string) => tr([text, 5]);

interface Active2019 {
  art20_1: Record<'rules' | 'normativeDocs', { madeThisYear: number; publishedThisYear: number; publishedTotal: number }>;
  art20_5: Record<'licensing' | 'otherServices', { lastYear: number; change: number; decisions: number }>;
  art20_6: Record<'penalty' | 'coercion', { lastYear: number; change: number; decisions: number }>;
  art20_8: { fees: { lastYear: number; change: number } };
  art20_9: { procurement: { projects: number; amount: number } };
}

/**
 * Table 二 of the 2019 template as the Shanghai page prints it, five grid columns:
 * 本年新公开数量 spans two in item (一), 上一年项目数量 spans two in items (五) and (六),
 * every statutory column spans two in items (八) and (九). `amount` is the printed 采购总金额.
 */
function active2019(a: Active2019, amount: string): string {
  const item = (label: string, v: { lastYear: number; change: number; decisions: number }) => tr(label, [v.lastYear, 2], v.change, v.decisions);
  return [
    '<table class="active">',
    caption('第二十条第（一）项'),
    tr('信息内容', '本年新制作数量', ['本年新公开数量', 2], '对外公开总数量'),
    tr('规章', a.art20_1.rules.madeThisYear, [a.art20_1.rules.publishedThisYear, 2], a.art20_1.rules.publishedTotal),
    tr('规范性文件', a.art20_1.normativeDocs.madeThisYear, [a.art20_1.normativeDocs.publishedThisYear, 2], a.art20_1.normativeDocs.publishedTotal),
    caption('第二十条第（五）项'),
    tr('信息内容', ['上一年项目数量', 2], '本年增/减', '处理决定数量'),
    item('行政许可', a.art20_5.licensing),
    item('其他对外管理服务事项', a.art20_5.otherServices),
    caption('第二十条第（六）项'),
    tr('信息内容', ['上一年项目数量', 2], '本年增/减', '处理决定数量'),
    item('行政处罚', a.art20_6.penalty),
    item('行政强制', a.art20_6.coercion),
    caption('第二十条第（八）项'),
    tr('信息内容', ['上一年项目数量', 2], ['本年增/减', 2]),
    tr('行政事业性收费', [a.art20_8.fees.lastYear, 2], [a.art20_8.fees.change, 2]),
    caption('第二十条第（九）项'),
    tr('信息内容', ['采购项目数量', 2], ['采购总金额', 2]),
    tr('政府集中采购', [a.art20_9.procurement.projects, 2], [amount, 2]),
    '</table>',
  ].join('\n');
}

interface Active2021 {
  art20_1: Record<'rules' | 'normativeDocs', { issued: number; repealed: number; inForce: number }>;
  art20_5: { licensing: { decisions: number } };
  art20_6: Record<'penalty' | 'coercion', { decisions: number }>;
  art20_8: { fees: { amount: number } };
}

/** Table 二 of the 2021 template, five grid columns: 本年废止件数 spans two, the one-column items span four. */
function active2021(a: Active2021): string {
  return [
    '<table class="active">',
    caption('第二十条第（一）项'),
    tr('信息内容', '本年制发件数', ['本年废止件数', 2], '现行有效件数'),
    tr('规章', a.art20_1.rules.issued, [a.art20_1.rules.repealed, 2], a.art20_1.rules.inForce),
    tr('行政规范性文件', a.art20_1.normativeDocs.issued, [a.art20_1.normativeDocs.repealed, 2], a.art20_1.normativeDocs.inForce),
    caption('第二十条第（五）项'),
    tr('信息内容', ['本年处理决定数量', 4]),
    tr('行政许可', [a.art20_5.licensing.decisions, 4]),
    caption('第二十条第（六）项'),
    tr('信息内容', ['本年处理决定数量', 4]),
    tr('行政处罚', [a.art20_6.penalty.decisions, 4]),
    tr('行政强制', [a.art20_6.coercion.decisions, 4]),
    caption('第二十条第（八）项'),
    tr('信息内容', ['本年收费金额（单位：万元）', 4]),
    tr('行政事业性收费', [a.art20_8.fees.amount, 4]),
    '</table>',
  ].join('\n');
}

/** The fixture page (a report rendered by ogi) with its table 二 replaced. */
const withActive = (name: string, table: string) => fixture(`${name}.html`).replace(/<table class="active">[\s\S]*?<\/table>/, table);

function write(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

const read = async (path: string) => extractSource(await readSource(path));

/** The same page as a Word file, its merged cells as gridSpan and vMerge (the `docx` package writes them). */
async function asDocx(html: string): Promise<Buffer> {
  const $ = load(html);
  const children: (Paragraph | Table)[] = [];
  $('body').find('h1, h2, p, table').each((_, el) => {
    if ($(el).parents('table').length) return;
    if (el.tagName !== 'table') {
      children.push(new Paragraph($(el).text()));
      return;
    }
    const rows = $(el).find('tr').toArray().map((row) => new TableRow({
      children: $(row).children('td, th').toArray().map((td) => {
        const colspan = Number($(td).attr('colspan') ?? 1);
        const rowspan = Number($(td).attr('rowspan') ?? 1);
        return new TableCell({
          children: [new Paragraph($(td).text())],
          ...(colspan > 1 ? { columnSpan: colspan } : {}),
          ...(rowspan > 1 ? { rowSpan: rowspan } : {}),
        });
      }),
    }));
    children.push(new Table({ rows }));
  });
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** Rows of each table of the blocks, as text. */
const tableTexts = (blocks: readonly Block[]) => blocks.flatMap((b) => (b.kind === 'table' ? [b.rows.map((r) => r.map((c) => c.text))] : []));
const htmlTables = (body: string) => tableTexts(readHtml(`<html><body><h1>表</h1>${body}</body></html>`).blocks);

const v2019 = expected('v2019');
const v2021 = expected('v2021');
const v2019Page = withActive('v2019', active2019(v2019.tables.active, `${v2019.tables.active.art20_9.procurement.amount * 10000}元`));

/** The Shanghai page's figures: 524 and 368 were dropped as blank, and so was 采购总金额. */
const SHANGHAI: Active2019 = {
  art20_1: { rules: { madeThisYear: 13, publishedThisYear: 13, publishedTotal: 524 }, normativeDocs: { madeThisYear: 2, publishedThisYear: 2, publishedTotal: 368 } },
  art20_5: { licensing: { lastYear: 66, change: -2, decisions: 1830 }, otherServices: { lastYear: 12, change: 1, decisions: 75 } },
  art20_6: { penalty: { lastYear: 31, change: 0, decisions: 412 }, coercion: { lastYear: 5, change: 0, decisions: 9 } },
  art20_8: { fees: { lastYear: 3, change: -1 } },
  art20_9: { procurement: { projects: 12, amount: 25.1 } },
};

test('HTML, 2019 template: 本年新公开数量 across two grid columns, header and data: every cell of table 二 as in v2019.expected.json', async () => {
  const r = await read(write('v2019-spans.html', v2019Page));
  assert.deepEqual(r.tables.active, v2019.tables.active);
  assert.deepEqual(r.tables, v2019.tables);
  assert.deepEqual(r.notes, []);
  // Provenance of a kept cell: the <td> as printed, after the spanning one.
  const total = r.provenance['active.art20_1.rules.publishedTotal']!;
  assert.equal(total.path, 'body > table:nth-of-type(1) > tbody > tr:nth-of-type(3) > td:nth-of-type(4)');
  assert.equal(total.text, String(v2019.tables.active.art20_1.rules.publishedTotal));
  const published = r.provenance['active.art20_1.rules.publishedThisYear']!;
  assert.equal(published.path, 'body > table:nth-of-type(1) > tbody > tr:nth-of-type(3) > td:nth-of-type(3)');
  const amount = r.provenance['active.art20_9.procurement.amount']!;
  assert.deepEqual([amount.text, amount.unit, amount.path], ['0元', '元', 'body > table:nth-of-type(1) > tbody > tr:nth-of-type(18) > td:nth-of-type(3)']);
});

test('HTML, the Shanghai figures: 对外公开总数量 524 and 368, 采购总金额 “251000元” read as 25.1 万元', async () => {
  const r = await read(write('shanghai.html', withActive('v2019', active2019(SHANGHAI, '251000元'))));
  assert.deepEqual(r.tables.active, SHANGHAI);
  assert.deepEqual(r.notes, []);
  const amount = r.provenance['active.art20_9.procurement.amount']!;
  assert.deepEqual([amount.text, amount.unit], ['251000元', '元']);
  assert.equal(r.provenance['active.art20_1.normativeDocs.publishedTotal']!.text, '368');
});

test('HTML, 2021 template: 本年废止件数 across two grid columns, one-column items across four: every cell of table 二 as in v2021.expected.json', async () => {
  const r = await read(write('v2021-spans.html', withActive('v2021', active2021(v2021.tables.active))));
  assert.deepEqual(r.tables.active, v2021.tables.active);
  assert.deepEqual(r.tables, v2021.tables);
  assert.deepEqual(r.notes, []);
  assert.equal(r.provenance['active.art20_1.normativeDocs.inForce']!.path, 'body > table:nth-of-type(1) > tbody > tr:nth-of-type(4) > td:nth-of-type(4)');
});

test('DOCX (gridSpan written by the docx package): the same page gives the same cells', async () => {
  const r = await read(write('v2019-spans.docx', await asDocx(v2019Page)));
  assert.equal(r.source.format, 'docx');
  assert.deepEqual(r.tables, v2019.tables);
  assert.deepEqual(r.notes, []);
  assert.equal(r.provenance['active.art20_1.rules.publishedTotal']!.path, '/w:document/w:body/w:tbl[1]/w:tr[3]/w:tc[4]');

  const shanghai = await read(write('shanghai.docx', await asDocx(withActive('v2019', active2019(SHANGHAI, '251000元')))));
  assert.deepEqual(shanghai.tables.active, SHANGHAI);
  assert.deepEqual(shanghai.notes, []);

  const r2021 = await read(write('v2021-spans.docx', await asDocx(withActive('v2021', active2021(v2021.tables.active)))));
  assert.deepEqual(r2021.tables, v2021.tables);
  assert.deepEqual(r2021.notes, []);
});

test('grid: a column no cell starts in is dropped; caption rows across the table are kept whole and do not count', () => {
  assert.deepEqual(htmlTables(`<table>
    ${caption('第二十条第（一）项')}
    ${tr('信息内容', '本年新制作数量', ['本年新公开数量', 2], '对外公开总数量')}
    ${tr('规章', 13, [13, 2], 524)}
    ${caption('第二十条第（五）项')}
    ${tr('信息内容', ['上一年项目数量', 2], '本年增/减', '处理决定数量')}
    ${tr('行政许可', [66, 2], -2, 1830)}
  </table>`), [[
    ['第二十条第（一）项', '', '', '', ''],
    ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
    ['规章', '13', '13', '524'],
    ['第二十条第（五）项', '', '', '', ''],
    // Item (五) spans other columns than item (一): each item between captions is judged on its own.
    ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
    ['行政许可', '66', '-2', '1830'],
  ]]);
});

test('grid: separate cells under a spanning header stay as printed (nothing dropped, nothing guessed)', () => {
  const table = `<table>
    ${caption('第二十条第（一）项')}
    ${tr('信息内容', '本年新制作数量', ['本年新公开数量', 2], '对外公开总数量')}
    ${tr('规章', 13, 13, '', 524)}
  </table>`;
  assert.deepEqual(htmlTables(table), [[
    ['第二十条第（一）项', '', '', '', ''],
    ['信息内容', '本年新制作数量', '本年新公开数量', '', '对外公开总数量'],
    ['规章', '13', '13', '', '524'],
  ]]);
  // One data row with separate cells keeps the column for the whole item, even when the other rows span it.
  assert.deepEqual(htmlTables(`<table>
    ${tr('信息内容', '本年新制作数量', ['本年新公开数量', 2], '对外公开总数量')}
    ${tr('规章', 13, [13, 2], 524)}
    ${tr('规范性文件', 2, 2, '/', 368)}
  </table>`), [[
    ['信息内容', '本年新制作数量', '本年新公开数量', '', '对外公开总数量'],
    ['规章', '13', '13', '', '524'],
    ['规范性文件', '2', '2', '/', '368'],
  ]]);
});

test('grid: rowspan label cells keep their column; a column spanned in every row, rowspans included, is dropped', () => {
  assert.deepEqual(htmlTables(`<table>
    <tr><td rowspan="2">信息内容</td><td colspan="2">本年新公开数量</td><td>对外公开总数量</td></tr>
    <tr><td colspan="2">（件）</td><td>（件）</td></tr>
    <tr><td rowspan="2">规章</td><td rowspan="2" colspan="2">13</td><td>524</td></tr>
    <tr><td>368</td></tr>
  </table>`), [[
    ['信息内容', '本年新公开数量', '对外公开总数量'],
    ['', '（件）', '（件）'],
    ['规章', '13', '524'],
    ['', '', '368'],
  ]]);
  // Table 三's header: the note across three columns and three rows; the labels start in columns 1 and 2 below, so nothing is dropped.
  assert.deepEqual(htmlTables(`<table>
    <tr><td colspan="3" rowspan="2">（本列数据的勾稽关系）</td><td colspan="2">申请人情况</td></tr>
    <tr><td>自然人</td><td>总计</td></tr>
    <tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>1</td><td>1</td></tr>
    <tr><td>（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>0</td></tr>
  </table>`), [[
    ['（本列数据的勾稽关系）', '', '', '申请人情况', ''],
    ['', '', '', '自然人', '总计'],
    ['三、本年度办理结果', '（一）予以公开', '', '1', '1'],
    ['', '（三）不予公开', '1.属于国家秘密', '0', '0'],
  ]]);
});

test('grid (DOCX): gridSpan header and data collapse; separate cells under a gridSpan header stay', async () => {
  const cell = (text: string, columnSpan?: number) => new TableCell({ children: [new Paragraph(text)], ...(columnSpan ? { columnSpan } : {}) });
  const row = (...cells: TableCell[]) => new TableRow({ children: cells });
  const docx = await Packer.toBuffer(new Document({ sections: [{ children: [
    new Table({ rows: [
      row(cell('第二十条第（一）项', 5)),
      row(cell('信息内容'), cell('本年新制作数量'), cell('本年新公开数量', 2), cell('对外公开总数量')),
      row(cell('规章'), cell('13'), cell('13', 2), cell('524')),
    ] }),
    new Table({ rows: [
      row(cell('信息内容'), cell('本年新制作数量'), cell('本年新公开数量', 2), cell('对外公开总数量')),
      row(cell('规章'), cell('13'), cell('13'), cell(''), cell('524')),
    ] }),
  ] }] }));
  const blocks = await readDocx(docx, 'grid.docx');
  assert.deepEqual(tableTexts(blocks), [
    [
      ['第二十条第（一）项', '', '', '', ''],
      ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
      ['规章', '13', '13', '524'],
    ],
    [
      ['信息内容', '本年新制作数量', '本年新公开数量', '', '对外公开总数量'],
      ['规章', '13', '13', '', '524'],
    ],
  ]);
  const kept = blocks.find((b) => b.kind === 'table')!;
  assert.equal(kept.kind === 'table' && kept.rows[2]![3]!.loc.path, '/w:document/w:body/w:tbl[1]/w:tr[3]/w:tc[4]');
});
