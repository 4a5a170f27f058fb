import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { extractReport } from '../src/extract/report.ts';
import type { TableTemplate } from '../src/schema/templates.ts';
import { compareTables, type Expected } from './helpers/accuracy.ts';

/**
 * Shapes that PDF→Markdown converters give the tables, observed on real conversions and
 * reproduced here on pandoc's Markdown of a LibreOffice document: every one must read
 * exactly what the document prints.
 */
const dir = new URL('./fixtures/converted/', import.meta.url).pathname;
const gfm = (name: string) => readFileSync(`${dir}${name}.lo.pandoc-gfm.md`, 'utf8');
const expected = (name: string) => JSON.parse(readFileSync(`${dir}${name}.expected.json`, 'utf8')) as Expected;

const cells = (md: string) => md.split('|').slice(1, -1).map((c) => c.trim());
const row = (values: readonly string[]) => `| ${values.join(' | ')} |`;
const SEP = (n: number) => `|${'---|'.repeat(n)}`;

function readsExactly(name: string, md: string) {
  assert.notEqual(md, gfm(name), 'the shape was applied');
  const e = expected(name);
  const r = extractReport(md, { name: `${name}.md`, format: 'md' });
  const result = compareTables(e.template as TableTemplate, e.tables, r.tables);
  assert.deepEqual({ wrong: result.wrong, abstained: result.abstained }, { wrong: [], abstained: [] });
  return r;
}

/** Table 四 as three tables of five columns, one per group, each under its own caption row. */
function reviewInThree(md: string): string {
  const lines = md.split('\n');
  const at = lines.findIndex((l) => l.startsWith('| 行政复议'));
  const values = cells(lines[at + 3]!);
  const heads = cells(lines[at + 2]!).slice(5, 10);
  const tables = ['行政复议', '未经复议直接起诉', '复议后起诉'].map((group, g) =>
    [row([group, '', '', '', '']), SEP(5), row(heads), row(values.slice(g * 5, g * 5 + 5))].join('\n'));
  lines.splice(at - 2, 6, tables.join('\n\n'));
  return lines.join('\n');
}

/** Table 三's first rows: a Markdown heading names the row, the table row beside the values lacks the numeral. */
function rowsUnderHeadings(md: string): string {
  return md.replace(/^\| (一、本年新收政府信息公开申请数量|二、上年结转政府信息公开申请数量)( +\|)/gm, (_m, label: string, rest: string) =>
    `### ${label}\n\n| ${label.slice(2)}${rest}`);
}

/** A row label on a row of its own, its values on the unlabeled row below. */
function floatingLabels(md: string): string {
  return md.split('\n').flatMap((line) => {
    if (!line.startsWith('|') || !/属于国家秘密|重复申请/.test(line)) return [line];
    const c = cells(line);
    const at = c.findIndex((x) => /属于国家秘密|重复申请/.test(x));
    return [row(c.map((x, i) => (i <= at ? x : ''))), row(c.map((x, i) => (i <= at ? '' : x)))];
  }).join('\n');
}

/** Table 二's item captions printed before the table, all rows after the last caption. */
function captionsFirst(md: string): string {
  const lines = md.split('\n');
  const captions = lines.filter((l) => /^\| 第二十条第（[一二三四五六七八九]）项/.test(l));
  const first = lines.indexOf(captions[0]!);
  const rest = lines.filter((l) => !captions.includes(l));
  const table = rest.findIndex((l, i) => i >= first - 2 && l.startsWith('|'));
  rest.splice(table, 0, ...captions.map((c) => `### ${cells(c)[0]}\n`));
  return rest.join('\n');
}

test('table 二 printed after all its item captions', () => {
  for (const name of ['v2019', 'v2021']) readsExactly(name, captionsFirst(gfm(name)));
});

/** Header rows a converter invents for a table it could not head: 数据1…数据n, 列1…列n. */
function inventedHeaders(md: string): string {
  return md.split('\n').map((line, i, all) => {
    if (!all[i + 1]?.startsWith('|--') || !line.startsWith('|')) return line;
    const n = cells(line).length;
    return row(Array.from({ length: n }, (_, k) => (i % 2 ? `数据${k + 1}` : `列${k + 1}`)));
  }).join('\n');
}

test('invented header rows (数据1…数据n) are not rows of the tables', () => {
  for (const name of ['v2019', 'v2021']) readsExactly(name, inventedHeaders(gfm(name)));
});

test('table 四 printed as three five-column tables', () => {
  for (const name of ['v2019', 'v2021']) readsExactly(name, reviewInThree(gfm(name)));
});

test('a Markdown heading names a row of table 三 and the values follow in a table row', () => {
  for (const name of ['v2019', 'v2021']) readsExactly(name, rowsUnderHeadings(gfm(name)));
});

test('row labels above unlabeled value rows', () => {
  for (const name of ['v2019', 'v2021']) readsExactly(name, floatingLabels(gfm(name)));
});

test('a line break inside a Markdown cell (<br>)', () => {
  for (const name of ['v2019', 'v2021']) readsExactly(name, gfm(name).replace(/\| (本年新制作数量|本年制发件数) /g, (_m, l: string) => `| ${l.slice(0, 3)}<br>${l.slice(3)} `));
});

test('damaged row labels in their statutory place are read, with a note naming the printed label', () => {
  for (const name of ['v2019', 'v2021']) {
    const damaged = gfm(name).replace('2.其他法律行政法规禁止公开', '2.其他法律行政止公开').replace('2.重复申请', '2.重複申請');
    const r = readsExactly(name, damaged);
    assert.deepEqual(
      r.notes.filter((n) => n.code === 'row-label-variant').map((n) => [n.path, n.actual]),
      [['requests.denied.prohibitedByLaw', '2.其他法律行政止公开'], ['requests.notProcessed.duplicate', '2.重複申請']],
    );
  }
});

test('a damaged label that resembles two missing rows, or sits out of its place, is not taken', () => {
  const name = 'v2021';
  // Out of place: the damaged label of row 2 printed after row 3 is not row 2.
  const lines = gfm(name).split('\n');
  const at = lines.findIndex((l) => l.includes('2.其他法律行政法规禁止公开'));
  const [row2] = lines.splice(at, 1);
  lines.splice(at + 1, 0, row2!.replace('2.其他法律行政法规禁止公开', '2.其他法律行政止公开'));
  const r = extractReport(lines.join('\n'), { name: 'x.md', format: 'md' });
  assert.deepEqual(r.tables.requests['denied.prohibitedByLaw'], [null, null, null, null, null, null, null]);
  assert.ok(!r.notes.some((n) => n.code === 'row-label-variant'));
});

test('a row label split over two cells (a 2021 row)', () => {
  for (const name of ['v2021']) {
    const split = gfm(name).replace(/\| 2\.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请( *)\|/, '| 2.申请人逾期未按收费通知要求缴纳费用、 | 行政机关不再处理其政府信息公开申请 |');
    readsExactly(name, split);
  }
});

test('a row label split over two cells, the second cut short as a PDF export leaves it', () => {
  const split = gfm('v2021').replace(/\| 2\.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请( *)\|/, '| 2.申请人逾期未按收费通知要求缴纳费用、 | 行政机关不再处理其政 |');
  readsExactly('v2021', split);
});


test('a crawler\'s glued 2019 rows with a signed change: the sign is a cell boundary; the run after it is cut only when one cut prints every cell', () => {
  const read = (name: string) => extractReport(readFileSync(`${dir}${name}.crawl-glued.txt`, 'utf8'), { name: `${name}.txt`, format: 'txt' });
  const v2019 = read('v2019.ogi');
  // 行政强制150+30: 150 before the sign; "+30" cut as +3 | 0 (the only cut with both cells printed).
  assert.deepEqual(v2019.tables.active.art20_6?.coercion, { lastYear: 150, change: 3, decisions: 0 });
  // 行政事业性收费172-1: two columns, the signed part is the change.
  assert.deepEqual(v2019.tables.active.art20_8?.fees, { lastYear: 172, change: -1 });
  assert.equal(v2019.provenance['active.art20_6.coercion.change']!.text, '3');
  // 行政许可0+5050: 0 is sure; +50|50 and +505|0 both print every cell — left blank with the reason.
  const s002 = read('sample002.ogi');
  assert.deepEqual(s002.tables.active.art20_5?.licensing, { lastYear: 0, change: null, decisions: null });
  const note = s002.notes.find((n) => n.path === 'active.art20_5.licensing')!;
  assert.equal(note.code, 'digit-run-ambiguous');
  assert.match(note.message, /“\+5050”是本年增\/减、处理决定数量连写的数字，无法确定各列的数值，按空白处理（“0”在符号之前，是其前一列的值）$/);
});
