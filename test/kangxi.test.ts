import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeRadicals, SIMPLIFIED_FORMS } from '../src/schema/radicals.ts';

// What a simplified-Chinese report means by each radical whose Unicode equivalent is traditional or a variant.
const SIMPLIFIED: Record<string, string> = {
  '⼾': '户', '⾭': '青', '⿈': '黄', '⺞': '歹',
  '⾒': '见', '⾙': '贝', '⾞': '车', '⾧': '长', '⻑': '长', '⾨': '门', '⾱': '韦', '⾴': '页', '⾵': '风', '⾶': '飞',
  '⾺': '马', '⾾': '斗', '⿂': '鱼', '⿃': '鸟', '⿄': '卤', '⿆': '麦', '⿌': '黾', '⿑': '齐', '⿒': '齿', '⿓': '龙',
  '⿔': '龟', '⻱': '龟', '⺯': '纟', '⻟': '饣',
  '⻫': '齐', '⻭': '齿', '⻯': '龙', '⻲': '龟',
};

test('every override of the radical table gives the simplified form', () => {
  assert.deepEqual(SIMPLIFIED_FORMS, SIMPLIFIED);
  for (const [radical, simplified] of Object.entries(SIMPLIFIED)) assert.equal(normalizeRadicals(radical), simplified, radical);
});

test('the simplified radicals Unicode already maps to simplified characters keep them', () => {
  assert.equal(normalizeRadicals('⻔⻓⻋⻅⻆⻢⻉⻄⻘⻝⻩⻛⻚⻜⻬⻰⻳⼉⾔⻈'), '门长车见角马贝西青食黄风页飞齐龙龟儿言讠');
});

test('"门⼾网站" from a PDF text layer reads "门户网站", not "门戶网站"', () => {
  assert.equal(normalizeRadicals('门⼾网站'), '门户网站');
  assert.equal(normalizeRadicals('⾨⼾⽹站'), '门户网站');
});
