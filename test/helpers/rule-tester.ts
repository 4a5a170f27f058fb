import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { checkReport, checkReports, loadRules } from '../../src/check/engine.ts';
import type { CheckConfig, CheckableReport, Finding } from '../../src/check/types.ts';

export interface Case {
  name: string;
  report: CheckableReport;
  /** For cross-year rules: the report of the year before. */
  previous?: CheckableReport;
  config?: CheckConfig;
}

/**
 * What a finding must say: the message template that produced it (`messageId`), its severity,
 * text and place; `rule` (implied by the tester's rule id), `span`, `actual`, `expected` and `cells`
 * are compared only when given.
 */
export type Expected = Pick<Finding, 'messageId' | 'severity' | 'message' | 'location'> &
  Partial<Pick<Finding, 'rule' | 'span' | 'actual' | 'expected' | 'cells'>>;

export interface InvalidCase extends Case {
  findings: Expected[];
}

export interface Cases {
  valid: Case[];
  invalid: InvalidCase[];
}

const OPTIONAL = ['rule', 'span', 'actual', 'expected', 'cells'] as const;

/** Key order does not matter for deep equality, so the fingerprint sorts keys. */
function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * What is wrong with a case table itself, before any rule runs (the checks of ESLint's
 * RuleTester): two cases with one name, two cases with the same input (report, previous
 * report and configuration), an invalid case that expects nothing, and an expected finding
 * without a `messageId` or with one the rule does not declare in `meta.messages`.
 */
export function tableProblems(id: string, cases: Cases, messages: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const all = [...cases.valid.map((c) => ({ kind: 'valid', c })), ...cases.invalid.map((c) => ({ kind: 'invalid', c }))];
  const byName = new Map<string, string>();
  const byInput = new Map<string, { label: string; input: unknown }[]>();
  for (const { kind, c } of all) {
    const label = `${kind} case "${c.name}"`;
    const first = byName.get(c.name);
    if (first) problems.push(`${id}: duplicate case name: ${first} and ${label}`);
    else byName.set(c.name, label);
    const input = { report: c.report, previous: c.previous, config: c.config };
    const key = fingerprint(input);
    const same = (byInput.get(key) ?? []).find((o) => isDeepStrictEqual(o.input, input));
    if (same) problems.push(`${id}: duplicate case input: ${label} has the same report, previous report and config as ${same.label}`);
    byInput.set(key, [...(byInput.get(key) ?? []), { label, input }]);
  }
  const known = Object.keys(messages);
  for (const c of cases.invalid) {
    if (c.findings.length === 0) problems.push(`${id}: invalid case "${c.name}" expects no finding; put it among the valid cases`);
    c.findings.forEach((f, i) => {
      const where = `${id}: invalid case "${c.name}", expected finding ${i + 1}`;
      if (typeof f.messageId !== 'string') problems.push(`${where} has no messageId (one of: ${known.join(', ')})`);
      else if (!Object.hasOwn(messages, f.messageId)) problems.push(`${where}: messageId "${f.messageId}" is not in ${id} meta.messages (${known.join(', ')})`);
      if (f.rule !== undefined && f.rule !== id) problems.push(`${where}: rule "${f.rule}" is not ${id}`);
    });
  }
  return problems;
}

/**
 * The ESLint RuleTester idea: valid cases give no finding of the rule; invalid
 * cases give exactly the listed findings, in order, each from the named message template.
 * The table itself must be sound (see tableProblems).
 */
export function ruleCases(id: string, cases: Cases): void {
  const ruleOf = async () => {
    const rule = (await loadRules()).find((r) => r.meta.id === id);
    assert.ok(rule, `rule ${id} is not in src/check/rules`);
    return rule;
  };
  const run = async (c: Case): Promise<Finding[]> => {
    const rule = await ruleOf();
    const found = c.previous
      ? checkReports([c.previous, c.report], [rule], c.config)[1]!
      : checkReport(c.report, [rule], c.config);
    return found.filter((f) => f.rule === id);
  };
  test(`${id} case table: unique names and inputs, known message ids`, async () => {
    const problems = tableProblems(id, cases, (await ruleOf()).meta.messages);
    assert.ok(problems.length === 0, problems.join('\n'));
  });
  for (const c of cases.valid) {
    test(`${id} valid: ${c.name}`, async () => {
      assert.deepEqual(await run(c), []);
    });
  }
  for (const c of cases.invalid) {
    test(`${id} invalid: ${c.name}`, async () => {
      const { messages } = (await ruleOf()).meta;
      for (const want of c.findings) {
        assert.ok(Object.hasOwn(messages, want.messageId), `${id}: expected messageId "${want.messageId}" is not in meta.messages (${Object.keys(messages).join(', ')})`);
      }
      const found = await run(c);
      const shaped = found.map((f, i) => {
        const want = c.findings[i];
        const out: Record<string, unknown> = { messageId: f.messageId, severity: f.severity, message: f.message, location: f.location };
        for (const k of OPTIONAL) if (want && k in want) out[k] = f[k];
        return out;
      });
      // Compare in one fixed key order, so that a difference shows up as the one field that differs.
      const wanted = c.findings.map((w) => {
        const out: Record<string, unknown> = { messageId: w.messageId, severity: w.severity, message: w.message, location: w.location };
        for (const k of OPTIONAL) if (k in w) out[k] = w[k];
        return out;
      });
      assert.deepEqual(shaped, wanted);
    });
  }
}
