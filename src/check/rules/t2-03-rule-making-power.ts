import { activePath } from '../../schema/cells.ts';
import { TEMPLATE_DEFS, type TableTemplate } from '../../schema/templates.ts';
import type { IssuerType } from '../../schema/types.ts';
import { defineRule } from '../define-rule.ts';

/** Prefixes of State Council organs (国务院部门、直属机构), which make 部门规章. */
const CENTRAL = /^(国务院|国家|中国|中华人民共和国|全国)/;
/** The first organ name inside a longer name: "国家税务总局" in "国家税务总局淄博市税务局". */
const FIRST_ORGAN = /^(国务院|国家|中国|中华人民共和国|全国).*?(总局|局|部|署|委员会|银行|办公厅|会)/;
/** What follows a central organ's name in the name of one of its local branches. */
const LOCAL_BRANCH = /省|自治区|市(?!场)|州|盟|县|区|旗|分局|支行|分行|调查队|分公司|监管局/;
/** A ministry named without a place: 教育部, 审计署, 海关总署. */
const MINISTRY = /^[^省市县区州旗盟]+(部|署)$/;

/**
 * Why the issuer cannot make 规章 (立法法 arts. 91, 93), or null when it can or when the name does not tell.
 * Only 国务院部门 and 省、自治区、直辖市和设区的市、自治州的人民政府 make 规章.
 */
export function noRuleMakingPower(agency: string | null, issuerType: IssuerType): string | null {
  if (!agency) return null;
  const name = agency.replace(/\s+/g, '');
  if (issuerType === 'township') return '乡镇人民政府或街道办事处';
  const government = (g: string): string | null => {
    if (/(自治区|省|自治州)(人民)?政府$/.test(g)) return null;
    if (/(县|区|旗)(人民)?政府$/.test(g)) return '县级人民政府';
    // 市: a 设区的市 or a 直辖市 has the power, a 县级市 has not; the name does not say which.
    return null;
  };
  const office = /^(.*政府)(办公厅|办公室)$/.exec(name);
  if (office) {
    const kind = government(office[1]!);
    return kind ? `${kind}的办公室` : null;
  }
  if (issuerType === 'government') return government(name);
  if (CENTRAL.test(name)) {
    const first = FIRST_ORGAN.exec(name);
    const rest = first ? name.slice(first[0].length) : '';
    if (!LOCAL_BRANCH.test(rest)) return null;
    return '中央垂直管理部门的地方机构';
  }
  if (MINISTRY.test(name)) return null;
  return issuerType === 'department' ? '地方人民政府的工作部门' : '派出机构或其他组织';
}

const rule = defineRule({
  meta: {
    id: 'T2-03',
    name: 'rule-making-power',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '《立法法》第九十一条、第九十三条：只有国务院部门和省、自治区、直辖市、设区的市、自治州的人民政府制定规章；湖北省报告表头注释“规章(设区的市、自治州人民政府应提供相关数据)”',
    description: '没有规章制定权的机关（县级、乡级人民政府，地方政府部门等）在表二“规章”行填了非零数字',
    docs:
      '规章只由国务院部门（部门规章）和省、自治区、直辖市、设区的市、自治州的人民政府（地方政府规章）制定。其他机关在表二第二十条第（一）项“规章”行应填 0，' +
      '填了非零数字多半是把规范性文件或转载的上级规章计入了规章。机关是否有制定权从机关类型（issuerType）和名称判断：乡镇人民政府和街道办事处，' +
      '名称以县、区、旗（含自治县、自治旗）人民政府结尾的县级人民政府，地方人民政府的工作部门，以及开发区管委会等派出机构和其他组织（' +
      '按《立法法》同样没有制定权），还有国家税务总局某某市税务局这类中央垂直管理部门的地方机构，均判为没有制定权；' +
      '省、自治区、自治州人民政府和以“部”“署”结尾或以“国家”“国务院”等开头的中央机关判为有制定权；名称以“市人民政府”结尾的无法区分设区的市与县级市，不报告。' +
      '“某某人民政府办公室（办公厅）”通常代本级政府编报年报，按该人民政府判断。每行报告一次，列出非零的各格；空白格不计。名称判断是启发式的，所以报告为警告。',
    messages: {
      power: '{where}填有{values}，但{agency}属于{kind}，没有规章制定权，应为 0',
    },
  },
  check(ctx) {
    const kind = noRuleMakingPower(ctx.doc.agency, ctx.doc.issuerType);
    if (!kind) return;
    const item = TEMPLATE_DEFS[ctx.doc.template as TableTemplate].active.find((i) => i.key === 'art20_1')!;
    const nonZero = item.columns
      .map((c) => ({ col: c, value: ctx.cell(activePath(item.key, 'rules', c.key)) }))
      .filter((x): x is { col: (typeof item.columns)[number]; value: number } => typeof x.value === 'number' && x.value !== 0);
    if (!nonZero.length) return;
    const values = nonZero.map((x) => `${x.col.label} ${x.value}`).join('、');
    ctx.report({
      messageId: 'power',
      data: { values, agency: ctx.doc.agency, kind },
      location: { table: 'active', item: item.key, row: 'rules' },
      span: ctx.span(activePath(item.key, 'rules', nonZero[0]!.col.key)) ?? null,
      actual: values,
      expected: 0,
    });
  },
});

export default rule;
