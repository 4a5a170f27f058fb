import { baseReport, withCells } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

// 2022: 2 applications of natural persons carried forward; 2023 must carry them over.
const previous = withCells(baseReport({ year: 2022 }), { 'requests.carriedForward.naturalPerson': 2, 'requests.carriedForward.total': 2 });
const current = withCells(baseReport({ year: 2023 }), { 'requests.carriedOver.naturalPerson': 2, 'requests.carriedOver.total': 2 });

ruleCases('X-01', {
  valid: [
    { name: '2 carried forward in 2022, 2 carried over in 2023', previous, report: current },
    { name: 'a single report has nothing to compare', report: current },
    { name: 'years that are not consecutive are not compared', previous: baseReport({ year: 2021 }), report: current },
    { name: 'another agency is not compared', previous: baseReport({ year: 2022, agency: '某某市财政局' }), report: current },
    { name: 'a blank cell is CELL-02’s', previous, report: withCells(current, { 'requests.carriedOver.naturalPerson': null, 'requests.carriedOver.total': null }) },
    {
      name: 'V2019 → V2021 (2020 → 2021): the columns are the same',
      previous: withCells(baseReport({ template: '2019', year: 2020 }), { 'requests.carriedForward.business': 3, 'requests.carriedForward.total': 3 }),
      report: withCells(baseReport({ year: 2021 }), { 'requests.carriedOver.business': 3, 'requests.carriedOver.total': 3 }),
    },
  ],
  invalid: [
    {
      name: '2 carried forward in 2022, 1 carried over in 2023: one finding for the row (自然人 and its 总计), not one per column',
      previous,
      report: withCells(current, { 'requests.carriedOver.naturalPerson': 1, 'requests.carriedOver.total': 1 }),
      findings: [
        {
          messageId: 'mismatchRow',
          severity: 'warning',
          message: '表三“二、上年结转政府信息公开申请数量”行有2列不等于2022年度报告“四、结转下年度继续办理”的同一列：“自然人”列本年1、上年2，“总计”列本年1、上年2',
          location: { table: 'requests', row: 'carriedOver', year: 2023 },
          cells: ['requests.carriedOver.naturalPerson', 'requests.carriedOver.total'],
        },
      ],
    },
    {
      name: 'one column differs: the finding is on that cell',
      previous: withCells(previous, { 'requests.carriedForward.total': 5 }),
      report: withCells(current, { 'requests.carriedOver.total': 4 }),
      findings: [
        {
          messageId: 'mismatch',
          severity: 'warning',
          message: '表三“二、上年结转政府信息公开申请数量”行“总计”列(4)不等于2022年度报告“四、结转下年度继续办理”同一列(5)',
          location: { table: 'requests', row: 'carriedOver', column: 'total', year: 2023 },
          actual: 4,
          expected: 5,
        },
      ],
    },
    {
      name: 'across the template switch: 3 business applications carried forward in 2020 are missing in 2021',
      previous: withCells(baseReport({ template: '2019', year: 2020 }), { 'requests.carriedForward.business': 3, 'requests.carriedForward.total': 3 }),
      report: baseReport({ year: 2021 }),
      findings: [
        {
          messageId: 'mismatchRow',
          severity: 'warning',
          message: '表三“二、上年结转政府信息公开申请数量”行有2列不等于2020年度报告“四、结转下年度继续办理”的同一列：“商业企业”列本年0、上年3，“总计”列本年0、上年3',
          location: { table: 'requests', row: 'carriedOver', year: 2021 },
          cells: ['requests.carriedOver.business', 'requests.carriedOver.total'],
        },
      ],
    },
    {
      name: 'one issuer under two spellings (管委会, 管理委员会; full-width digits) is one series',
      previous: withCells(baseReport({ year: 2022, agency: '某某市第２经济开发区管委会' }), { 'requests.carriedForward.naturalPerson': 2, 'requests.carriedForward.total': 2 }),
      report: baseReport({ year: 2023, agency: '某某市第2经济开发区 管理委员会' }),
      findings: [
        {
          messageId: 'mismatchRow',
          severity: 'warning',
          message: '表三“二、上年结转政府信息公开申请数量”行有2列不等于2022年度报告“四、结转下年度继续办理”的同一列：“自然人”列本年0、上年2，“总计”列本年0、上年2',
          location: { table: 'requests', row: 'carriedOver', year: 2023 },
        },
      ],
    },
  ],
});
