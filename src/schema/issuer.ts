import type { IssuerType } from './types.ts';

/**
 * Issuer type from the agency name (report-data.md: inferred, overridable). It drives the
 * art. 49 deadlines: 县级以上人民政府部门 by 1月31日, 县级以上地方人民政府 by 3月31日,
 * and no national date for townships, 派出机构 (开发区管委会) and authorised organisations.
 */
export function inferIssuerType(agency: string | null): IssuerType {
  if (!agency) return 'other';
  const name = agency.replace(/\s+/g, '');
  if (/(乡|镇|苏木)(人民)?政府$|街道(办事处|工作委员会)?$|办事处$/.test(name)) return 'township';
  if (/人民政府$|(省|市|县|区|州|盟|旗)政府$/.test(name)) return 'government';
  if (/(管委会|管理委员会|派出所|中心|研究院|协会|公司|集团|学校|大学|医院)$/.test(name)) return 'other';
  if (/(局|厅|委员会|委|办公室|办公厅|办|署|部|总队|支队|大队|处|院|馆|站|所)$/.test(name)) return 'department';
  return 'other';
}

/** Suffixes that end the name of an organ (used to tell a name from a sentence). */
export const ORGAN_NAME = /(人民政府|政府|局|厅|委员会|委|办公室|办公厅|办|署|部|中心|管委会|管理委员会|院|所|站|馆|队|处|办事处|街道|镇|乡|公司|集团)$/;
