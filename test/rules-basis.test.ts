import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rulesMarkdown } from '../src/check/docs.ts';
import { loadRules } from '../src/check/engine.ts';
import type { RuleMeta } from '../src/check/types.ts';

/**
 * What every finding, `ogi rules` and docs/rules.md print must be something a reader can
 * look up: no file of ours (users do not have them) and no section sign of an internal document.
 */
const INTERNAL: [RegExp, string][] = [
  [/statute-and-rules/, 'an internal file (statute-and-rules.md)'],
  [/report-data/, 'an internal file (report-data.md)'],
  [/\.md\b/, 'a Markdown file'],
  [/§\s*\d/, 'a section of an internal document (§ and a number)'],
];

/**
 * The sources a basis may name; at least one must be there. A legal source is named by its
 * title or document number; where there is none, the basis says so in plain words.
 */
const SOURCES: [RegExp, string][] = [
  [/《政府信息公开条例》|条例第[一二三四五六七八九十]+条/, '条例 (by title, or an article)'],
  [/国办公开办函〔2019〕60号|〔2021〕30号/, 'the format notices 国办公开办函〔2019〕60号 / 〔2021〕30号'],
  [/国办函〔2020〕109号|《政府信息公开信息处理费管理办法》/, 'the fee 办法 (国办函〔2020〕109号)'],
  [/《立法法》第[一二三四五六七八九十]+条/, '立法法 (an article)'],
  [/[省市县区](?:[^；：]{0,20}?)(?:通知|规定|地方标准|表头注释)/, 'a named local document'],
  [/评估报告|评估机构/, 'a named evaluation'],
  [/实践惯例|实践做法|经验阈值|启发式|由表格结构推出/, 'no legal source, said plainly'],
];

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 一 … 九十九 (article numbers of the 条例). */
function chineseNumber(s: string): number {
  const [tens, ones] = s.includes('十') ? s.split('十') : ['', s];
  return (s.includes('十') ? (tens ? CN_DIGITS[tens]! : 1) * 10 : 0) + (ones ? CN_DIGITS[ones]! : 0);
}

function userText(meta: RuleMeta): [string, string][] {
  return [
    ['basis', meta.basis],
    ['description', meta.description],
    ['docs', meta.docs],
    ...Object.entries(meta.messages).map(([id, m]): [string, string] => [`messages.${id}`, m]),
  ];
}

test('rule texts cite no internal file or section', async () => {
  for (const { meta } of await loadRules()) {
    for (const [field, text] of userText(meta)) {
      for (const [re, what] of INTERNAL) assert.doesNotMatch(text, re, `${meta.id} ${field} cites ${what}: ${text}`);
    }
  }
});

test('every basis names a source a reader can look up, or says there is none', async () => {
  for (const { meta } of await loadRules()) {
    assert.ok(
      SOURCES.some(([re]) => re.test(meta.basis)),
      `${meta.id} basis names none of: ${SOURCES.map(([, what]) => what).join('; ')}\n  basis: ${meta.basis}`,
    );
  }
});

test('articles of the 条例 cited in rule texts exist (第一条 … 第五十六条)', async () => {
  for (const { meta } of await loadRules()) {
    for (const [field, text] of userText(meta)) {
      for (const m of text.matchAll(/条例第([一二三四五六七八九十]+)条/g)) {
        const n = chineseNumber(m[1]!);
        assert.ok(n >= 1 && n <= 56, `${meta.id} ${field} cites 条例第${m[1]}条, which does not exist`);
      }
    }
  }
});

test('the generated catalogue cites no internal file or section either', async () => {
  const md = rulesMarkdown(await loadRules());
  for (const [re, what] of INTERNAL) assert.doesNotMatch(md, re, `docs/rules.md cites ${what}`);
});
