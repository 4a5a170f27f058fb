import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { readLedgerXlsx } from '../../src/ingest/ledger-xlsx.ts';
import { ledgerXlsx } from '../../src/render/ledger-xlsx.ts';
import type { Ledger } from '../../src/schema/ledger.ts';
import { LedgerSchema } from '../../src/schema/ledger-records.ts';
import { generateLedger } from '../helpers/ledger-generator.ts';

/** The record without empty fields (null, absent): what the template can tell apart. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(canonical)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, canonical(v)]))
      : value;

test('Excel round trip of a generated year of ledger is lossless, dates written as Excel dates', async () => {
  const ledger: Ledger = LedgerSchema.parse(generateLedger(7, 2024, 400));
  ledger.applications[0]!.request = '=HYPERLINK("http://x","点我")';
  const bytes = await ledgerXlsx(ledger);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  assert.deepEqual(wb.worksheets.map((w) => w.name), ['依申请公开台账', '行政复议、行政诉讼台账', '规章和规范性文件台账', '主动公开数据台账']);
  const apps = wb.getWorksheet('依申请公开台账')!;
  assert.ok(apps.getRow(2).getCell(4).value instanceof Date, 'receipt date as an Excel date');
  // An applicant's text that looks like a formula stays text.
  assert.equal(apps.getRow(2).getCell(9).value, '=HYPERLINK("http://x","点我")');
  const back = await readLedgerXlsx(bytes);
  assert.ok(back.ok, back.ok ? '' : back.problems.slice(0, 5).join('\n'));
  assert.equal(back.rows, 400 + ledger.cases.length + ledger.documents.length + ledger.figures.length);
  assert.deepEqual(canonical(back.ledger), canonical(ledger));
});

test('dates as text are read; a bad row names sheet, row and column, never the content, and nothing is imported', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('依申请公开台账');
  ws.addRow(['登记号', '提交方式', '收到申请之日', '申请人类别', '申请人姓名或名称', '办理结果', '答复日期']);
  ws.addRow(['A1', '邮寄', '2024年3月5日', '自然人', '李秘密', '（一）予以公开', '2024/3/20']);
  ws.addRow(['A2', '信鸽', '2024-02-30', '总计', '王秘密', null, null]);
  const cases = wb.addWorksheet('行政复议、行政诉讼台账');
  cases.addRow(['案号', '类别', '立案日期', '结果', '审结日期', '备注']);
  const bad = await readLedgerXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
  assert.deepEqual(bad, {
    ok: false,
    problems: [
      '工作表“依申请公开台账”第 3 行：“收到申请之日”应为日期（Excel 日期，或 2024-03-05、2024年3月5日 形式的文字）',
      '工作表“依申请公开台账”第 3 行：“提交方式”应为“当面提交”、“邮寄”、“网络”、“传真”之一',
      '工作表“依申请公开台账”第 3 行：“申请人类别”应为“自然人”、“商业企业”、“科研机构”、“社会公益组织”、“法律服务机构”、“其他”之一',
      '工作表“行政复议、行政诉讼台账”第 1 行第 6 列：不认识的列“备注”（见 README“台账”的列模板）',
    ],
  });
  ws.spliceRows(3, 1);
  cases.spliceColumns(6, 1);
  const good = await readLedgerXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
  assert.ok(good.ok);
  assert.deepEqual(good.ledger.applications, [{
    number: 'A1', channel: 'post', receivedOn: '2024-03-05', applicant: { category: 'naturalPerson', name: '李秘密' }, result: 'granted', decidedOn: '2024-03-20',
  }]);
  assert.deepEqual(await readLedgerXlsx(Buffer.from('not a workbook')), { ok: false, problems: ['不是可以读取的 .xlsx 文件'] });
});
