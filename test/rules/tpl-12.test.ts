import { readFileSync } from 'node:fs';
import { extractReport } from '../../src/extract/report.ts';
import { LAYOUTS, reportText } from '../helpers/layouts.ts';
import { baseReport, zeroTables } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const parse = (text: string) => extractReport(text, { name: 'fixture.txt', format: 'txt' });
const printed = (template: '2019' | '2021', edit: (text: string) => string = (t) => t, layout: (typeof LAYOUTS)[number] = 'tabs') =>
  parse(edit(reportText({ year: template === '2019' ? 2020 : 2023, template, tables: zeroTables(template), layout })));
const sample = (name: string) => parse(readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8'));
const SAMPLES = ['000_6c4583cee035bde5', '001_9dfa40035ded7d00', '002_9d093eecd5b1c4d3', '003_587a12f256707b84', '004_bce8275da3ca3d23'];

const BALANCE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const PARTLY = '（区分处理的，只计这一情形，不计其他情形）';

const reworded = printed('2021', (t) => t.replace(BALANCE, '（本列数据的勾稽关系为：第一项加第二项，等于第三项加第四项）'));
const noPartly = printed('2019', (t) => t.replace(PARTLY, ''));
const partlyReworded = printed('2021', (t) => t.replace(PARTLY, '（区分处理的，只计此情形）'));

ruleCases('TPL-12', {
  valid: [
    { name: 'baseReport() has no printed notes: nothing to judge', report: baseReport() },
    { name: 'baseReport 2019', report: baseReport({ template: '2019' }) },
    ...LAYOUTS.flatMap((layout) => [
      { name: `the 2019 format, ${layout} layout`, report: printed('2019', undefined, layout) },
      { name: `the 2021 format, ${layout} layout`, report: printed('2021', undefined, layout) },
    ]),
    {
      name: 'notes cut short by a line break, half-width brackets and no punctuation',
      report: printed('2021', (t) =>
        t.replace(BALANCE, '(本列数据的勾稽关系为 第一项加第二项之和').replace(PARTLY, '(区分处理的 只计这一')),
    },
    ...SAMPLES.map((s) => ({ name: `sample ${s}`, report: sample(s) })),
  ],
  invalid: [
    {
      name: 'the 勾稽 note is not printed',
      report: printed('2021', (t) => t.replace(BALANCE, '')),
      findings: [{ messageId: 'balanceMissing', severity: 'warning', message: `表三未印出勾稽关系说明，应为“${BALANCE}”`, location: { table: 'requests' }, actual: null, expected: BALANCE }],
    },
    {
      name: 'the 勾稽 note reworded',
      report: reworded,
      findings: [
        {
          messageId: 'balanceWording',
          severity: 'warning',
          message: `表三的勾稽关系说明印为“（本列数据的勾稽关系为：第一项加第二项，等于第三项加第四项）”，应为“${BALANCE}”`,
          location: { table: 'requests' },
          span: { ...reworded.structure.labels['requests.note']!, column: 1 },
        },
      ],
    },
    {
      name: 'the 部分公开 note is not printed (2019)',
      report: noPartly,
      findings: [
        {
          messageId: 'partlyMissing',
          severity: 'warning',
          message: `表三“（二）部分公开”行未印出计数说明：应为“（二）部分公开${PARTLY}”，实际印为“（二）部分公开”`,
          location: { table: 'requests', row: 'partlyGranted' },
          span: { ...noPartly.structure.labels['requests.partlyGranted']!, column: 1 },
          actual: '（二）部分公开',
          expected: `（二）部分公开${PARTLY}`,
        },
      ],
    },
    {
      name: 'the 部分公开 note reworded',
      report: partlyReworded,
      findings: [
        {
          messageId: 'partlyWording',
          severity: 'warning',
          message: `表三“（二）部分公开”行的计数说明印为“（二）部分公开（区分处理的，只计此情形）”，应为“（二）部分公开${PARTLY}”`,
          location: { table: 'requests', row: 'partlyGranted' },
        },
      ],
    },
  ],
});
