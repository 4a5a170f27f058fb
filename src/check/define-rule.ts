import type { LedgerContext, LedgerRule, ReportRule, RuleContext, RuleMeta, SeriesContext, SeriesRule } from './types.ts';

type Scope = RuleMeta['scope'];
type Context<S extends Scope, K extends string> = S extends 'report' ? RuleContext<K> : S extends 'series' ? SeriesContext<K> : LedgerContext<K>;

/**
 * Declares a rule so that the compiler checks its message ids: `ctx.report({ messageId })`
 * in `check` must name a key of `meta.messages`. The rule is returned unchanged; the engine
 * sees a plain ReportRule, SeriesRule or LedgerRule.
 */
export function defineRule<const M extends Record<string, string>, S extends Scope>(rule: {
  meta: Omit<RuleMeta, 'scope' | 'messages'> & { scope: S; messages: M };
  check(ctx: Context<S, keyof M & string>): void;
}): S extends 'report' ? ReportRule : S extends 'series' ? SeriesRule : LedgerRule {
  return rule as never;
}
