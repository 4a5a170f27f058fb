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

// The office that compiles the report and answers questions about it, inside the organ that reports.
const DISCLOSURE_OFFICE = /(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:领导小组)?办公室$/;
// Zones are run by a 管理委员会 (a 派出机构), not by a people's government.
const ZONE = /(?:开发区|实验区|示范区|试验区|合作区|园区|高新区|经开区|保税区)$/;
const REGION = /(?:省|市|县|区|州|盟|旗)$/;

/**
 * The organ a printed name stands for: the organ itself ("某某局"), the organ an internal
 * disclosure office belongs to ("某某局政府信息公开工作领导小组办公室" → 某某局), or the
 * government of a region a title names alone ("淄博市" → 淄博市人民政府, "某某镇" → 某某镇人民政府,
 * "平潭综合实验区" → 平潭综合实验区管理委员会). Null when the name is no organ's.
 */
export function issuingOrgan(printed: string): string | null {
  let name = printed.replace(/\s+/g, '');
  const organ = name.replace(DISCLOSURE_OFFICE, '');
  if (organ !== name && organ.length >= 2) name = organ;
  if (name.length < 2 || /[\d,，。;；:：]/.test(name)) return null;
  if (/(?:乡|镇)$/.test(name)) return `${name}人民政府`;
  if (/街道$/.test(name)) return `${name}办事处`;
  if (ZONE.test(name)) return `${name}管理委员会`;
  if (ORGAN_NAME.test(name)) return name;
  if (REGION.test(name)) return `${name}人民政府`;
  return null;
}

/**
 * The people's government of a region, whose report is the region's as a whole (the summary draft
 * written in the browser): “某县” → 某县人民政府; a name already ending in 政府 is the government's own.
 */
export const regionGovernment = (region: string): string => {
  const name = region.replace(/\s+/g, '');
  return name.endsWith('政府') ? name : `${name}人民政府`;
};

/**
 * Whether an agency is the government of a region: its name is `regionGovernment(region)`, or ends
 * with it after the names of the regions above (“淄博市淄川区人民政府” for 淄川区).
 */
export const isRegionGovernment = (agency: string, region: string): boolean => foldName(agency).endsWith(foldName(regionGovernment(region)));

/** A region's summary report is issued under “<region>（汇总）” (src/render/region-summary.ts). */
export const summaryAgency = (region: string): string => `${region}（汇总）`;

/** The name without the summary mark: “某市（汇总）” → 某市 (whose government the title then names); other names unchanged. */
export const withoutSummaryMark = (name: string): string => name.replace(/[（(]汇总[)）]$/, '');

/** A page's "发布机构" or "来源" as the issuer, when it names an organ and not the site ("本站", "本网"). */
export function issuerName(printed: string): string | null {
  const name = printed.trim();
  if (name.length > 40 || /^本/.test(name) || /\s|网站?$/.test(name)) return null;
  return issuingOrgan(name);
}

/**
 * A name as it is compared: full-width letters, digits and brackets folded to half-width (NFKC,
 * which also folds Kangxi radicals), white space (U+3000 too) removed, and 管委会 written out as
 * 管理委员会. Used to search names; `seriesKey` goes further.
 */
export function foldName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/管委会/g, '管理委员会');
}

/**
 * The key under which the reports of one issuer form a series over the years (the cross-year
 * checks pair consecutive years of one key): the folded name, and for an office that compiled
 * the report on behalf of its organ ("某某局政府信息公开工作领导小组办公室") the organ, as
 * `issuingOrgan` reads it. A region's name alone stands for its government ("某某县" → 某某县人民政府).
 */
export function seriesKey(agency: string): string {
  const name = foldName(agency);
  return issuingOrgan(name) ?? name;
}
