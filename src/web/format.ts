import type { Severity } from '../check/types.ts';

/** Words and number formats the pages share (Chinese UI). */

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export const ISSUER_LABEL: Record<string, string> = { government: '人民政府', department: '政府部门', township: '乡镇（街道）', other: '其他' };

export const TEMPLATE_LABEL: Record<string, string> = { '2021': '2021 格式', '2019': '2019 格式', legacy: '2019 年以前格式' };

export const FORMAT_LABEL: Record<string, string> = {
  txt: '文本', md: 'Markdown', html: '网页', docx: 'Word', pdf: 'PDF', image: '图片', json: 'JSON', yaml: 'YAML',
};

export const VERSION_KIND_LABEL: Record<string, string> = { import: '导入', correction: '修改', revert: '恢复', draft: '新建', edit: '编写' };

/** Export formats of the renderer, as the API names them, with their labels. */
export const RENDER_FORMATS: readonly [string, string][] = [
  ['html', '网页'], ['pdf', 'PDF'], ['docx', 'Word'], ['xlsx', 'Excel'], ['csv', 'CSV'], ['txt', '文本'], ['md', 'Markdown'], ['json', 'JSON'],
];

const GROUPED = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 });

/** A figure for summaries: grouped digits; '—' when unknown (never 0). */
export function figure(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : GROUPED.format(v);
}

/** A rate 0…1 as a percentage with one decimal; '—' when it cannot be computed. */
export function percent(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
}

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});

/** An ISO time as Beijing time, 2024-03-05 14:07. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(TIME.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

/** Bytes for people: 18 KB, 2.3 MB. */
export function size(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A stored value (cell or metadata field) as shown: blank cells print as （空白）. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空白）';
  return String(v);
}
