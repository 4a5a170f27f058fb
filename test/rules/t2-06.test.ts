import { baseReport, withCells, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
const base2019 = baseReport({ template: '2019' });
const saying = (report: typeof base, active: string) => withFields(report, { sectionTexts: { active } });

ruleCases('T2-06', {
  valid: [
    { name: 'no narrative, all zero', report: base },
    { name: 'penalties in the narrative and in the table', report: withCells(saying(base, '本年度依法公示行政处罚结果。'), { 'active.art20_6.penalty.decisions': 3 }) },
    { name: 'a negated mention does not count', report: saying(base, '本机关无行政许可、行政处罚和行政强制事项。') },
    { name: 'V2019: 事项 counted in 上一年项目数量 make the row non-zero', report: withCells(saying(base2019, '本年度公开行政许可事项办理结果。'), { 'active.art20_5.licensing.lastYear': 2 }) },
    { name: 'a region-wide statement (全区…) is not the organ\'s', report: saying(base, '全区各级行政机关共作出行政处罚决定1200件，各部门依法公示行政许可决定。') },
    { name: 'a blank cell is CELL-02’s', report: withCells(saying(base, '本年度依法公示行政许可决定。'), { 'active.art20_5.licensing.decisions': null }) },
  ],
  invalid: [
    {
      name: 'V2021: licensing in the narrative, 行政许可 row all zero',
      report: saying(base, '本年度依法公示行政许可决定。'),
      findings: [
        {
          messageId: 'zero',
          severity: 'info',
          message: '正文提到“许可”（“本年度依法公示行政许可决定”），但表二第二十条第（五）项“行政许可”行各格均为 0；如本机关本年有行政许可，应填写相应数量',
          location: { table: 'active', item: 'art20_5', row: 'licensing' },
          actual: 0,
        },
      ],
    },
    {
      name: 'a region word that only names whose plan the organ follows (按照全市统一部署) still counts',
      report: saying(base, '按照全市统一部署，本局依法公示行政许可决定。'),
      findings: [
        {
          messageId: 'zero',
          severity: 'info',
          message: '正文提到“许可”（“本局依法公示行政许可决定”），但表二第二十条第（五）项“行政许可”行各格均为 0；如本机关本年有行政许可，应填写相应数量',
          location: { table: 'active', item: 'art20_5', row: 'licensing' },
        },
      ],
    },
    {
      name: 'V2019: penalties and coercion in section 一, both rows all zero',
      report: withFields(base2019, { sectionTexts: { overview: '全年查处案件，依法实施行政处罚和行政强制措施。' } }),
      findings: [
        {
          messageId: 'zero',
          severity: 'info',
          message: '正文提到“处罚”（“依法实施行政处罚和行政强制措施”），但表二第二十条第（六）项“行政处罚”行各格均为 0；如本机关本年有行政处罚，应填写相应数量',
          location: { table: 'active', item: 'art20_6', row: 'penalty' },
        },
        {
          messageId: 'zero',
          severity: 'info',
          message: '正文提到“强制”（“依法实施行政处罚和行政强制措施”），但表二第二十条第（六）项“行政强制”行各格均为 0；如本机关本年有行政强制，应填写相应数量',
          location: { table: 'active', item: 'art20_6', row: 'coercion' },
        },
      ],
    },
  ],
});
