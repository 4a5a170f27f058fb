import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { extractReport } from '../src/extract/report.ts';
import { narrativeEvidence } from '../src/extract/narrative-evidence.ts';
import { ACTIVE_2019, ACTIVE_2021 } from '../src/schema/active.ts';
import { checkContract, reportJsonSchema } from '../src/schema/contract.ts';
import { DIGIT_RUN_NOTES } from '../src/schema/notes.ts';
import { assertProvenance } from './helpers/provenance.ts';

/**
 * Table 二 has no identities: a row whose cells a crawler glued into one digit run ("规章23545")
 * is split only when the narrative states its values, with that statement in the provenance.
 */

type Stated = Record<string, Record<string, Record<string, number>>>;

/** The values narrativeEvidence finds, without offsets. */
function stated(text: string, items = ACTIVE_2021): Stated {
  const out: Stated = {};
  for (const [item, rows] of Object.entries(narrativeEvidence(text, items))) {
    for (const [row, cols] of Object.entries(rows)) {
      for (const [col, e] of Object.entries(cols)) {
        assert.equal(text.slice(e.start, e.end), e.text, `${item}.${row}.${col}: span does not hold the statement`);
        ((out[item] ??= {})[row] ??= {})[col] = e.value;
      }
    }
  }
  return out;
}

const valid: { text: string; expected: Stated }[] = [
  { text: '现行有效行政规范性文件698件。', expected: { art20_1: { normativeDocs: { inForce: 698 } } } },
  { text: '本年制发规章2件。', expected: { art20_1: { rules: { issued: 2 } } } },
  { text: '废止行政规范性文件3件。', expected: { art20_1: { normativeDocs: { repealed: 3 } } } },
  { text: '本年制发规章2件，废止354件，现行有效5件。', expected: { art20_1: { rules: { issued: 2, repealed: 354, inForce: 5 } } } },
  { text: '本年度制发行政规范性文件2件、规章1件。', expected: { art20_1: { normativeDocs: { issued: 2 }, rules: { issued: 1 } } } },
  { text: '截至年底，现行有效的行政规范性文件共计45件。', expected: { art20_1: { normativeDocs: { inForce: 45 } } } },
  { text: '规章方面，本年制发两件。', expected: { art20_1: { rules: { issued: 2 } } } },
  { text: '本年制发规章2件，现行有效政策文件35件。', expected: { art20_1: { rules: { issued: 2 } } } },
  // What follows 其中 is a part of another count: only the count before it is read.
  { text: '制发规范性文件5件，其中废止3件。', expected: { art20_1: { normativeDocs: { issued: 5 } } } },
  // The same number stated twice is one statement.
  { text: '现行有效行政规范性文件8件。\n截至年底，现行有效行政规范性文件8件。', expected: { art20_1: { normativeDocs: { inForce: 8 } } } },
];

const invalid: { text: string; why: string }[] = [
  { text: '制发规章和行政规范性文件共15件。', why: 'two rows for one number' },
  { text: '本年制发、废止规章分别为2件、3件。', why: 'two columns for one number' },
  { text: '现行有效行政规范性文件较上年减少3件。', why: 'a comparison' },
  { text: '现行有效行政规范性文件约40件。', why: 'an approximation' },
  { text: '现行有效行政规范性文件40条。', why: 'a unit that is no count of table 二' },
  { text: '全市现行有效行政规范性文件120件。', why: 'the count of other organs' },
  { text: '废止规章制度3项。', why: 'a row word inside a longer word' },
  { text: '现行有效政策文件35件。', why: 'no row' },
  { text: '规章3件均现行有效。', why: 'no column before the number' },
  { text: '现行有效行政规范性文件5件，现行有效行政规范性文件6件。', why: 'two numbers for one cell in one sentence' },
  { text: '现行有效行政规范性文件5件。另查明，现行有效行政规范性文件6件。', why: 'two numbers for one cell in two sentences' },
];

for (const { text, expected } of valid) {
  test(`narrative evidence: ${text}`, () => assert.deepEqual(stated(text), expected));
}
for (const { text, why } of invalid) {
  test(`no narrative evidence (${why}): ${text}`, () => assert.deepEqual(stated(text), {}));
}

test('narrative evidence of the 2019 format, money in 万元', () => {
  assert.deepEqual(stated('政府集中采购项目12个，采购总金额345万元。', ACTIVE_2019), { art20_9: { procurement: { projects: 12, amount: 345 } } });
  assert.deepEqual(stated('政府集中采购项目12个，采购总金额3450000元。', ACTIVE_2019), { art20_9: { procurement: { projects: 12, amount: 345 } } });
  // A column named after another subject is not carried onto the row of the clause before.
  assert.deepEqual(stated('本年新制作规范性文件17件，主动公开政府信息公开总数1200件。', ACTIVE_2019), { art20_1: { normativeDocs: { madeThisYear: 17 } } });
  // 本年增/减 is not read: the sign of a narrative number is not bound reliably.
  assert.deepEqual(stated('行政许可上一年项目数量30项，本年增/减5项。', ACTIVE_2019), { art20_5: { licensing: { lastYear: 30 } } });
});

test('offsets are offsets into the document', () => {
  const text = '二、主动公开政府信息情况\n全年主动公开信息100条。 现行有效 行政规范性文件 698 件。';
  const e = narrativeEvidence(text, ACTIVE_2021).art20_1!.normativeDocs!.inForce!;
  assert.deepEqual(e, { value: 698, unit: '件', start: 27, end: 45, text: '现行有效 行政规范性文件 698 件' });
});

// The crawled one-line copy of the 2021 example: "规章23545" is 2 | 354 | 5, "行政规范性文件04362" is 0 | 436 | 2.
const crawled = readFileSync(new URL('./fixtures/converted/v2021.ogi.crawl-glued.txt', import.meta.url), 'utf8');
const ANCHOR = '全年通过政府网站主动公开政府信息。';

/** The crawled text with sentences added to the narrative of section 二. */
function withNarrative(sentences: string): string {
  assert.equal(crawled.split(ANCHOR).length, 2);
  return crawled.replace(ANCHOR, `${ANCHOR}${sentences}`);
}
const parse = (text: string) => extractReport(text, { name: 'v2021.crawl-glued.txt', format: 'txt' });
const nulls = { issued: null, repealed: null, inForce: null };
const codeOf = (r: ReturnType<typeof parse>, row: string) => r.notes.filter((n) => n.path === `active.art20_1.${row}`).map((n) => n.code);

test('crawled text: without a statement in the narrative the glued rows are null, as before', () => {
  const r = parse(crawled);
  assert.deepEqual(r.tables.active.art20_1, { rules: nulls, normativeDocs: nulls });
  assert.deepEqual(codeOf(r, 'rules'), ['digit-run-ambiguous']);
  assert.deepEqual(codeOf(r, 'normativeDocs'), ['digit-run-ambiguous']);
  assert.equal(r.notes.find((n) => n.path === 'active.art20_1.rules')!.message, '表二“规章”：连写数字“23545”有6种拆分方式，无法唯一确定');
});

test('crawled text: the split that agrees with the values the narrative states is taken, the statement in the provenance', () => {
  const text = withNarrative('本年制发规章2件，废止354件，现行有效5件。截至年底，现行有效行政规范性文件2件。');
  const r = parse(text);
  assert.deepEqual(r.tables.active.art20_1, {
    rules: { issued: 2, repealed: 354, inForce: 5 },
    normativeDocs: { issued: 0, repealed: 436, inForce: 2 },
  });
  const rules = '由连写数字“23545”拆分，依据正文“制发规章2件，废止354件，现行有效5件”';
  const docs = '由连写数字“04362”拆分，依据正文“现行有效行政规范性文件2件”';
  const p = (row: string, col: string) => {
    const x = r.provenance[`active.art20_1.${row}.${col}`]!;
    return [x.text, text.slice(x.start, x.end), x.note];
  };
  assert.deepEqual(p('rules', 'issued'), ['2', '2', rules]);
  assert.deepEqual(p('rules', 'repealed'), ['354', '354', rules]);
  assert.deepEqual(p('rules', 'inForce'), ['5', '5', rules]);
  assert.deepEqual(p('normativeDocs', 'issued'), ['0', '0', docs]);
  assert.deepEqual(p('normativeDocs', 'repealed'), ['436', '436', docs]);
  assert.deepEqual(p('normativeDocs', 'inForce'), ['2', '2', docs]);
  assertProvenance(text, r);

  assert.deepEqual(codeOf(r, 'rules'), ['digit-run-evidenced']);
  assert.deepEqual(codeOf(r, 'normativeDocs'), ['digit-run-evidenced']);
  assert.equal(r.notes.find((n) => n.path === 'active.art20_1.rules')!.message, '表二“规章”：连写数字“23545”依据正文“制发规章2件，废止354件，现行有效5件”唯一拆分为2、354、5');
  assert.equal(r.notes.find((n) => n.path === 'active.art20_1.normativeDocs')!.message, '表二“行政规范性文件”：连写数字“04362”依据正文“现行有效行政规范性文件2件”唯一拆分为0、436、2');
  assert.ok(DIGIT_RUN_NOTES.includes('digit-run-evidenced'));

  // The report still satisfies the contract and its JSON Schema.
  const json = JSON.parse(JSON.stringify(r));
  const checked = checkContract(json);
  assert.ok(checked.ok, checked.ok ? '' : checked.problems.join('\n'));
  const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false }).compile(reportJsonSchema());
  assert.ok(validate(json), JSON.stringify(validate.errors?.slice(0, 3)));
});

test('crawled text: a stated value that agrees with no split leaves the row null', () => {
  const r = parse(withNarrative('现行有效规章7件。'));
  assert.deepEqual(r.tables.active.art20_1!.rules, nulls);
  assert.deepEqual(codeOf(r, 'rules'), ['digit-run-ambiguous']);
});

test('crawled text: a stated value that agrees with several splits leaves the row null', () => {
  // 23545 ends in 5 as 2|354|5, 23|54|5 and 235|4|5.
  const r = parse(withNarrative('现行有效规章5件。'));
  assert.deepEqual(r.tables.active.art20_1!.rules, nulls);
  assert.deepEqual(codeOf(r, 'rules'), ['digit-run-ambiguous']);
});

test('crawled text: two different values stated for one cell leave the row null', () => {
  const r = parse(withNarrative('现行有效行政规范性文件2件。全年共清理文件10件，现行有效行政规范性文件62件。'));
  assert.deepEqual(r.tables.active.art20_1!.normativeDocs, nulls);
  assert.deepEqual(codeOf(r, 'normativeDocs'), ['digit-run-ambiguous']);
  assert.equal(r.provenance['active.art20_1.normativeDocs.inForce'], undefined);
});
