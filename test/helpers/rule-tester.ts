import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReport, checkReports, loadRules } from '../../src/check/engine.ts';
import type { CheckConfig, CheckableReport, Finding } from '../../src/check/types.ts';

export interface Case {
  name: string;
  report: CheckableReport;
  /** For cross-year rules: the report of the year before. */
  previous?: CheckableReport;
  config?: CheckConfig;
}

/** What a finding must say; `span`, `actual` and `expected` are compared only when given. */
export type Expected = Pick<Finding, 'severity' | 'message' | 'location'> & Partial<Pick<Finding, 'span' | 'actual' | 'expected'>>;

export interface InvalidCase extends Case {
  findings: Expected[];
}

/**
 * The ESLint RuleTester idea: valid cases give no finding of the rule; invalid
 * cases give exactly the listed findings, in order.
 */
export function ruleCases(id: string, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  const run = async (c: Case): Promise<Finding[]> => {
    const rule = (await loadRules()).find((r) => r.meta.id === id);
    assert.ok(rule, `rule ${id} is not in src/check/rules`);
    const found = c.previous
      ? checkReports([c.previous, c.report], [rule], c.config)[1]!
      : checkReport(c.report, [rule], c.config);
    return found.filter((f) => f.rule === id);
  };
  for (const c of cases.valid) {
    test(`${id} valid: ${c.name}`, async () => {
      assert.deepEqual(await run(c), []);
    });
  }
  for (const c of cases.invalid) {
    test(`${id} invalid: ${c.name}`, async () => {
      const found = await run(c);
      const shaped = found.map((f, i) => {
        const want = c.findings[i];
        const out: Record<string, unknown> = { severity: f.severity, message: f.message, location: f.location };
        if (want && 'span' in want) out.span = f.span;
        if (want && 'actual' in want) out.actual = f.actual;
        if (want && 'expected' in want) out.expected = f.expected;
        return out;
      });
      assert.deepEqual(shaped, c.findings);
    });
  }
}
