import { labelKey } from '../../schema/normalize.ts';
import { REQUEST_BALANCE_NOTE, REQUEST_ROWS } from '../../schema/requests.ts';
import { defineRule } from '../define-rule.ts';

/** Wording only: label folding, then without punctuation and brackets (conversion noise). */
const words = (text: string) => labelKey(text).replace(/[()（）[\]{}<>《》,，.。:：;；、!！?？\-—]/g, '');

const BALANCE = words(REQUEST_BALANCE_NOTE);
const PARTLY_ROW = REQUEST_ROWS.find((r) => r.key === 'partlyGranted')!;
/** The 部分公开 note as printed in the row label: （区分处理的，只计这一情形，不计其他情形）. */
const PARTLY_NOTE_TEXT = PARTLY_ROW.label.slice(PARTLY_ROW.label.indexOf('（', 1));
const PARTLY_NOTE = words(PARTLY_NOTE_TEXT);

/** A printed fragment agrees with the note when it is part of it (a line break cut it) or contains all of it. */
const agrees = (printed: string, note: string) => note.includes(printed) || printed.includes(note);

const rule = defineRule({
  meta: {
    id: 'TPL-12',
    name: 'requests-notes',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '国办公开办函〔2019〕60号、〔2021〕30号附表三的表内说明：勾稽关系说明与“（二）部分公开”计数说明',
    description: '表三印出勾稽关系说明与“（二）部分公开”的计数说明，措辞与格式一致',
    docs:
      '表三左上角印有“（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）”，“（二）部分公开”行印有“（区分处理的，只计这一情形，不计其他情形）”。' +
      '这两条说明规定了计数方法，应照印。本规则检查两条说明是否印出、措辞是否一致；比较时忽略标点、括号、空白与全角半角差别，' +
      '并容许说明被换行截断（印出的部分是法定说明的一段即视为相符），以免把文本转换造成的断行当作问题。说明缺失或措辞不同为警告（生成报告时应视为错误）。' +
      '表三未找到时由 TPL-09 报告；报告来自 JSON 数据（没有版面结构）时不作报告。',
    messages: {
      balanceMissing: '表三未印出勾稽关系说明，应为“{expected}”',
      balanceWording: '表三的勾稽关系说明印为“{printed}”，应为“{expected}”',
      partlyMissing: '{where}未印出计数说明：应为“（二）部分公开{expected}”，实际印为“{printed}”',
      partlyWording: '{where}的计数说明印为“{printed}”，应为“（二）部分公开{expected}”',
    },
  },
  check(ctx) {
    const doc = ctx.doc;
    const structure = doc.structure;
    if (!structure) return;
    if (doc.notes.some((n) => n.code === 'table-missing' && n.path === 'requests')) return;
    const note = structure.labels['requests.note'];
    if (!note) {
      ctx.report({ messageId: 'balanceMissing', data: { expected: REQUEST_BALANCE_NOTE }, location: { table: 'requests' }, span: null, actual: null, expected: REQUEST_BALANCE_NOTE });
    } else if (!agrees(words(note.text), BALANCE)) {
      ctx.report({
        messageId: 'balanceWording',
        data: { printed: note.text, expected: REQUEST_BALANCE_NOTE },
        location: { table: 'requests' },
        span: note,
        actual: note.text,
        expected: REQUEST_BALANCE_NOTE,
      });
    }
    const partly = structure.labels['requests.partlyGranted'];
    if (!partly) return;
    const printed = words(partly.text);
    const at = printed.indexOf('区分处理');
    const location = { table: 'requests' as const, row: 'partlyGranted' };
    const data = { printed: partly.text, expected: PARTLY_NOTE_TEXT };
    if (at < 0) {
      ctx.report({ messageId: 'partlyMissing', data, location, span: partly, actual: partly.text, expected: PARTLY_ROW.label });
      return;
    }
    const rest = printed.slice(at);
    if (!(PARTLY_NOTE.startsWith(rest) || rest.startsWith(PARTLY_NOTE))) {
      ctx.report({ messageId: 'partlyWording', data, location, span: partly, actual: partly.text, expected: PARTLY_ROW.label });
    }
  },
});

export default rule;
