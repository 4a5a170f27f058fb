import { labelKey } from './normalize.ts';

/**
 * Damaged printings of a statutory label: a label a PDF export or OCR broke ("其他法律行政止公开",
 * a character dropped), cut at a line wrap ("其他法律行政法"), or printed in traditional
 * characters ("重複申請"). Used only to take a row that sits in its statutory place between
 * two rows that were recognised; the reader notes the printed label.
 */

/** Traditional forms of the characters of the statutory labels (and OCR's favourite confusions). */
const TRADITIONAL: Record<string, string> = Object.fromEntries(
  [
    '復复', '複复', '請请', '開开', '處处', '機机', '關关', '係系', '據据', '計计', '決决', '規规', '範范', '護护', '權权',
    '屬属', '務务', '過过', '執执', '檢检', '詢询', '無无', '現现', '製制', '補补', '後后', '內内', '確确', '認认', '訪访',
    '舉举', '報报', '訴诉', '類类', '數数', '當当', '問问', '達达', '義义', '與与', '國国', '許许', '強强', '費费', '總总',
    '結结', '轉转', '議议', '項项', '單单', '業业', '構构', '組组', '織织', '會会', '經经', '濟济', '產产', '資资', '實实',
    '應应', '對对', '門门', '戶户', '網网', '區区', '縣县', '鎮镇', '鄉乡', '廳厅', '辦办', '員员', '維维', '糾纠', '審审',
    '訟讼', '條条', '間间', '錄录', '證证', '穩稳', '險险', '獲获', '購购', '額额', '標标', '準准', '導导', '療疗',
    '衛卫', '環环', '稅税', '價价', '劃划', '畫画', '態态', '體体', '設设', '讓让', '顯显', '歸归', '錯错', '誤误',
  ].map((p) => [p[0]!, p[1]!]),
);

export function simplify(text: string): string {
  let out = '';
  for (const ch of text) out += TRADITIONAL[ch] ?? ch;
  return out;
}

function lcs(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(up, prev[j - 1]!);
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * How closely a printed label (its `labelKey`) resembles a statutory wording, 0–1: a
 * label cut at a wrap counts by the share it keeps; otherwise the share of characters
 * shared in order.
 */
export function resemblance(printedKey: string, wording: string): number {
  // A group label a wrap glued before the row's own number ("不4.保护第三方合法权"): the row starts at its number.
  const inner = /^.+?\d+\.(?=\D)/.exec(printedKey);
  return Math.max(resembles(printedKey, wording), inner ? resembles(printedKey.slice(inner[0].length), wording) : 0);
}

function resembles(printedKey: string, wording: string): number {
  const printed = simplify(printedKey);
  const want = simplify(labelKey(wording));
  if (printed.length < 3 || want.length === 0) return 0;
  if (printed === want) return 1;
  if (want.startsWith(printed) || want.endsWith(printed)) return printed.length >= 4 ? Math.max(0.8, printed.length / want.length) : 0;
  return lcs(printed, want) / Math.max(printed.length, want.length);
}

/** A printed label close enough to a statutory wording to be taken in its statutory place. */
export const CLOSE_VARIANT = 0.75;
