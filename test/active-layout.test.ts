import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { extractReport } from '../src/extract/report.ts';

/** A real report through `pdftotext -layout`: table 二 item (五) prints "其他对外管理服务事项  905  0", its 处理决定数量 blank. */
const text = readFileSync(new URL('./fixtures/wrapped/r088.pdftotext-layout.txt', import.meta.url), 'utf8');
const ROW = '其他对外管理服务事项          905        0';
const read = (t: string) => extractReport(t, { name: 'r088', format: 'txt' });

test('a short row of table 二 laid out as printed is placed under the columns its item\'s full rows show', () => {
  assert.ok(text.includes(ROW));
  const r = read(text);
  assert.deepEqual(r.tables.active.art20_5?.otherServices, { lastYear: 905, change: 0, decisions: null });
  const note = r.notes.find((n) => n.path === 'active.art20_5.otherServices');
  assert.equal(note?.code, 'row-short');
  assert.equal(note?.message, '表二“其他对外管理服务事项”：该行只有2个单元格，应为3个；各值所在的列按版面中的位置（与本项印满各列的行对齐）唯一确定，缺少的按空白处理');
  assert.equal(r.provenance['active.art20_5.otherServices.lastYear']?.text, '905');
});

test('table 二 has no identity: a short row whose values stand between columns, or text not laid out in columns, is left blank', () => {
  const blank = { lastYear: null, change: null, decisions: null };
  // Pushed right by five characters: 905 stands between 上一年项目数量 and 本年增/减.
  assert.deepEqual(read(text.replace(ROW, `     ${ROW}`)).tables.active.art20_5?.otherServices, blank);
  // One space between values: where a blank cell was cannot be seen.
  const single = text.replace(/行政许可 +182 +\+3 +795/, '行政许可 182 +3 795').replace(ROW, '其他对外管理服务事项 905 0');
  assert.deepEqual(read(single).tables.active.art20_5?.otherServices, blank);
});
