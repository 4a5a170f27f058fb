import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';
import { dashedSample } from '../helpers/dashed-sample.ts';

const base = baseReport();
const base2019 = baseReport({ template: '2019' });
// The 2021 format fixture with its （七）总计 row not printed (TPL-09 reports it), or rows 5–8 of 不予公开 not printed.
const V2021_TEXT = readFileSync(new URL('../fixtures/formats/v2021.txt', import.meta.url), 'utf8');
const read = (text: string) => extractReport(text, { name: 'v2021.txt', format: 'txt' });
const noTotalRow = read(V2021_TEXT.replace(/^（七）总计[^\n]*\n/m, ''));
const rowsCut = read(V2021_TEXT.replace(/5\.属于三类内部事务信息[^\n]*\n6\.属于四类过程性信息[^\n]*\n7\.属于行政执法案卷[^\n]*\n8\.属于行政查询事项[^\n]*\n/, ''));

ruleCases('SUM-04', {
  valid: [
    { name: 'all zero, no blank', report: base },
    { name: 'a blank total over zeros is CELL-02’s blank (derived value 0)', report: withCells(base, { 'requests.granted.total': null, 'review.review.total': null }) },
    { name: 'a table printed with “—” for 0: the one blank total derives to 0', report: dashedSample().dashed },
    { name: 'the （七）总计 row not printed: TPL-09’s finding, not seven derived totals', report: noTotalRow },
    { name: 'rows not printed are not read as 0 to derive a total', report: rowsCut },
  ],
  invalid: [
    {
      name: 'the 总计 column left blank in five rows (as many 2019 Shanghai reports): one finding listing each derived value',
      report: withCells(base, {
        'requests.newReceived.naturalPerson': 3, 'requests.newReceived.total': null,
        'requests.granted.naturalPerson': 2, 'requests.granted.total': null,
        'requests.partlyGranted.business': 1, 'requests.partlyGranted.total': null,
        'requests.resultTotal.naturalPerson': 2, 'requests.resultTotal.business': 1, 'requests.resultTotal.total': null,
        'requests.carriedForward.legal': 1, 'requests.carriedForward.total': null,
      }),
      findings: [
        {
          messageId: 'derivedMany',
          severity: 'warning',
          message:
            '表三有5个总计格为空白，按自然人至其他六列之和应为：“一、本年新收政府信息公开申请数量”行“总计”列3、“（一）予以公开”行“总计”列2、' +
            '“（二）部分公开”行“总计”列1、“（七）总计”行“总计”列3、“四、结转下年度继续办理”行“总计”列1',
          location: { table: 'requests' },
          cells: ['requests.newReceived.total', 'requests.granted.total', 'requests.partlyGranted.total', 'requests.resultTotal.total', 'requests.carriedForward.total'],
        },
      ],
    },
    {
      name: 'a blank total over a blank component: derived with the blank read as 0',
      report: withCells(base, { 'requests.granted.naturalPerson': 2, 'requests.granted.business': null, 'requests.granted.total': null }),
      findings: [
        {
          messageId: 'derivedBlanks',
          severity: 'warning',
          message: '表三“（一）予以公开”行“总计”列为空白，按自然人至其他六列之和（其中空白格表三“（一）予以公开”行“商业企业”列按0计）应为2',
          location: { table: 'requests', row: 'granted', column: 'total' },
          actual: null,
          expected: 2,
          cells: ['requests.granted.total', 'requests.granted.business'],
        },
      ],
    },
    {
      name: 'V2021: the 总计 column of a row, 2 + 1',
      report: withCells(base, { 'requests.granted.naturalPerson': 2, 'requests.granted.business': 1, 'requests.granted.total': null }),
      findings: [
        {
          messageId: 'derived',
          severity: 'warning',
          message: '表三“（一）予以公开”行“总计”列为空白，按自然人至其他六列之和应为3',
          location: { table: 'requests', row: 'granted', column: 'total' },
          actual: null,
          expected: 3,
        },
      ],
    },
    {
      name: 'V2019: a column of （七）总计, 2 granted + 1 other',
      report: withCells(base2019, { 'requests.granted.naturalPerson': 2, 'requests.other.naturalPerson': 1, 'requests.resultTotal.naturalPerson': null }),
      findings: [
        {
          messageId: 'derived',
          severity: 'warning',
          message: '表三“（七）总计”行“自然人”列为空白，按各项办理结果之和应为3',
          location: { table: 'requests', row: 'resultTotal', column: 'naturalPerson' },
          actual: null,
          expected: 3,
        },
      ],
    },
    {
      name: 'the corner cell of （七）总计 is reported once, derived along its row',
      report: withCells(base, {
        'requests.granted.naturalPerson': 3,
        'requests.granted.total': 3,
        'requests.resultTotal.naturalPerson': 3,
        'requests.resultTotal.total': null,
      }),
      findings: [
        {
          messageId: 'derived',
          severity: 'warning',
          message: '表三“（七）总计”行“总计”列为空白，按自然人至其他六列之和应为3',
          location: { table: 'requests', row: 'resultTotal', column: 'total' },
          expected: 3,
        },
      ],
    },
    {
      name: 'table 四: 2 upheld + 1 pending',
      report: withCells(base, { 'review.review.upheld': 2, 'review.review.pending': 1, 'review.review.total': null }),
      findings: [
        {
          messageId: 'derived',
          severity: 'warning',
          message: '表四“行政复议”“总计”为空白，按结果维持、结果纠正、其他结果、尚未审结之和应为3',
          location: { table: 'review', row: 'review', column: 'total' },
          expected: 3,
        },
      ],
    },
  ],
});
