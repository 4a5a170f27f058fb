/** Chinese numerals as printed in reports: 十二, 两, 一百零五, 二〇二一, 1万2千 is not supported. */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, Ｏ: 0, O: 0, o: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 俩: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG: Record<string, number> = { 万: 10000, 亿: 100000000 };

export const CHINESE_NUMERAL_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿';

/** Parses a Chinese numeral; null when the text is not one. */
export function parseChineseNumber(text: string): number | null {
  if (text === '') return null;
  // Digit-by-digit form, as in years: 二〇二一
  if ([...text].every((ch) => ch in DIGITS) && text.length > 1) {
    return Number([...text].map((ch) => DIGITS[ch]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of text) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
    } else if (ch in UNITS) {
      section += (digit < 0 ? 1 : digit) * UNITS[ch]!;
      digit = -1;
    } else if (ch in BIG) {
      section += Math.max(digit, 0);
      total += section * BIG[ch]!;
      section = 0;
      digit = -1;
    } else {
      return null;
    }
  }
  return total + section + Math.max(digit, 0);
}
