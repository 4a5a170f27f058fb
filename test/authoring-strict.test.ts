import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../src/errors.ts';
import { readAuthoringReport } from '../src/ingest/authoring.ts';
import { requestRows } from '../src/schema/requests.ts';
import { ogi, root } from './helpers/cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ogi-strict-'));
const example = readFileSync(join(root, 'samples', 'example-2025.yaml'), 'utf8');

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

/** The example with one line replaced (the line must be there). */
function edited(from: string, to: string): string {
  assert.ok(example.includes(from), from);
  return example.replace(from, to);
}

/** render exits 2, writes nothing, and says exactly this on stderr; check says the same. */
async function refused(path: string, message: string): Promise<void> {
  const out = join(tmp, 'never.docx');
  const render = await ogi('render', path, '--to', 'docx', '-o', out);
  assert.equal(render.code, 2);
  assert.equal(render.stderr, `错误：${path}：${message}\n`);
  assert.equal(existsSync(out), false);
  const check = await ogi('check', path);
  assert.equal(check.code, 2);
  assert.equal(check.stderr, render.stderr);
  assert.equal(check.stdout, '');
}

const ROWS_2021 = requestRows('2021').map((r) => `“${r.label}”`).join('');

test('a table 三 row with 6 numbers is refused, not shifted into the wrong columns', async () => {
  const path = file('six.yaml', edited('（一）予以公开: [9, 2, 0, 0, 0, 0, 11]', '（一）予以公开: [5, 1, 0, 0, 0, 6]'));
  await refused(path, '第44行第12列：表三“（一）予以公开”应有7个数（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计），此处只有6个；总计可写 null 由程序计算');
});

test('a row with too many numbers says how many it has', async () => {
  const path = file('eight.yaml', edited('行政复议: [1, 0, 0, 1, 2]', '行政复议: [1, 0, 0, 1, 2, 2]'));
  await refused(path, '第68行第9列：表四“行政复议”应有5个数（结果维持、结果纠正、其他结果、尚未审结、总计），此处有6个；总计可写 null 由程序计算');
});

test('a misspelled row key is refused with the closest statutory row', async () => {
  const path = file('typo.yaml', edited('2.重复申请: [0, 0, 0, 0, 0, 0, 0]', '2.重複申請: [0, 0, 0, 0, 0, 0, 0]'));
  await refused(path, `第58行第3列：表三没有“2.重複申請”这一行。是否应为“2.重复申请”？表三的行依次为：${ROWS_2021}`);
});

test('an unknown column key, top-level key and item key are refused; all problems of a file are listed in file order', async () => {
  const text = edited('年度: 2025', '年度: 2025\n年份: 2025')
    .replace('规章: { 本年制发件数: 0,', '规章: { 本年制发: 0,')
    .replace('第二十条第（五）项:', '第二十条第（二）项:');
  const path = file('keys.yaml', text);
  await refused(path, [
    '填写文件有 3 处错误：',
    '  第7行第1列：填写文件没有“年份”这一字段。是否应为“年度”？可填的字段：“机关”“年度”“格式”“机关类型”“落款日期”“发布日期”“前言”“正文”“表二”“表三”“表四”',
    '  第33行第11列：表二第二十条第（一）项“规章”没有“本年制发”这一列。是否应为“本年制发件数”？列依次为：“本年制发件数”“本年废止件数”“现行有效件数”',
    '  第35行第3列：表二没有“第二十条第（二）项”这一项。表二的项：“第二十条第（一）项”“第二十条第（五）项”“第二十条第（六）项”“第二十条第（八）项”',
  ].join('\n'));
});

test('values that are not counts are refused; an amount may have decimals, never a minus sign', async () => {
  const text = edited('行政复议: [1, 0, 0, 1, 2]', '行政复议: [1, -1, 0.5, 三, 2]')
    .replace('行政事业性收费: { 本年收费金额（单位：万元）: 0 }', '行政事业性收费: { 本年收费金额（单位：万元）: -0.5 }');
  await refused(file('values.yaml', text), [
    '填写文件有 4 处错误：',
    '  第40行第31列：表二第二十条第（八）项“行政事业性收费”“本年收费金额（单位：万元）”应为不小于 0 的数（金额，可有小数）或 null，此处是“-0.5”',
    '  第68行第13列：表四“行政复议”“结果纠正”应为不小于 0 的整数（件数）或 null，此处是“-1”',
    '  第68行第17列：表四“行政复议”“其他结果”应为不小于 0 的整数（件数）或 null，此处是“0.5”',
    '  第68行第22列：表四“行政复议”“尚未审结”应为不小于 0 的整数（件数）或 null，此处是“三”',
  ].join('\n'));
  const amount = file('amount.yaml', edited('行政事业性收费: { 本年收费金额（单位：万元）: 0 }', '行政事业性收费: { 本年收费金额（单位：万元）: 1.25 }'));
  const json = await ogi('render', amount, '--to', 'json');
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout).tables.active.art20_8, { fees: { amount: 1.25 } });
});

test('the year-on-year change of the 2019 format may be negative', async () => {
  const init = await ogi('init', '--year', '2020', '--agency', '某某县民政局');
  const text = init.stdout.replace('行政许可: { 上一年项目数量: 0, 本年增/减: 0,', '行政许可: { 上一年项目数量: 5, 本年增/减: -3,');
  assert.notEqual(text, init.stdout);
  const json = await ogi('render', file('signed.yaml', text), '--to', 'json', '--force');
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout).tables.active.art20_5.licensing, { lastYear: 5, change: -3, decisions: 0 });
});

test('YAML syntax errors are explained in Chinese with line and column', async () => {
  await refused(file('indent.yaml', '机关: 某某局\n年度: 2025\n表四:\n  行政复议: [1, 0, 0, 1, 2]\n   未经复议直接起诉: [0, 0, 0, 1, 1]\n'),
    '第5行第1列：YAML 格式有误：缩进不一致：同一层的键应左端对齐，下一层应比上一层多缩进（用空格）');
  await refused(file('tab.yaml', '机关: 某某局\n年度: 2025\n表四:\n\t行政复议: [1, 0, 0, 1, 2]\n'), '第4行第1列：YAML 格式有误：缩进用了 Tab 键，YAML 只能用空格缩进');
  await refused(file('quote.yaml', '机关: "某某局\n年度: 2025\n'), '第3行第1列：YAML 格式有误：缺少应有的符号：引号或括号没有闭合，或键后漏了冒号“:”');
  await refused(file('twice.yaml', '机关: 某某局\n年度: 2025\n年度: 2024\n'), '第3行第1列：YAML 格式有误：同一层出现了重复的键，每个键只能写一次');
  // A code without its own Chinese explanation keeps the yaml package's wording.
  await refused(file('anchors.yaml', '机关: &a &b 某某局\n年度: 2025\n'), '第1行第8列：YAML 格式有误（A node can have at most one anchor）');
});

test('a row may be named by its short label, without the printed note', async () => {
  const path = file('short.yaml', edited('（二）部分公开（区分处理的，只计这一情形，不计其他情形）: [3, 0, 0, 0, 0, 0, 3]', '（二）部分公开: [3, 0, 0, 0, 0, 0, 3]'));
  const short = await ogi('render', path, '--to', 'json');
  assert.equal(short.code, 0, short.stderr);
  assert.deepEqual(JSON.parse(short.stdout).tables.requests.partlyGranted, [3, 0, 0, 0, 0, 0, 3]);
});

test('the same row written twice under two spellings is refused', async () => {
  const path = file('twice-row.yaml', edited('（一）予以公开: [9, 2, 0, 0, 0, 0, 11]', '（一）予以公开: [9, 2, 0, 0, 0, 0, 11]\n  予以公开: [9, 2, 0, 0, 0, 0, 11]'));
  await refused(path, '第45行第3列：表三的“予以公开”与第44行的“（一）予以公开”是同一行，只能写一次');
});

test('an authoring file written as JSON is read the same way, with lines and columns', async () => {
  const data = parseYaml(example) as Record<string, unknown>;
  const good = file('good.json', `${JSON.stringify(data, null, 2)}\n`);
  const fromJson = await ogi('render', good, '--to', 'md');
  const fromYaml = await ogi('render', join(root, 'samples', 'example-2025.yaml'), '--to', 'md');
  assert.equal(fromJson.code, 0, fromJson.stderr);
  assert.equal(fromJson.stdout, fromYaml.stdout);
  const tables = data['表三'] as Record<string, unknown>;
  tables['（一）予以公开'] = [5, 1, 0, 0, 0, 6];
  const text = JSON.stringify(data, null, 2);
  const line = text.split('\n').findIndex((l) => l.includes('（一）予以公开')) + 1;
  await refused(file('six.json', text), `第${line}行第16列：表三“（一）予以公开”应有7个数（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计），此处只有6个；总计可写 null 由程序计算`);
  await refused(file('twice.json', '{\n  "机关": "某某局",\n  "年度": 2025,\n  "年度": 2024\n}\n'), '第4行第3列：JSON 格式有误：同一层出现了重复的键，每个键只能写一次');
  const broken = file('broken.json', '{\n  "机关": "某某局",\n  "年度": 2025,\n}\n');
  const r = await ogi('check', broken);
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`^错误：${broken}：第4行第1列：JSON 格式有误：括号或引号没有闭合、多了或少了逗号，或键没有加双引号（`));
});

interface CheckEntry {
  findings: { rule: string; severity: string; message: string }[];
}

async function checkJson(path: string): Promise<CheckEntry[]> {
  const r = await ogi('check', '--json', path);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as CheckEntry[];
}

const brief = (e: CheckEntry) => e.findings.map((f) => `${f.severity} ${f.rule} ${f.message}`);

test('check and render complete blank totals the same way and find the same', async () => {
  const nulls = file('nulls.yaml', example
    .replace('一、本年新收政府信息公开申请数量: [18, 4, 0, 0, 1, 1, 24]', '一、本年新收政府信息公开申请数量: [18, 4, 0, 0, 1, 1, null]')
    .replace('（七）总计: [19, 3, 0, 0, 0, 0, 22]', '（七）总计: [null, null, null, null, null, null, null]')
    .replace('行政复议: [1, 0, 0, 1, 2]', '行政复议: [1, 0, 0, 1, null]'));
  const [checked] = await checkJson(nulls);
  assert.deepEqual(brief(checked!), []);
  const rendered = await ogi('render', nulls, '--to', 'json');
  assert.equal(rendered.code, 0, rendered.stderr);
  const json = file('nulls-rendered.json', rendered.stdout);
  assert.deepEqual(JSON.parse(rendered.stdout).tables.requests.resultTotal, [19, 3, 0, 0, 0, 0, 22]);
  // What render wrote checks exactly as the authoring file did: the totals render used are the ones check used.
  assert.deepEqual(brief((await checkJson(json))[0]!), brief(checked!));

  const wrong = file('wrong-sum.yaml', example
    .replace('（七）总计: [19, 3, 0, 0, 0, 0, 22]', '（七）总计: [19, 3, 0, 0, 0, 0, null]')
    .replace('（一）予以公开: [9, 2, 0, 0, 0, 0, 11]', '（一）予以公开: [9, 2, 0, 0, 0, 0, 12]'));
  const [found] = await checkJson(wrong);
  const errors = found!.findings.filter((f) => f.severity === 'error');
  assert.ok(errors.length > 0);
  // Official documents are refused; data exports never are (they only say so).
  const refusal = await ogi('render', wrong, '--to', 'md');
  assert.equal(refusal.code, 1);
  assert.deepEqual(refusal.stderr.split('\n').slice(1, -1), errors.map((f) => `  ${wrong}  ${f.rule} ${f.message}`));
  const data = await ogi('render', wrong, '--to', 'json');
  assert.equal(data.code, 0);
  assert.equal(data.stderr, '注意：1 份报告核查发现“错误”级问题，数据照常导出（问题明细见 ogi check 或 --manifest）\n');
});

test('bad input never crashes: 500 damaged copies of the example are read or refused with a placed Chinese message', () => {
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  const pieces = [':', '[', ']', '{', '}', '- ', '*a', '&a ', '\t', '\n', '  ', '"', "'", 'null', '~', '? ', '!!str ', '1.5', '-3', '|', '#', ','];
  for (let i = 0; i < 500; i++) {
    let text = example;
    for (let k = 0; k <= random(3); k++) {
      const at = random(text.length);
      text = random(2) ? text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + random(5));
    }
    try {
      readAuthoringReport(text, 'x.yaml');
    } catch (err) {
      assert.ok(err instanceof InputError, String(err));
      assert.match(err.message, /^x\.yaml：(第\d+行第\d+列：|缺少|文件是空的|填写文件有 \d+ 处错误：\n {2}(第\d+行第\d+列：|缺少))/, err.message);
      assert.doesNotMatch(err.message, /undefined|NaN|\[object/, err.message);
    }
  }
});
