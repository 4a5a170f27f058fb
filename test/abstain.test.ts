import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { unreadCells } from '../src/check/cells.ts';
import { checkReport, loadRules } from '../src/check/engine.ts';
import { extractReport } from '../src/extract/report.ts';
import { readSource } from '../src/ingest/read-file.ts';
import { placePath } from '../src/schema/cells.ts';
import type { TableTemplate } from '../src/schema/templates.ts';
import { compareTables, type Expected } from './helpers/accuracy.ts';
import { reportSkeleton } from './helpers/report-skeleton.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });

test('a row that reads two ways is left blank with the reason: a vanished blank cell, surplus blank cells at both ends', () => {
  const r = parse(
    reportSkeleton({
      year: 2022,
      active: [
        '第二十条第（一）项',
        '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量',
        // 4, 1, 0 — or 4 and 10 with a blank cell dropped somewhere.
        '规章 4 10',
        '行政规范性文件 0 0 0',
        '第二十条第（五）项',
        '信息内容\t上一年项目数量\t本年增/减\t处理决定数量',
        // Is +3 the first column or the second? No identity tells.
        '行政许可\t\t+3\t\t',
        '其他对外管理服务事项\t5\t\t7',
      ].join('\n'),
    }),
  );
  assert.deepEqual(r.tables.active.art20_1, {
    rules: { madeThisYear: null, publishedThisYear: null, publishedTotal: null },
    normativeDocs: { madeThisYear: 0, publishedThisYear: 0, publishedTotal: 0 },
  });
  assert.deepEqual(r.tables.active.art20_5, { licensing: { lastYear: null, change: null, decisions: null }, otherServices: { lastYear: 5, change: null, decisions: 7 } });
  const notes = Object.fromEntries(r.notes.filter((n) => n.path?.startsWith('active.')).map((n) => [n.path, `${n.code} ${n.message}`]));
  assert.equal(notes['active.art20_1.rules'], 'digit-run-ambiguous 表二“规章”：连写数字“10”拆成3格只有一种方式，但也可能少印了空白单元格，无法唯一确定');
  assert.equal(notes['active.art20_5.licensing'], 'row-surplus-cells 表二“行政许可”：该行有4个单元格，应为3个，多出的空白单元格在行首还是行尾无法确定，该行按空白处理');
});

const dir = new URL('./fixtures/wrapped/', import.meta.url).pathname;
const documents = readdirSync(dir).filter((f) => !f.endsWith('.json'));

/**
 * Cells read exactly in each document: wrapped numbers are joined by column where a row's total is the sum of
 * the rest; a row printing fewer than seven values takes the columns that the distances between its values (against
 * the rows joined in full) and the identities leave one way to place; the other cells are left blank, never wrong.
 */
const EXACT: Record<string, number> = {
  'r001.pandoc-plain.txt': 200,
  'r003.lo-pdftotext-layout.txt': 133,
  'r008.lo-pdftotext-layout.txt': 145,
  'r021.chrome-pdftotext-layout.txt': 200,
  'r048.lo-pdf2md.md': 153,
  // Table 四's values wrapped above and below their line: joined where one cut into groups balances each.
  'r088.pdftotext-layout.txt': 193,
};

test('numbers wrapped in narrow cells (LibreOffice and Chromium PDFs through pdftotext and pdf2md) are left blank, never misread', async () => {
  assert.deepEqual(documents.sort(), Object.keys(EXACT).sort());
  const rules = await loadRules();
  for (const file of documents) {
    const expected = JSON.parse(readFileSync(`${dir}${file.slice(0, 4)}.expected.json`, 'utf8')) as Expected;
    const source = await readSource(dir + file);
    const r = extractReport(source.text, { name: file, format: source.format });
    const c = compareTables(expected.template as TableTemplate, expected.tables, r.tables);
    assert.deepEqual(c.wrong, [], file);
    assert.equal(c.exact, EXACT[file], file);
    // What ogi left blank is its own note, never the report's fault.
    const unread = unreadCells(r);
    const blamed = checkReport(r, rules).filter((f) => f.severity !== 'info' && f.location && unread.has(placePath(f.location)));
    assert.deepEqual(blamed.map((f) => `${f.rule} ${f.message}`), [], file);
  }
});

test('a wrapped row label beside the group label printed down its own column is read, a word shared with a group label kept', async () => {
  // "三、 （一）予以 74070 …" / "本年 公开": "本年" is the group column's piece; "公开" ends the row label.
  const source = await readSource(`${dir}r021.chrome-pdftotext-layout.txt`);
  const r = extractReport(source.text, { name: 'r021', format: source.format });
  assert.deepEqual(r.tables.requests.granted, [74070, 0, 0, 0, 49380, 74070, 197520]);
  const note = r.notes.find((n) => n.path === 'requests.granted');
  assert.equal(note?.message, '表三“三、 （一）予以”折行后与相邻行名或分组名称混排，去除后读作“(一)予以公开”，按法定行“（一）予以公开”读取');
  assert.equal(r.notes.some((n) => n.code === 'row-missing' || n.code === 'row-unrecognised'), false);
});

test('in a laid-out table, a row squeezed by its long label is placed by the distances between its values, and a row printed whole inside its wrapped label is read', async () => {
  const source = await readSource(`${dir}r088.pdftotext-layout.txt`);
  const r = extractReport(source.text, { name: 'r088', format: source.format });
  // "8.属于行政查询事项   8973 2991 4985 13958 6979          37886": 6979 stands 2.5 columns left of its column's
  // centre (the line is squeezed), but only the gap before the total fits a blank column.
  assert.deepEqual(r.tables.requests['denied.adminQuery'], [8973, 2991, 4985, 13958, 6979, null, 37886]);
  assert.equal(r.notes.find((n) => n.path === 'requests.denied.adminQuery')?.code, 'row-short');
  // "3.危及“三安全一稳" / seven values / "定”", in a table where other rows' numbers wrap.
  assert.deepEqual(r.tables.requests['denied.securityStability'], [6979, 2991, 3988, 15952, 0, 0, 29910]);
  assert.equal(r.notes.find((n) => n.path === 'requests.denied.securityStability')?.message, '表三“3.危及“三安全一稳定””行的行名折成多行，七个数值完整地印在行名中间的一行，总计等于各列之和，表的列勾稽关系在可核对处成立；表内其他行有窄单元格中折行的数字，此行的数字未折行');
});

test('where numbers wrap, the rows left blank say why', async () => {
  const source = await readSource(`${dir}r008.lo-pdftotext-layout.txt`);
  const r = extractReport(source.text, { name: 'r008', format: source.format });
  // A row printing two zeros: no identity tells whether the last is its total or the total is blank.
  const repeat = r.notes.find((n) => n.path === 'requests.notProcessed.massRepeat');
  assert.equal(repeat?.code, 'row-misread');
  assert.equal(repeat?.message, '表三“4.无正当理由大量反复申请”行的数字在窄单元格中折行，已按所在列把上下行的数字拼接，印有2个0，末值可能是总计，也可能总计空白；各值所在的列按位置与行、列勾稽关系无法唯一确定，该行按空白处理');
  assert.deepEqual(r.tables.requests['notProcessed.massRepeat'], [null, null, null, null, null, null, null]);
  // A row printing four values, whole ones and joined ones on different lines: which columns they stand in is
  // left open but for the total.
  const other = r.notes.find((n) => n.path === 'requests.other');
  assert.equal(other?.message, '表三“（六）其他处理”行的数字在窄单元格中折行，已按所在列把上下行的数字拼接，印有4个数值、末值等于其余之和；各值所在的列有多种可能，“总计”列在每种可能下都相同，已读取，其余各列按空白处理');
  assert.deepEqual(r.tables.requests.other, [null, null, null, null, null, null, 296280]);
  assert.equal(r.provenance['requests.other.total']?.note, '窄单元格中折行的数字，由第114行“2962”、第116行“80”按列拼接；按行、列勾稽关系，在每种可能的读法下都相同');
  // A row printing all seven values, joined across its lines by column, says so, and each value points at its first piece.
  const total = r.notes.find((n) => n.path === 'requests.resultTotal');
  assert.equal(total?.code, 'row-wrapped-joined');
  assert.deepEqual(r.tables.requests.resultTotal, [1543125, 814770, 654285, 1086360, 382695, 555525, 5036760]);
  assert.deepEqual(r.provenance['requests.resultTotal.total'], { start: 4698, end: 4702, line: 117, text: '5036', note: '窄单元格中折行的数字，由第117行“5036”、第119行“760”按列拼接' });
  assert.equal(source.text.slice(4698, 4702), '5036');
});

test('a pandoc plain-text table (ruled lines, group and row label on one padded line) is read whole and blamed for nothing missing', async () => {
  const source = await readSource(`${dir}r001.pandoc-plain.txt`);
  const r = extractReport(source.text, { name: 'r001', format: source.format });
  const structural = checkReport(r, await loadRules())
    .filter((f) => /^TPL-(0[5-9]|1[01])$/.test(f.rule) && f.severity !== 'info')
    .map((f) => `${f.rule} ${f.message}`);
  assert.deepEqual(structural, []);
});

test('surplus cells that read the same numbers in every window are one reading; the same digits in other units are not', () => {
  const r = parse(
    reportSkeleton({
      year: 2022,
      active: [
        '第二十条第（一）项',
        '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
        // Either three of the four cells read 0, 0, 0: "0" and "0.0" are the same value.
        '规章\t0\t0.0\t0\t0',
        '第二十条第（八）项',
        '信息内容\t本年收费金额（单位：万元）',
        // 5 万元 or 0.0005 万元: the same digits, not the same amount.
        '行政事业性收费\t5万元\t5元',
      ].join('\n'),
    }),
  );
  assert.deepEqual(r.tables.active.art20_1?.rules, { issued: 0, repealed: 0, inForce: 0 });
  assert.deepEqual(r.tables.active.art20_8, { fees: { amount: null } });
  const notes = Object.fromEntries(r.notes.filter((n) => n.path?.startsWith('active.')).map((n) => [n.path, `${n.code} ${n.message}`]));
  assert.equal(notes['active.art20_1.rules'], 'row-surplus-cells 表二“规章”：该行有4个单元格，应为3个；已取读数相同的任一种3个，忽略1个');
  assert.equal(notes['active.art20_8.fees'], 'row-surplus-cells 表二“行政事业性收费”：该行有2个单元格，应为1个，无法确定多出的是哪几个，该行按空白处理');
});
