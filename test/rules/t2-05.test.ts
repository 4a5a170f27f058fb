import { baseReport, withCells, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const decisions = withCells(baseReport(), { 'active.art20_5.licensing.decisions': 12, 'active.art20_6.penalty.decisions': 20 });
const saying = (active: string) => withFields(decisions, { sectionTexts: { active } });

ruleCases('T2-05', {
  valid: [
    { name: 'no narrative figures', report: decisions },
    { name: 'fewer published than decided is normal: decisions include unpublished ones', report: saying('本年度在网站公示行政处罚信息15条、行政许可信息12条。') },
    { name: 'counts of matters (事项) are not decisions', report: saying('公开行政处罚事项清单，共公示行政处罚事项35项、行政许可事项40个。') },
    { name: 'a sentence without 公开/公示 states no published count', report: saying('全年办理行政处罚案件35件。') },
    { name: 'a blank table cell is CELL-02’s', report: withCells(saying('公示行政处罚信息35条。'), { 'active.art20_6.penalty.decisions': null }) },
    { name: 'V2019 is not checked', report: withFields(baseReport({ template: '2019' }), { sectionTexts: { active: '公示行政处罚信息35条。' } }) },
  ],
  invalid: [
    {
      name: '35 penalty decisions published, 20 in the table',
      report: saying('本年度在网站公示行政处罚信息35条、行政许可信息12条。'),
      findings: [
        {
          messageId: 'fewer',
          severity: 'info',
          message: '正文“行政处罚信息35条”所述已公开的数量(35)多于表二第二十条第（六）项“行政处罚”行“本年处理决定数量”列(20)；本年处理决定数量包括已公开和依法未公开的全部处理决定，应不少于35',
          location: { table: 'active', item: 'art20_6', row: 'penalty', column: 'decisions' },
          actual: 20,
          expected: 35,
        },
      ],
    },
    {
      name: 'the largest stated figure counts; section 一 is read too',
      report: withFields(decisions, {
        sectionTexts: { overview: '在“双公示”平台公开行政强制决定书3份。', active: '公示行政强制信息2条。' },
      }),
      findings: [
        {
          messageId: 'fewer',
          severity: 'info',
          message: '正文“行政强制决定书3份”所述已公开的数量(3)多于表二第二十条第（六）项“行政强制”行“本年处理决定数量”列(0)；本年处理决定数量包括已公开和依法未公开的全部处理决定，应不少于3',
          location: { table: 'active', item: 'art20_6', row: 'coercion', column: 'decisions' },
          actual: 0,
          expected: 3,
        },
      ],
    },
  ],
});
