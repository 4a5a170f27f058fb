import { baseReport, withCells, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

const base = baseReport();
/** 12 applications: 8 granted, 2 partly, 1 denied (third party), 1 not held. */
const twelve = withCells(base, {
  'requests.newReceived.total': 12,
  'requests.granted.total': 8,
  'requests.partlyGranted.total': 2,
  'requests.denied.thirdParty.total': 1,
  'requests.unavailable.notHeld.total': 1,
  'requests.resultTotal.total': 12,
});
const text = (requests: string) => withFields(twelve, { sectionTexts: { requests } });

// Shanghai 2019 (上海市人民政府办公厅): the table with the blank cells read as 0, and its narrative.
const shanghai = withFields(
  withCells(baseReport({ template: '2019', year: 2019 }), {
    'requests.newReceived.total': 859, 'requests.carriedOver.total': 18, 'requests.granted.total': 272, 'requests.partlyGranted.total': 3,
    'requests.denied.stateSecret.total': 14, 'requests.denied.internalAffairs.total': 5, 'requests.denied.processInfo.total': 4, 'requests.denied.adminQuery.total': 12,
    'requests.unavailable.notHeld.total': 265, 'requests.unavailable.needsCreation.total': 47, 'requests.unavailable.unclear.total': 25,
    'requests.notProcessed.complaint.total': 149, 'requests.notProcessed.duplicate.total': 9, 'requests.resultTotal.total': 805, 'requests.carriedForward.total': 72,
  }),
  {
    sectionTexts: {
      overview:
        '市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定期限内予以答复。' +
        '予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；不予处理158件，占19.6%；其他处理0件。',
    },
  },
);

ruleCases('NAR-02', {
  valid: [
    { name: 'the builder report (2021)', report: base },
    { name: 'the builder report (2019)', report: baseReport({ template: '2019' }) },
    { name: 'every category and share agrees', report: text('其中，予以公开8件，占66.7%；部分公开2件，占16.7%；不予公开1件，无法提供1件，不予处理0件，其他处理0件。') },
    { name: 'a share printed as an integer is rounded to the integer', report: text('予以公开8件，占67%。') },
    { name: 'a share of the applications received also counts', report: withCells(text('予以公开8件，占比61.5%。'), { 'requests.newReceived.total': 13, 'requests.carriedForward.total': 1 }) },
    { name: 'combined categories are compared with the sum of their subtotals', report: text('予以公开和部分公开10件。') },
    { name: 'a count qualified by its reason is one row, not the category', report: text('因本机关不掌握相关政府信息无法提供1件，因保护第三方合法权益不予公开1件。') },
    { name: 'approximations are not compared', report: text('予以公开近10件，约占七成。') },
    { name: 'a blank row of the category is not compared', report: withCells(text('不予公开5件。'), { 'requests.denied.stateSecret.total': null }) },
    { name: 'without a sentence about applications, 予以公开 in section 一 is not read', report: withFields(twelve, { sectionTexts: { overview: '予以公开5件。' } }) },
  ],
  invalid: [
    {
      name: '"同意公开答复9件" is the 予以公开 category (8 in the table), not 办结',
      report: text('共收到政府信息公开申请12件，同意公开答复9件。'),
      findings: [
        {
          messageId: 'count',
          severity: 'warning',
          message: '第三部分“收到和处理政府信息公开申请情况”称“予以公开”9件，表三对应的小计为8件，二者不一致',
          location: { section: 'requests' },
          actual: 9,
          expected: 8,
        },
      ],
    },
    {
      name: 'Shanghai 2019: 予以公开及部分公开258件 (table 275) and 无法提供265件 (table 337, 265 is row （四）1 alone), with their shares',
      report: shanghai,
      findings: [
        {
          messageId: 'count',
          severity: 'warning',
          message: '第一部分“总体情况”称“予以公开及部分公开”258件，表三对应的小计为275件，二者不一致',
          location: { section: 'overview' },
          span: { start: 104, end: 117, line: 1, text: '予以公开及部分公开258件' },
          actual: 258,
          expected: 275,
        },
        {
          messageId: 'share',
          severity: 'warning',
          message: '第一部分“总体情况”称“予以公开及部分公开”占33.9%，按表三计算为275件占（七）总计805件的34.2%，与正文不一致',
          location: { section: 'overview' },
          actual: 33.9,
          expected: 34.2,
        },
        {
          messageId: 'count',
          severity: 'warning',
          message: '第一部分“总体情况”称“无法提供”265件，表三对应的小计为337件，二者不一致',
          location: { section: 'overview' },
        },
        {
          messageId: 'share',
          severity: 'warning',
          message: '第一部分“总体情况”称“无法提供”占32.9%，按表三计算为337件占（七）总计805件的41.9%，与正文不一致',
          location: { section: 'overview' },
        },
      ],
    },
    {
      name: 'a count in Chinese numerals and a share outside the printed precision',
      report: text('予以公开七件，占66%；不予公开两件。'),
      findings: [
        {
          messageId: 'count',
          severity: 'warning',
          message: '第三部分“收到和处理政府信息公开申请情况”称“予以公开”7件，表三对应的小计为8件，二者不一致',
          location: { section: 'requests' },
          span: { start: 0, end: 6, line: 1, text: '予以公开七件' },
        },
        {
          messageId: 'share',
          severity: 'warning',
          message: '第三部分“收到和处理政府信息公开申请情况”称“予以公开”占66%，按表三计算为8件占（七）总计12件的66.7%，与正文不一致',
          location: { section: 'requests' },
        },
        {
          messageId: 'count',
          severity: 'warning',
          message: '第三部分“收到和处理政府信息公开申请情况”称“不予公开”2件，表三对应的小计为1件，二者不一致',
          location: { section: 'requests' },
        },
      ],
    },
    {
      name: 'the 2021 其他处理 subtotal is the sum of its three rows',
      report: withCells(text('其他处理0件。'), { 'requests.other.noCorrection.total': 1, 'requests.other.other.total': 2 }),
      findings: [
        {
          messageId: 'count',
          severity: 'warning',
          message: '第三部分“收到和处理政府信息公开申请情况”称“其他处理”0件，表三对应的小计为3件，二者不一致',
          location: { section: 'requests' },
          actual: 0,
          expected: 3,
        },
      ],
    },
  ],
});
