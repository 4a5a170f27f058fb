import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadRules } from '../../src/check/engine.ts';
import { checkLedgerWith } from '../../src/check/ledger/check.ts';
import type { CheckableReport } from '../../src/check/types.ts';
import type { Application, Ledger } from '../../src/schema/ledger.ts';
import { LedgerSchema } from '../../src/schema/ledger-records.ts';
import { tableProblems, type Expected } from './rule-tester.ts';

export interface LedgerCase {
  name: string;
  ledger: Ledger;
  year: number;
  published?: CheckableReport;
  asOf?: string;
}

export interface LedgerCases {
  valid: LedgerCase[];
  invalid: (LedgerCase & { findings: Expected[] })[];
}

/** A ledger of the given registers, validated by the schema the store and the API use. */
export function ledgerOf(parts: Partial<Ledger>): Ledger {
  return LedgerSchema.parse(parts);
}

/** A decided application received and answered on working days of 2023, by a natural person. */
export function application(number: string, over: Partial<Application> = {}): Application {
  return {
    number,
    channel: 'online',
    receivedOn: '2023-03-01',
    applicant: { category: 'naturalPerson', name: '张三', idNumber: `11010119800101${number.padStart(4, '0').slice(-4)}` },
    result: 'granted',
    decidedOn: '2023-03-10',
    ...over,
  };
}

/** The rule tester for ledger rules: the same case-table checks, with a ledger and a year as the input. */
export function ledgerRuleCases(id: string, cases: LedgerCases): void {
  const ruleOf = async () => {
    const rule = (await loadRules()).find((r) => r.meta.id === id);
    assert.ok(rule, `rule ${id} is not in src/check/rules`);
    return rule;
  };
  const asReportCase = (c: LedgerCase) => ({ name: c.name, report: { ledger: c.ledger, year: c.year, asOf: c.asOf } as never, previous: c.published });
  test(`${id} case table: unique names and inputs, known message ids`, async () => {
    const problems = tableProblems(id, {
      valid: cases.valid.map(asReportCase),
      invalid: cases.invalid.map((c) => ({ ...asReportCase(c), findings: c.findings })),
    }, (await ruleOf()).meta.messages);
    assert.ok(problems.length === 0, problems.join('\n'));
  });
  const run = async (c: LedgerCase) =>
    checkLedgerWith(c.ledger, c.year, [await ruleOf()], { ...(c.published ? { published: c.published } : {}), ...(c.asOf ? { asOf: c.asOf } : {}) });
  for (const c of cases.valid) {
    test(`${id} valid: ${c.name}`, async () => assert.deepEqual(await run(c), []));
  }
  for (const c of cases.invalid) {
    test(`${id} invalid: ${c.name}`, async () => {
      const found = await run(c);
      const shaped = found.map((f, i) => {
        const want = c.findings[i];
        const out: Record<string, unknown> = { messageId: f.messageId, severity: f.severity, message: f.message, location: f.location };
        for (const k of ['actual', 'expected'] as const) if (want && k in want) out[k] = f[k];
        return out;
      });
      assert.deepEqual(shaped, c.findings.map((w) => ({ ...w })));
    });
  }
}
