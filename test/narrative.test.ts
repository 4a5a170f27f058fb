import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readNarrative, readText, similarity, type NarrativeSection, type Statement } from '../src/extract/narrative/index.ts';
import { scanNumbers } from '../src/extract/narrative/numbers.ts';
import { extractReport } from '../src/extract/report.ts';
import { baseReport } from './helpers/report-builder.ts';

/** The statements of a text in a compact shape: kind, value, and what is not the default. */
function read(text: string, section: NarrativeSection = 'overview'): Record<string, unknown>[] {
  return readText(text, section).map((s: Statement) => {
    const o: Record<string, unknown> = { kind: s.kind, value: s.value };
    if (!s.exact) o.exact = false;
    if (s.categories) o.categories = s.categories;
    if (s.subjects) o.subjects = s.subjects;
    if (s.doc) o.doc = s.doc;
    if (s.verb) o.verb = s.verb;
    if (s.none) o.none = true;
    if (s.parent !== undefined) o.parent = s.parent;
    if (s.includesCarriedOver) o.includesCarriedOver = true;
    o.text = s.text;
    return o;
  });
}

const sample = (n: string) => {
  const name = { '000': '000_6c4583cee035bde5', '002': '002_9d093eecd5b1c4d3', '003': '003_587a12f256707b84' }[n]!;
  return extractReport(readFileSync(new URL(`../samples/${name}.txt`, import.meta.url), 'utf8'), { name, format: 'txt' });
};

test('numbers: Arabic, full-width and Chinese numerals, with their units', () => {
  const t = (s: string) => scanNumbers(s).map((x) => [x.value, x.exact, x.unit]);
  assert.deepEqual(t('十二件两件一百零五条二十条'), [[12, true, '件'], [2, true, '件'], [105, true, '条'], [20, true, '条']]);
  assert.deepEqual(t('１２件'.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))), [[12, true, '件']]);
  assert.deepEqual(t('66.7%，百分之百'), [[66.7, true, '%'], [100, true, '%']]);
  assert.deepEqual(t('12万元，1.2万元，400元'), [[120000, true, '元'], [12000, true, '元'], [400, true, '元']]);
});

test('numbers: approximations are never exact', () => {
  const t = (s: string) => scanNumbers(s).map((x) => [x.value, x.exact]);
  assert.deepEqual(t('30余条'), [[30, false]]);
  assert.deepEqual(t('千余条'), [[1000, false]]);
  assert.deepEqual(t('近百件'), [[100, false]]);
  assert.deepEqual(t('约20件'), [[20, false]]);
  assert.deepEqual(t('20件左右'), [[20, false]]);
  assert.deepEqual(t('10件以上'), [[10, false]]);
  assert.deepEqual(t('十多件'), [[10, false]]);
  assert.deepEqual(t('数十件'), [[10, false]]);
  assert.deepEqual(t('1.2万条'), [[12000, false]]);
  assert.deepEqual(t('上百件'), [[100, false]]);
});

test('numbers: dates, phone and document numbers, ordinals and measures are not counts', () => {
  assert.deepEqual(scanNumbers('2020年5月15日'), []);
  assert.deepEqual(scanNumbers('电话：0533-7878118，邮箱zb2777902@zb.shandong.cn'), []);
  assert.deepEqual(scanNumbers('淄政办发〔2019〕5号，国办公开办函〔2019〕60号'), []);
  assert.deepEqual(scanNumbers('第1件，第一件，3个工作日，两个方面，推进一件事改革'), []);
});

test('sample 000: "各1件" is not a total; 建议、提案、留言 are not applications; "未发生…复议和诉讼" is none of each', () => {
  assert.deepEqual(read('依申请公开政府信息情况：2020年，我局共收到和办理邮寄方式、网上依申请公开事项各1件，均按照规范流程答复，在规定时间内办结。'), []);
  assert.deepEqual(read('建议和提案办理情况：2020年，我局收到市人大代表建议4件，收到市政协委员提案2件，办复率、满意率均达到100%，答复全文已在网站公开发布。'), []);
  assert.deepEqual(read('发布解读、回应社会关切以及互动交流情况：2020年，我局局长信箱共收到网络留言6次，均按照规范流程答复，在规定时间内办结。'), []);
  assert.deepEqual(read('因政府信息公开申请行政复议、行政诉讼的情况：2020年，我局未发生针对本单位政府信息公开的行政复议申请和行政诉讼案件。'), [
    { kind: 'review', value: 0, none: true, text: '未发生针对本单位政府信息公开的行政复议申请和行政诉讼案件' },
    { kind: 'litigation', value: 0, none: true, text: '未发生针对本单位政府信息公开的行政复议申请和行政诉讼案件' },
  ]);
  assert.deepEqual(read('1、淄博市投资促进网（http://invest.zibo.gov.cn/）共计更新概况类和政务动态类信息458条，2、淄博市人民政府网站（http://www.zibo.gov.cn/）共计更新105条，4、各类新闻媒体共计刊发30余条。'), []);
  assert.deepEqual(read('如对本报告有任何疑问，请联系淄博市投资促进局政府信息公开工作领导小组办公室（地址：淄博市张店区柳泉路312号，邮编：255000，电话：2777902，邮箱：zb2777902@zb.shandong.cn）。', 'preamble'), []);
});

test('sample 001: "无依申请公开信息情况" is none received; 稿件140余篇 and 2项建议 are nothing', () => {
  assert.deepEqual(read('2、依申请公开。我局2020年无依申请公开信息情况。'), [{ kind: 'noRequests', value: 0, text: '无依申请公开' }]);
  assert.deepEqual(read('2020年区工信局通过区政府网站公开信息44条，各级媒体及网络新媒体共投放、发放稿件140余篇。2020年，我局承担了2项人大代表建议和1项政协委员提案办理工作。'), []);
});

test('sample 002: 共收到政府信息公开申请4件 is read, 政民互动办件28件 and dates are not', () => {
  assert.deepEqual(read('（二）依申请公开情况。共收到政府信息公开申请4件，政民互动办件28件，根据申请人申请内容，在规定时间内，严格按照相关法律法规出具了答复并提供了相关信息，在此过程中无信息公开收费情况。'), [
    { kind: 'received', value: 4, text: '收到政府信息公开申请4件' },
  ]);
  assert.deepEqual(read('深入贯彻2020年5月15日修订实施后的《条例》《办法》， 按照《淄博市人民政府办公室关于印发2019年淄博市政务公开工作方案的通知》（淄政办发〔2019〕5号）等文件要求。'), []);
  // A count on one channel is not the organ's total; 千余条 is not exact and has no anchor.
  assert.deepEqual(read('在管委会门户网站主动公开政府信息514条。通过“淄博经济开发区”微信公众平台发布我区出台的重大政策，2020年共发布信息千余条。'), []);
});

test('sample 003: 主动公开 total with its "其中" parts (spaces around numbers), 未收到申请, 无收取信息处理费', () => {
  assert.deepEqual(read('1. 主动公开情况。2023 年，区投资促进中心主动公开政府信息 217 条。其中，通过政府门户网站向社会主动公开信息 23 条，主要涉及政务公开专栏机构职能、工作动态、财政信息及投资博山专栏等；通过微信公众号“投资博山”发布信息 228 条。'), [
    { kind: 'activeTotal', value: 217, text: '主动公开政府信息 217 条' },
    { kind: 'activePart', value: 23, parent: 0, text: '通过政府门户网站向社会主动公开信息 23 条' },
    { kind: 'activePart', value: 228, parent: 0, text: '通过微信公众号“投资博山”发布信息 228 条' },
  ]);
  // The word 依申请 is broken across a blank line in the sample: the sentence goes on.
  assert.deepEqual(read('2. 依申请公开情况。2023 年 1 月 1 日至 12 月 31 日，我中心继续履行政府信息公开申请受理义务，不断完善规范依\n\n申请公开的受理、审查、处理、答复程序。截至目前，我单位未收到政府信息公开申请。'), [
    { kind: 'noRequests', value: 0, text: '未收到政府信息公开申请' },
  ]);
  assert.deepEqual(read('1. 依申请公开信息处理费收费情况：2023 年度无收取依申请公开信息处理费情况。\n\n2. 本年度建议提案办理情况：2023 年，我单位无承办人大代表建议和政协委员提案情况。', 'other'), [
    { kind: 'feeNone', value: 0, text: '无收取依申请公开信息处理费' },
  ]);
});

test('the four application counts, in Chinese and full-width numerals', () => {
  assert.deepEqual(read('本年新收政府信息公开申请十二件，上年结转两件，办结一十四件，结转下年度〇件。', 'requests'), [
    { kind: 'received', value: 12, text: '新收政府信息公开申请十二件' },
    { kind: 'carriedOver', value: 2, text: '上年结转两件' },
    { kind: 'concluded', value: 14, text: '办结一十四件' },
    { kind: 'carriedForward', value: 0, text: '结转下年度〇件' },
  ]);
  assert.deepEqual(read('全年共受理申请１０５件，办结１０５件。', 'requests'), [
    { kind: 'received', value: 105, text: '受理申请１０５件' },
    { kind: 'concluded', value: 105, text: '办结１０５件' },
  ]);
  // Outside section 三 a bare "申请" needs an anchor: it could be any kind of application.
  assert.deepEqual(read('全年共受理申请105件，办结105件。'), []);
});

test('approximations are read but marked inexact; counts of parts and comparisons are not read', () => {
  assert.deepEqual(read('共收到政府信息公开申请30余件，办结近百件，约20件结转下年度，另有10件左右正在办理。', 'requests'), [
    { kind: 'received', value: 30, exact: false, text: '收到政府信息公开申请30余件' },
    { kind: 'concluded', value: 100, exact: false, text: '办结近百件' },
    { kind: 'carriedForward', value: 20, exact: false, text: '约20件结转下年度' },
  ]);
  assert.deepEqual(read('本年度收到申请12件，其中自然人申请10件，法人或其他组织申请2件；通过网上申请9件，信函申请3件。', 'requests'), [
    { kind: 'received', value: 12, text: '收到申请12件' },
  ]);
  assert.deepEqual(read('本年度收到申请12件，较上年增加3件，同比增长33.3%。', 'requests'), [{ kind: 'received', value: 12, text: '收到申请12件' }]);
});

test('result categories with counts and percentages; a reason-qualified count is one row, not the category', () => {
  assert.deepEqual(read('其中，予以公开8件，占66.7%；部分公开2件（占比16.7%），不予公开1件，无法提供1件，不予处理0件，其他处理0件。', 'requests'), [
    { kind: 'result', value: 8, categories: ['granted'], text: '予以公开8件' },
    { kind: 'resultShare', value: 66.7, categories: ['granted'], text: '占66.7%' },
    { kind: 'result', value: 2, categories: ['partlyGranted'], text: '部分公开2件' },
    { kind: 'resultShare', value: 16.7, categories: ['partlyGranted'], text: '占比16.7%' },
    { kind: 'result', value: 1, categories: ['denied'], text: '不予公开1件' },
    { kind: 'result', value: 1, categories: ['unavailable'], text: '无法提供1件' },
    { kind: 'result', value: 0, categories: ['notProcessed'], text: '不予处理0件' },
    { kind: 'result', value: 0, categories: ['other'], text: '其他处理0件' },
  ]);
  assert.deepEqual(read('因属于国家秘密不予公开1件，因本机关不掌握相关政府信息无法提供3件。', 'requests'), []);
});

test('Shanghai 2019: combined categories, "因…等原因" claims the category, 含上年度结转', () => {
  const text =
    '市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定期限内予以答复。' +
    '予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；不予处理158件，占19.6%；其他处理0件。' +
    '信息公开类行政复议7件，诉讼9件，均获维持，继续保持了省级政府零败诉的记录。';
  assert.deepEqual(read(text), [
    { kind: 'received', value: 859, text: '受理政府信息公开申请859件' },
    { kind: 'concluded', value: 805, text: '答复政府信息公开申请805件' },
    { kind: 'carriedOver', value: 18, text: '上年度结转申请18件' },
    { kind: 'result', value: 258, categories: ['granted', 'partlyGranted'], text: '予以公开及部分公开258件' },
    { kind: 'resultShare', value: 33.9, categories: ['granted', 'partlyGranted'], text: '占33.9%' },
    { kind: 'result', value: 35, categories: ['denied'], text: '不予公开35件' },
    { kind: 'resultShare', value: 4.34, categories: ['denied'], text: '占4.34%' },
    { kind: 'result', value: 265, categories: ['unavailable'], text: '无法提供265件' },
    { kind: 'resultShare', value: 32.9, categories: ['unavailable'], text: '占32.9%' },
    { kind: 'result', value: 158, categories: ['notProcessed'], text: '不予处理158件' },
    { kind: 'resultShare', value: 19.6, categories: ['notProcessed'], text: '占19.6%' },
    { kind: 'result', value: 0, categories: ['other'], text: '其他处理0件' },
    { kind: 'review', value: 7, text: '行政复议7件' },
    { kind: 'litigation', value: 9, text: '诉讼9件' },
    { kind: 'allUpheld', value: 0, subjects: ['review', 'litigation'], text: '均获维持' },
  ]);
  assert.deepEqual(read('全年共受理政府信息公开申请105件（含上年结转3件），均已按时答复。'), [
    { kind: 'received', value: 105, includesCarriedOver: true, text: '受理政府信息公开申请105件' },
    { kind: 'carriedOver', value: 3, text: '上年结转3件' },
  ]);
});

test('行政复议 and 行政诉讼: counts, "各", none, "均为0", outcome words; the organ\'s other cases are not read', () => {
  assert.deepEqual(read('本年度因政府信息公开被申请行政复议2件，提起行政诉讼1件，均获维持。', 'review'), [
    { kind: 'review', value: 2, text: '行政复议2件' },
    { kind: 'litigation', value: 1, text: '行政诉讼1件' },
    { kind: 'allUpheld', value: 0, subjects: ['review', 'litigation'], text: '均获维持' },
  ]);
  assert.deepEqual(read('行政复议和行政诉讼各1件，均被维持。', 'review'), [
    { kind: 'review', value: 1, text: '行政复议和行政诉讼各1件' },
    { kind: 'litigation', value: 1, text: '行政复议和行政诉讼各1件' },
    { kind: 'allUpheld', value: 0, subjects: ['review', 'litigation'], text: '均被维持' },
  ]);
  assert.deepEqual(read('本机关未被申请行政复议，也未被提起行政诉讼。', 'review'), [
    { kind: 'review', value: 0, none: true, text: '未被申请行政复议' },
    { kind: 'litigation', value: 0, none: true, text: '未被提起行政诉讼' },
  ]);
  assert.deepEqual(read('行政复议、行政诉讼均为0。', 'review'), [
    { kind: 'review', value: 0, none: true, text: '行政复议、行政诉讼均为0' },
    { kind: 'litigation', value: 0, none: true, text: '行政复议、行政诉讼均为0' },
  ]);
  assert.deepEqual(read('全年办理行政复议案件120件，行政应诉案件35件。'), []);
});

test('规章 and 规范性文件: verbs, a verb carried to the next noun, numbers before the noun; 规章制度、清理、全市 are not read', () => {
  assert.deepEqual(read('本年制发规章2件、规范性文件5件，废止规范性文件1件，现行有效规范性文件30件。', 'active'), [
    { kind: 'docs', value: 2, doc: 'rules', verb: 'issue', text: '制发规章2件' },
    { kind: 'docs', value: 5, doc: 'normativeDocs', verb: 'issue', text: '规范性文件5件' },
    { kind: 'docs', value: 1, doc: 'normativeDocs', verb: 'repeal', text: '废止规范性文件1件' },
    { kind: 'docs', value: 30, doc: 'normativeDocs', verb: 'inForce', text: '现行有效规范性文件30件' },
  ]);
  assert.deepEqual(read('制定完善规章制度3项，清理规范性文件20件，印发5件规范性文件，全市共出台规范性文件88件。', 'active'), [
    { kind: 'docs', value: 5, doc: 'normativeDocs', verb: 'issue', text: '印发5件规范性文件' },
  ]);
  assert.deepEqual(read('2019年，通过“中国上海”门户网站、《上海市人民政府公报》等平台主动公开规章13件，行政规范性文件60件，市政府其他文件162件，人事任免文件141件。'), [
    { kind: 'docs', value: 13, doc: 'rules', verb: 'publish', text: '公开规章13件' },
    { kind: 'docs', value: 60, doc: 'normativeDocs', verb: 'publish', text: '行政规范性文件60件' },
  ]);
  assert.deepEqual(read('全年共主动公开政府信息一百零五条，其中通过门户网站公开100条。', 'active'), [
    { kind: 'activeTotal', value: 105, text: '主动公开政府信息一百零五条' },
    { kind: 'activePart', value: 100, parent: 0, text: '其中通过门户网站公开100条' },
  ]);
});

test('信息处理费: notices, their amount, fees collected (元 and 万元), none; the 办法 title is not a statement', () => {
  assert.deepEqual(read('本年度共发出收费通知3件，金额共计1250元，实际收取信息处理费1000元。', 'other'), [
    { kind: 'feeNotices', value: 3, text: '发出收费通知3件' },
    { kind: 'feeNoticeAmount', value: 1250, text: '金额共计1250元' },
    { kind: 'feeCollected', value: 1000, text: '实际收取信息处理费1000元' },
  ]);
  assert.deepEqual(read('依据《政府信息公开信息处理费管理办法》规定，2025年实际收取信息处理费共计400元。', 'other'), [
    { kind: 'feeCollected', value: 400, text: '实际收取信息处理费共计400元' },
  ]);
  // The region's fees are not the organ's.
  assert.deepEqual(read('依据《政府信息公开信息处理费管理办法》规定，2025年全市实际收取信息处理费共计400元。', 'other'), []);
  assert.deepEqual(read('本年度未收取信息公开处理费。', 'other'), [{ kind: 'feeNone', value: 0, text: '未收取信息公开处理费' }]);
  assert.deepEqual(read('信息处理费收取情况：无。', 'other'), [{ kind: 'feeNone', value: 0, text: '信息处理费收取情况：无' }]);
  assert.deepEqual(read('本机关未发出收费通知，未收取信息处理费。申请人逾期未缴纳信息处理费的，视为放弃申请。', 'other'), [
    { kind: 'feeNotices', value: 0, text: '未发出收费通知' },
    { kind: 'feeNone', value: 0, text: '未收取信息处理费' },
  ]);
  assert.deepEqual(read('收取信息处理费0.04万元。', 'other'), [{ kind: 'feeCollected', value: 400, text: '收取信息处理费0.04万元' }]);
});

test('negation scope: only a negation that governs the count means none', () => {
  assert.deepEqual(read('该行政复议件未被复议审查机关纠错。', 'review'), []);
  assert.deepEqual(read('全年未发生政府信息公开工作被行政复议纠错或行政诉讼败诉情形。'), []);
  assert.deepEqual(read('本年度未发生政府信息公开行政复议、行政诉讼案件。', 'review'), [
    { kind: 'review', value: 0, none: true, text: '未发生政府信息公开行政复议、行政诉讼案件' },
    { kind: 'litigation', value: 0, none: true, text: '未发生政府信息公开行政复议、行政诉讼案件' },
  ]);
  assert.deepEqual(read('政府信息公开行政复议0件。', 'review'), [{ kind: 'review', value: 0, text: '行政复议0件' }]);
  assert.deepEqual(read('本年度没有收到政府信息公开申请。', 'requests'), [{ kind: 'noRequests', value: 0, text: '没有收到政府信息公开申请' }]);
});

test('region-wide clauses (全区, 全市, 各部门…) are not read; the organ named again is', () => {
  assert.deepEqual(read('全区共收到政府信息公开申请120件，办结118件。', 'requests'), []);
  assert.deepEqual(read('各部门共发生政府信息公开行政复议案件3件，行政诉讼案件2件。', 'review'), []);
  assert.deepEqual(read('全区主动公开政府信息1510条，其中网站130条、微信550条。'), []);
  assert.deepEqual(read('全区共收到政府信息公开申请120件，本局收到政府信息公开申请15件。', 'requests'), [
    { kind: 'received', value: 15, text: '收到政府信息公开申请15件' },
  ]);
  assert.deepEqual(read('按照全市统一部署，本局共收到政府信息公开申请15件。', 'requests'), [{ kind: 'received', value: 15, text: '收到政府信息公开申请15件' }]);
});

test('categories, 新收 with 结转, 清理 with 现行有效, listed channels', () => {
  assert.deepEqual(read('共收到政府信息公开申请9件，同意公开答复9件。', 'requests'), [
    { kind: 'received', value: 9, text: '收到政府信息公开申请9件' },
    { kind: 'result', value: 9, categories: ['granted'], text: '同意公开答复9件' },
  ]);
  assert.deepEqual(read('本年新收政府信息公开申请75件（含上年结转1件）。', 'requests'), [
    { kind: 'received', value: 75, includesCarriedOver: true, text: '新收政府信息公开申请75件' },
    { kind: 'carriedOver', value: 1, text: '上年结转1件' },
  ]);
  assert.deepEqual(read('清理并集中发布现行有效行政规范性文件393件。', 'active'), [
    { kind: 'docs', value: 393, doc: 'normativeDocs', verb: 'inForce', text: '现行有效行政规范性文件393件' },
  ]);
  assert.deepEqual(read('清理规范性文件20件。', 'active'), []);
  assert.deepEqual(read('主动公开政府信息151条，其中网站13条、微信55条、政务服务141条。'), [
    { kind: 'activeTotal', value: 151, text: '主动公开政府信息151条' },
    { kind: 'activePart', value: 13, parent: 0, text: '其中网站13条' },
    { kind: 'activePart', value: 55, parent: 0, text: '微信55条' },
    { kind: 'activePart', value: 141, parent: 0, text: '政务服务141条' },
  ]);
});

test('spans are offsets into the section text, with the line in it', () => {
  const text = '一段开头。\n2023年，本机关共收到政府信息公开申请 12 件，办结12件。';
  const [received, concluded] = readText(text, 'requests');
  assert.equal(text.slice(received!.start, received!.end), '收到政府信息公开申请 12 件');
  assert.equal(received!.line, 2);
  assert.equal(text.slice(concluded!.start, concluded!.end), '办结12件');
  const r = sample('002');
  const st = readNarrative(r).find((s) => s.kind === 'received')!;
  assert.equal(st.section, 'overview');
  assert.equal(r.sections.overview!.slice(st.start, st.end), '收到政府信息公开申请4件');
});

test('the five samples and the builder reports: what the reader finds', () => {
  const kinds = (r: Parameters<typeof readNarrative>[0]) => readNarrative(r).map((s) => `${s.section}:${s.kind}=${s.value}`);
  assert.deepEqual(kinds(sample('000')), ['overview:review=0', 'overview:litigation=0']);
  assert.deepEqual(kinds(sample('002')), ['overview:received=4']);
  assert.deepEqual(kinds(sample('003')), ['overview:activeTotal=217', 'overview:activePart=23', 'overview:activePart=228', 'overview:noRequests=0', 'other:feeNone=0']);
  assert.deepEqual(kinds(baseReport()), ['other:feeNone=0']);
});

test('similarity: character bigrams, digits alike, punctuation ignored', () => {
  assert.equal(similarity('2022年，本局认真贯彻条例。', '2023年，本局认真贯彻条例！'), 1);
  assert.ok(similarity('本局认真贯彻落实条例，做好主动公开工作。', '今年加强政策解读，回应社会关切。') < 0.2);
  assert.equal(similarity('', ''), 1);
});
