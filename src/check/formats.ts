import type { Template } from '../schema/templates.ts';

/** Short Chinese names of the formats, for messages (TPL-01, TPL-02, TPL-05, TPL-06, TPL-09, TPL-10, TPL-14). */
export const FORMAT_NAMES: Record<Template, string> = {
  '2019': '2019年版格式（国办公开办函〔2019〕60号）',
  '2021': '2021年版格式（国办公开办函〔2021〕30号）',
  legacy: '2019年以前的旧格式',
};
