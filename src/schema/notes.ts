/**
 * What the extractor says about a report it could not read cleanly. Rules and the
 * pages read these codes, never the wording of the message.
 */
export const NOTE_DEFS = {
  'template-by-year': '未识别到统计表的格式特征，按年度推定格式',
  'table-missing': '未找到某张统计表',
  'table-empty': '统计表只有表头，没有数值',
  'item-missing': '表二缺少第二十条的某一项',
  'row-missing': '未找到某一行',
  'column-missing': '未找到某一列',
  'extra-row': '表二有法定格式以外的行，单独保存',
  'extra-column': '有未识别的列，已忽略',
  'row-surplus-cells': '一行的单元格多于法定列数：多出的是行首行尾的空白或唯一一种取法满足勾稽关系时取用，否则该行记为空白',
  'row-misread': '表中数字疑为窄单元格中折行的碎片（PDF 转换常见）：总计不等于各项之和、单元格不全或与行名不在同一行的行（组）记为空白',
  'row-wrapped-joined': '窄单元格中折行的数字（PDF 转换常见）按所在列把上下行的碎片拼接：总计等于其余各值之和时取用；印有的数值少于列数时，各值所在的列须由表的列勾稽关系唯一确定（表四须只有一种分组使每组总计等于各项之和），否则未确定的格记为空白',
  'row-short': '一行的单元格少于法定列数，能由勾稽关系唯一确定位置时取用；有几种位置时只取各种位置下都相同的格，其余记为空白',
  'row-unrecognised': '表内有一行带数值的行名未能识别为任何法定行，位于某一未找到的行的位置',
  'row-label-variant': '行名印刷有误（缺字、折行截断、繁体），按其在法定行序中的位置读取',
  'digit-run-split': '单元格边界丢失的连写数字，按勾稽关系唯一拆分',
  'digit-run-unsplittable': '连写数字不能拆分为满足勾稽关系的数值，按原样读取',
  'digit-run-ambiguous': '连写数字有多种读法（拆分方式、少印空白单元格的位置），无法唯一确定的格记为空白',
  'digit-run-resolved': '连写数字按行、列勾稽关系唯一拆分',
  'cells-undetermined': '一行有几种读法（连写数字的拆分、少印的空白单元格的位置）都满足行、列勾稽关系：只取各种读法下都相同的格，其余记为空白',
  'digit-run-evidenced': '连写数字依据正文所述数值唯一拆分',
  'ocr-repaired': 'OCR 识别存疑的数字按勾稽关系唯一修正',
  'ocr-doubtful': 'OCR 识别存疑的数字与勾稽关系不符，未修正',
} as const satisfies Record<string, string>;

export type NoteCode = keyof typeof NOTE_DEFS;
export const NOTE_CODES = Object.keys(NOTE_DEFS) as [NoteCode, ...NoteCode[]];

/**
 * Notes that say a row was printed as digit runs, or that its cells could be placed only in part: its
 * cell count is a reading matter (TPL-06, TPL-08, TPL-11 stay silent).
 */
export const DIGIT_RUN_NOTES: readonly string[] = ['digit-run-split', 'digit-run-unsplittable', 'digit-run-ambiguous', 'digit-run-resolved', 'digit-run-evidenced', 'cells-undetermined'] satisfies NoteCode[];
