import { inferIssuerType } from '../schema/issuer.ts';
import { REQUEST_COLUMNS, requestRows } from '../schema/requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from '../schema/review.ts';
import { SECTIONS } from '../schema/sections.ts';
import { TEMPLATE_DEFS, templateForYear, type TableTemplate } from '../schema/templates.ts';
import { F } from './authoring-fields.ts';
import { sectionHeading as heading } from './authoring-read.ts';

export { readAuthoring, readAuthoringReport } from './authoring-read.ts';

/**
 * The authoring file a clerk fills in: YAML with Chinese keys taken from the
 * statutory schema — metadata, the narrative of each section, and the numbers
 * of the three tables. `authoringSkeleton` writes one with every cell at 0;
 * `readAuthoring` (authoring-read.ts) turns a filled one into a report. Keys may also be the
 * contract's English keys.
 */


export interface SkeletonOptions {
  agency: string;
  year: number;
  template?: TableTemplate;
}

/** The preamble a new report starts with: the basis, the statistics period and whom to ask. */
export function defaultPreamble(agency: string, year: number): string {
  return `本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制。本年度报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。如对本报告有任何疑问，请与${agency}联系。`;
}

/** A complete authoring file with the statutory headings and every cell at 0. */
export function authoringSkeleton(opts: SkeletonOptions): string {
  const template = opts.template ?? (templateForYear(opts.year) === '2019' ? '2019' : '2021');
  const lines: string[] = [
    '# 政府信息公开工作年度报告 · 填写文件（ogi）',
    '# 填好后运行：./bin/ogi render 本文件 --to docx -o 报告.docx（也可 --to pdf、html、md、xlsx）',
    '# 数字填在表二、表三、表四中；“总计”可写 null，由程序根据各项计算；已填写的总计会被核对。',
    '',
    `${F.agency}: ${opts.agency}`,
    `${F.year}: ${opts.year}`,
    `${F.template}: '${template}'          # 2019格式（2019、2020年度）或 2021格式（2021年度起）`,
    `${F.issuerType}: ${inferIssuerType(opts.agency)}   # government 人民政府 / department 政府部门 / township 乡镇、街道 / other 其他`,
    `${F.signedOn}: ${opts.year + 1}-01-20     # 落款日期，格式 YYYY-MM-DD`,
    `${F.preamble}: |`,
    `  ${defaultPreamble(opts.agency, opts.year)}`,
    `${F.sections}:`,
  ];
  for (const s of SECTIONS) lines.push(`  ${heading(s)}: |`, '    （在此填写）');
  lines.push(`${F.active}:`);
  for (const item of TEMPLATE_DEFS[template].active) {
    lines.push(`  ${item.label}:`);
    for (const row of item.rows) lines.push(`    ${row.label}: { ${item.columns.map((c) => `${c.label}: 0`).join(', ')} }`);
  }
  lines.push(`${F.requests}:`, `  # 每行 7 个数：${REQUEST_COLUMNS.map((c) => c.label).join('、')}`);
  for (const row of requestRows(template)) lines.push(`  ${row.label}: [${REQUEST_COLUMNS.map(() => '0').join(', ')}]`);
  lines.push(`${F.review}:`, `  # 每行 5 个数：${REVIEW_COLUMNS.map((c) => c.label).join('、')}`);
  for (const g of REVIEW_GROUPS) lines.push(`  ${g.label}: [${REVIEW_COLUMNS.map(() => '0').join(', ')}]`);
  return `${lines.join('\n')}\n`;
}
