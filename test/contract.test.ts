import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { checkContract, ContractSchema, describeContractIssues, ReportSchema } from '../src/schema/contract.ts';
import { ogi, root } from './helpers/cli.ts';

/**
 * The report contract is declared once (src/schema/contract.ts): the JSON Schema printed by
 * `ogi schema` and the validation of every JSON input come from it, and what `ogi parse --json`
 * prints satisfies both.
 */

const tmp = mkdtempSync(join(tmpdir(), 'ogi-contract-'));
const S003 = join(root, 'samples', '003_587a12f256707b84.txt');

type Json = Record<string, any>;
let schema: Json;
let validate: ValidateFunction;
/** `ogi parse --json` of sample 003 (2021 format), with its `structure`. */
let base: Json;

before(async () => {
  const printed = await ogi('schema');
  assert.equal(printed.code, 0, printed.stderr);
  schema = JSON.parse(printed.stdout);
  // A real draft 2020-12 validator; `format: date` is also spelled out as a pattern, so formats need not be validated.
  // `allowUnionTypes`: a finding's or note's actual/expected value is a number, a text or null, written as a type array (valid draft 2020-12).
  validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false }).compile(schema);
  base = JSON.parse((await ogi('parse', '--json', S003)).stdout);
});

// Reading every fixture (OCR included) takes a while: it starts now, and the test that needs it comes last.
const parsing = ogi('parse', '--json', join(root, 'samples'), join(root, 'test', 'fixtures', 'formats'));

const ajvErrors = () => JSON.stringify(validate.errors?.slice(0, 5), null, 1);

test('ogi render --to json of the authoring example validates too', async () => {
  const r = await ogi('render', join(root, 'samples', 'example-2025.yaml'), '--to', 'json');
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.ok(validate(report), ajvErrors());
  assert.ok(ReportSchema.safeParse(report).success);
});

/** Sample 003 changed by `edit`, written to a file. */
function malformed(name: string, edit: (r: Json) => void): string {
  const r = structuredClone(base);
  edit(r);
  const path = join(tmp, name);
  writeFileSync(path, JSON.stringify(r));
  return path;
}

const CASES: [name: string, edit: (r: Json) => void, message: string][] = [
  ['short-row.json', (r) => { r.tables.requests.granted = r.tables.requests.granted.slice(0, 6); }, 'tables.requests.granted 应有 7 个数值，实有 6 个'],
  ['string-cell.json', (r) => { r.tables.review.review[1] = '5'; }, 'tables.review.review[1] 应为数值或 null（空白），实为文字“5”'],
  ['template.json', (r) => { r.template = '2020'; }, 'template 应为 "2019"、"2021"、"legacy" 之一，实为文字“2020”'],
];

test('the JSON Schema and the zod contract refuse the same malformed reports', () => {
  assert.ok(validate(base), ajvErrors());
  for (const [name, edit, message] of CASES) {
    const r = structuredClone(base);
    edit(r);
    assert.equal(validate(r), false, `${name}: ajv accepts it`);
    const z = ContractSchema.safeParse(r, { reportInput: true });
    assert.equal(z.success, false, name);
    assert.deepEqual(describeContractIssues(z.error!.issues), [message]);
  }
  const wrongRow = structuredClone(base);
  wrongRow.tables.requests.other = [0, 0, 0, 0, 0, 0, 0]; // a 2019 row in a 2021 report
  assert.equal(validate(wrongRow), false);
  const w = checkContract(wrongRow);
  assert.deepEqual(w.ok ? [] : w.problems, ['tables.requests.other 不是 2021 格式表三的行（是 2019 格式的行）']);
});

test('ogi check and ogi render refuse malformed contract JSON: exit 2, the file and the field named in Chinese', async () => {
  for (const [name, edit, message] of CASES) {
    const path = malformed(name, edit);
    const check = await ogi('check', path);
    assert.equal(check.code, 2, name);
    assert.equal(check.stdout, '');
    assert.equal(check.stderr, `错误：${path}：${message}\n`);
    const render = await ogi('render', path, '--to', 'md');
    assert.equal(render.code, 2, name);
    assert.equal(render.stdout, '');
    assert.equal(render.stderr, `错误：${path}：${message}\n`);
  }
});

test('several problems are listed one per line; in an array each report is named by its place', async () => {
  const many = malformed('many.json', (r) => {
    delete r.agency;
    r.signedOn = '2024-02-30';
    r.tables.active.art20_9 = {};
    r.tables.requests.granted = r.tables.requests.granted.slice(0, 6);
  });
  const r = await ogi('check', many);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, [
    `错误：${many}：不符合报告数据契约（见 ogi schema），共 3 处：`,
    '  agency 缺少（应为文字或 null）',
    '  signedOn 应为 YYYY-MM-DD 格式的有效日期或 null，实为文字“2024-02-30”',
    '  tables.requests.granted 应有 7 个数值，实有 6 个',
    '',
  ].join('\n'));
  // Once those are fixed, the keys the template does not have are named.
  const keys = malformed('keys.json', (r) => {
    r.tables.active.art20_9 = {};
    r.tables.active.art20_1.rules.madeThisYear = 1;
  });
  assert.equal((await ogi('check', keys)).stderr, [
    `错误：${keys}：不符合报告数据契约（见 ogi schema），共 2 处：`,
    '  tables.active.art20_1.rules.madeThisYear 不是 2021 格式表二“第二十条第（一）项”的列（应为 issued、repealed、inForce）',
    '  tables.active.art20_9 不是 2021 格式表二的项目（应为 art20_1、art20_5、art20_6、art20_8）',
    '',
  ].join('\n'));

  const list = join(tmp, 'list.json');
  const bad = structuredClone(base);
  bad.template = 'legacy';
  writeFileSync(list, JSON.stringify([base, bad]));
  const l = await ogi('check', '--json', list);
  assert.equal(l.code, 2);
  assert.equal(JSON.parse(l.stdout).length, 1, 'the valid report is still checked');
  assert.equal(l.stderr, `错误：${list} 第 2 项：不符合报告数据契约（见 ogi schema），共 3 处：\n${['active', 'requests', 'review'].map((t) => `  tables.${t} 应为空对象：2019 年以前格式（legacy）的报告没有统计表，实有 ${Object.keys(base.tables[t]).length} 项`).join('\n')}\n共 2 份：1 份完整读取，0 份部分读取，1 份无法读取\n`);
});

test('valid contract JSON is checked like the document it was read from: structure is passed through', async () => {
  const path = malformed('valid.json', () => {});
  const fromJson = JSON.parse((await ogi('check', '--json', path)).stdout)[0].findings;
  const fromText = JSON.parse((await ogi('check', '--json', S003)).stdout)[0].findings;
  assert.deepEqual(fromJson, fromText);
  assert.ok(fromJson.some((f: Json) => f.rule === 'TPL-08'), 'rules that read the layout still run');
});

test('ogi import of contract JSON: valid files import, an invalid one is listed with the reason', async () => {
  const dir = join(tmp, 'import');
  mkdirSync(dir);
  writeFileSync(join(dir, 'a-valid.json'), JSON.stringify(base));
  const bad = structuredClone(base);
  bad.tables.requests.granted = bad.tables.requests.granted.slice(0, 6);
  writeFileSync(join(dir, 'b-short.json'), JSON.stringify(bad));
  writeFileSync(join(dir, 'c-list.json'), JSON.stringify([base]));
  const r = await ogi('import', '--db', join(tmp, 'ogi.sqlite'), dir);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stdout, /共 3 个文件：导入 1 份，重复 0 份，失败 2 份/);
  assert.match(r.stderr, /失败：.*b-short\.json（.*b-short\.json：tables\.requests\.granted 应有 7 个数值，实有 6 个）/);
  assert.match(r.stderr, /失败：.*c-list\.json（.*一个文件应为一份报告（JSON 对象），收到有 1 项的数组/);
});

test('ogi parse --json of every sample and every format fixture validates against ogi schema (ajv) and the zod contract', async () => {
  const parsed = await parsing;
  const reports = JSON.parse(parsed.stdout) as Json[];
  // Samples and the txt, html, docx and PDF fixtures always parse; .doc needs LibreOffice and images Tesseract.
  assert.ok(reports.length >= 5 + 10, `${reports.length} reports parsed; ${parsed.stderr}`);
  for (const r of reports) {
    assert.ok(validate(r), `${r.source.name}: ${ajvErrors()}`);
    const z = checkContract(r);
    assert.ok(z.ok, `${r.source.name}: ${z.ok ? '' : z.problems.join('\n')}`);
    assert.ok(r.structure, 'parse --json prints the layout facts too');
    assert.deepEqual(z.ok && z.report.structure, r.structure, 'structure is passed through');
  }
  assert.deepEqual(new Set(reports.map((r) => r.template)), new Set(['2019', '2021']));
});
