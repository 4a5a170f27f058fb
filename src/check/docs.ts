import type { Rule } from './types.ts';

const SEVERITY: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
const SCOPE_SHORT: Record<string, string> = { report: '单份报告', series: '跨年度', ledger: '台账' };
const SCOPE_LONG: Record<string, string> = { report: '单份报告', series: '跨年度（同一机关相邻两年）', ledger: '台账（一个机关一个年度的台账，及据以发布的报告）' };
const TEMPLATE: Record<string, string> = { '2019': '2019格式', '2021': '2021格式', legacy: '2019年以前' };

/** docs/rules.md, generated from the rules' own metadata (a test keeps the file current). */
export function rulesMarkdown(rules: readonly Rule[]): string {
  const out: string[] = [
    '# 核查规则 / Rule catalogue',
    '',
    '<!-- 由 `npm run docs` 根据 src/check/rules/ 中各规则的元数据生成，请勿手工编辑。 -->',
    '',
    `共 ${rules.length} 条规则。严重程度：错误（违反条例、法定格式或算术关系）、警告（很可能有误，或评估中会被指出）、提示（供参考）。`,
    '规则编号保持稳定，不随版本改变。',
    '',
    '| 编号 | 名称 | 严重程度 | 适用格式 | 范围 | 说明 |',
    '|---|---|---|---|---|---|',
    ...rules.map(
      (r) =>
        `| [${r.meta.id}](#${r.meta.id.toLowerCase()}) | ${r.meta.name} | ${SEVERITY[r.meta.severity]} | ${r.meta.templates.map((t) => TEMPLATE[t]).join('、')} | ${SCOPE_SHORT[r.meta.scope]} | ${r.meta.description} |`,
    ),
    '',
  ];
  for (const r of rules) {
    out.push(`## ${r.meta.id}`, '', `**${r.meta.name}** · ${SEVERITY[r.meta.severity]} · ${r.meta.templates.map((t) => TEMPLATE[t]).join('、')} · ${SCOPE_LONG[r.meta.scope]}`, '');
    out.push(r.meta.description, '', r.meta.docs, '', `依据：${r.meta.basis}`, '', '消息：', '');
    for (const [id, m] of Object.entries(r.meta.messages)) out.push(`- \`${id}\`：${m}`);
    out.push('');
  }
  return out.join('\n');
}
