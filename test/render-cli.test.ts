import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { extractReport } from '../src/extract/report.ts';
import { readAuthoring } from '../src/ingest/authoring.ts';
import { completeTotals } from '../src/schema/derive.ts';
import { renderHtml } from '../src/render/html.ts';
import { renderMarkdown, renderTxt } from '../src/render/plain.ts';
import type { TableTemplate } from '../src/schema/templates.ts';
import type { Report } from '../src/schema/types.ts';
import { ogi, root } from './helpers/cli.ts';
import { randomTables } from './helpers/random-report.ts';
import { baseReport } from './helpers/report-builder.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ogi-render-'));
const example = join(root, 'samples', 'example-2025.yaml');

function randomReport(template: TableTemplate, seed: number): Report {
  const year = template === '2019' ? 2020 : 2024;
  const r = baseReport({ template, year, tables: randomTables(template, seed), agency: '某某县自然资源局' });
  return { ...r, signedOn: `${year + 1}-01-2${seed % 8}` };
}

// Every text format ogi writes reads back into the same data.
for (const template of ['2019', '2021'] as const) {
  for (const [format, render] of [['md', renderMarkdown], ['txt', renderTxt]] as const) {
    test(`${format} round trip: 20 random reports of template ${template}`, () => {
      for (let seed = 1; seed <= 20; seed++) {
        const report = randomReport(template, seed * 31 + 7);
        const back = extractReport(render(report), { name: `x.${format}`, format });
        assert.deepEqual(back.tables, report.tables, `seed ${seed}`);
        assert.deepEqual([back.agency, back.year, back.template, back.signedOn], [report.agency, report.year, report.template, report.signedOn]);
        assert.deepEqual(back.sections, report.sections, `seed ${seed}`);
        assert.equal(back.preamble, report.preamble);
      }
    });
  }
}

test('html round trip through the page reader: 10 random reports of each template', async () => {
  const { readSource } = await import('../src/ingest/read-file.ts');
  const { extractSource } = await import('../src/extract/index.ts');
  for (const template of ['2019', '2021'] as const) {
    for (let seed = 1; seed <= 10; seed++) {
      const report = randomReport(template, seed * 17 + 3);
      const path = join(tmp, `r-${template}-${seed}.html`);
      writeFileSync(path, renderHtml(report));
      const back = extractSource(await readSource(path));
      assert.deepEqual(back.tables, report.tables);
      assert.deepEqual([back.agency, back.year, back.template, back.signedOn], [report.agency, report.year, report.template, report.signedOn]);
      assert.deepEqual(back.sections, report.sections);
    }
  }
});

test('ogi init writes a skeleton that reads back with every cell at 0 and the statutory headings', async () => {
  const r = await ogi('init', '--year', '2025', '--agency', '某某市交通运输局');
  assert.equal(r.code, 0);
  const report = readAuthoring(r.stdout, 'init.yaml');
  assert.deepEqual([report.agency, report.year, report.template, report.issuerType, report.signedOn], ['某某市交通运输局', 2025, '2021', 'department', '2026-01-20']);
  assert.deepEqual(report.tables.requests.newReceived, [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(report.tables.review.litigationAfterReview, [0, 0, 0, 0, 0]);
  assert.deepEqual(report.tables.active.art20_8, { fees: { amount: 0 } });
  assert.match(r.stdout, /\n {2}一、总体情况: \|\n/);
  assert.match(r.stdout, /\n {2}六、其他需要报告的事项: \|\n/);
  assert.equal((await ogi('init', '--year', '二〇二五', '--agency', 'x')).code, 2);
});

test('the example authoring file is complete and consistent: it renders and checks clean', async () => {
  const check = await ogi('check', example);
  assert.equal(check.code, 0);
  assert.equal(check.stdout, `${example}  某某市交通运输局 · 2025年度 · 2021格式\n  未发现问题\n`);
  const md = await ogi('render', example, '--to', 'md');
  assert.equal(md.code, 0);
  const back = extractReport(md.stdout, { name: 'example.md', format: 'md' });
  assert.deepEqual(back.tables, readAuthoring(readFileSync(example, 'utf8'), example).tables);
});

test('totals are computed, never typed: blank totals are filled from their parts', () => {
  const yaml = readFileSync(example, 'utf8')
    .replace('一、本年新收政府信息公开申请数量: [18, 4, 0, 0, 1, 1, 24]', '一、本年新收政府信息公开申请数量: [18, 4, 0, 0, 1, 1, null]')
    .replace('（七）总计: [19, 3, 0, 0, 0, 0, 22]', '（七）总计: [null, null, null, null, null, null, null]')
    .replace('行政复议: [1, 0, 0, 1, 2]', '行政复议: [1, 0, 0, 1, null]');
  const { report, computed } = completeTotals(readAuthoring(yaml, 'x.yaml'));
  assert.deepEqual(report.tables.requests.newReceived, [18, 4, 0, 0, 1, 1, 24]);
  assert.deepEqual(report.tables.requests.resultTotal, [19, 3, 0, 0, 0, 0, 22]);
  assert.deepEqual(report.tables.review.review, [1, 0, 0, 1, 2]);
  assert.deepEqual([...computed].sort(), [
    'requests.resultTotal.naturalPerson', 'requests.resultTotal.business', 'requests.resultTotal.research',
    'requests.resultTotal.publicInterest', 'requests.resultTotal.legal', 'requests.resultTotal.other',
    'requests.newReceived.total', 'requests.resultTotal.total', 'review.review.total',
  ].sort());
});

test('render refuses a report with error-severity findings, lists them, and renders with --force', async () => {
  const bad = join(tmp, 'bad.yaml');
  writeFileSync(bad, readFileSync(example, 'utf8').replace('（七）总计: [19, 3, 0, 0, 0, 0, 22]', '（七）总计: [19, 3, 0, 0, 0, 0, 23]'));
  const refused = await ogi('render', bad, '--to', 'md');
  assert.equal(refused.code, 1);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /^错误：核查发现 \d+ 个“错误”级问题，未生成报告（改正后重试，或加 --force 强制生成）：\n/);
  assert.ok(
    refused.stderr.includes(
      `  ${bad}  SUM-01 表三“（七）总计”行“总计”列(23)可能有误：若为22，以下3处勾稽关系都成立——SUM-01：第一项加第二项之和(26)不等于第三项加第四项之和(27)，列：总计；` +
        'SUM-02：（七）总计(23)不等于各项办理结果之和(22)，列：总计；SUM-03：表三“（七）总计”行总计(23)不等于自然人至其他六列之和(22)',
    ),
    refused.stderr,
  );
  const forced = await ogi('render', bad, '--to', 'md', '--force');
  assert.equal(forced.code, 0);
  assert.match(forced.stderr, /^注意：核查发现 \d+ 个“错误”级问题，按 --force 仍然生成/);
  assert.ok(forced.stdout.startsWith('# 某某市交通运输局2025年政府信息公开工作年度报告\n'));
});

test('render: binary formats go to a file named after the title; several reports only to csv/xlsx/json', async () => {
  const cwdFile = await ogi('render', example, '--to', 'docx', '-o', join(tmp, 'r.docx'));
  assert.equal(cwdFile.code, 0);
  assert.equal(cwdFile.stderr, `已生成 ${join(tmp, 'r.docx')}\n`);
  assert.equal(readFileSync(join(tmp, 'r.docx')).subarray(0, 2).toString('latin1'), 'PK');
  const many = await ogi('render', join(root, 'samples'), '--to', 'html');
  assert.equal(many.code, 2);
  assert.equal(many.stderr, '错误：--to html 每次只能生成一份报告，收到 5 份；多份报告请用 --to csv、xlsx 或 json\n');
  const csvPath = join(tmp, 'all.csv');
  assert.equal((await ogi('render', join(root, 'samples'), '--to', 'csv', '-o', csvPath)).code, 0);
  const bytes = readFileSync(csvPath);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM so that Excel opens it');
  const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
  // One flat table for all five reports.
  assert.equal(lines[0], 'agency,year,template,table,item,row,column,value,tableLabel,itemLabel,rowLabel,columnLabel,path,reportId');
  assert.equal(new Set(lines.slice(1).map((l) => l.split(',')[0])).size, 5);
  const bad = await ogi('render', example, '--to', 'odt');
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, '错误：--to 应为 docx、pdf、html、md、txt、xlsx、csv、json 之一，收到“odt”\n');
});

test('authoring errors name the file, the line and column, and the field', async () => {
  const wrong = join(tmp, 'wrong.yaml');
  writeFileSync(wrong, '机关: 某某局\n年度: 2025\n表三:\n  （一）予以公开: [1, 2]\n');
  const r = await ogi('render', wrong, '--to', 'md');
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `错误：${wrong}：第4行第12列：表三“（一）予以公开”应有7个数（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计），此处只有2个；总计可写 null 由程序计算\n`);
});

test('render --to csv neutralises formulas in text cells (the one CSV writer of the CLI and the API)', async () => {
  const file = join(tmp, 'formula.yaml');
  const init = await ogi('init', '--year', '2025', '--agency', '=HYPERLINK("http://evil.example","点我")', '-o', file);
  assert.equal(init.code, 0, init.stderr);
  const csv = await ogi('render', file, '--to', 'csv');
  assert.equal(csv.code, 0, csv.stderr);
  const rows = csv.stdout.split('\r\n').slice(1, -1);
  assert.ok(rows.length > 100);
  for (const row of rows) assert.ok(row.startsWith(`"'=HYPERLINK(""http://evil.example"",""点我"")"`), row);
  const { toCsv } = await import('../src/render/csv.ts');
  assert.equal(toCsv(['a'], [['+1'], ['-x'], ['@SUM(A1)'], ['\tx'], [5], [null]]), "\uFEFFa\r\n'+1\r\n'-x\r\n'@SUM(A1)\r\n'\tx\r\n5\r\n\r\n");
});

test('render -o to a folder that does not exist or to a folder: a Chinese message naming the path, exit 2, no stack trace, no file', async () => {
  const missing = join(tmp, 'no-such-folder');
  for (const format of ['xlsx', 'docx', 'pdf', 'html', 'md', 'txt'] as const) {
    const out = join(missing, `r.${format}`);
    const r = await ogi('render', example, '--to', format, '-o', out);
    assert.equal(r.code, 2, format);
    assert.equal(r.stdout, '', format);
    assert.equal(r.stderr, `错误：无法写入输出文件 ${out}：目录不存在\n`, format);
    assert.equal(existsSync(missing), false, format);
  }
  const folder = await ogi('render', example, '--to', 'md', '-o', tmp);
  assert.equal(folder.code, 2);
  assert.equal(folder.stderr, `错误：无法写入输出文件 ${tmp}：是一个目录，不是文件\n`);
  const notFolder = join(tmp, 'plain-file');
  writeFileSync(notFolder, 'x');
  const under = await ogi('render', example, '--to', 'xlsx', '-o', join(notFolder, 'r.xlsx'));
  assert.equal(under.code, 2);
  assert.equal(under.stderr, `错误：无法写入输出文件 ${join(notFolder, 'r.xlsx')}：路径中的某一级不是目录\n`);
  assert.equal(readFileSync(notFolder, 'utf8'), 'x');
});

test('md: report text cannot become HTML, and a table cell cannot end its cell or its row', async () => {
  const { mdCell } = await import('../src/render/plain.ts');
  const base = randomReport('2021', 5);
  const report: Report = {
    ...base,
    agency: '某局<script>alert(1)</script>',
    preamble: 'A & B <img src=x onerror=alert(1)> &amp;',
    sections: { ...base.sections, overview: '正文<!-- 注释 --><a href="javascript:x">链接</a>\n第二行 <https://evil.example>' },
  };
  const md = renderMarkdown(report);
  assert.equal(md.split('\n')[0], '# 某局&lt;script&gt;alert(1)&lt;/script&gt;2024年政府信息公开工作年度报告');
  assert.equal(md.split('\n')[2], 'A &amp; B &lt;img src=x onerror=alert(1)&gt; &amp;amp;');
  assert.ok(md.includes('\n## 一、总体情况\n正文&lt;!-- 注释 --&gt;&lt;a href="javascript:x"&gt;链接&lt;/a&gt;\n第二行 &lt;https://evil.example&gt;\n'), md);
  assert.ok(md.endsWith('\n某局&lt;script&gt;alert(1)&lt;/script&gt;\n2025年1月25日\n'), md.slice(-80));
  assert.doesNotMatch(md, /<|>/);
  assert.equal(mdCell('a|b\\|c\r\n  d<e>&'), 'a\\|b\\\\\\|c d&lt;e&gt;&amp;');
  // The text format stays as written: it is not markup.
  assert.ok(renderTxt(report).startsWith('某局<script>alert(1)</script>2024年政府信息公开工作年度报告\n\nA & B <img src=x onerror=alert(1)> &amp;\n'));
});

test('render: an output file that fails part-way (over the file size limit) is removed, not left cut short', async () => {
  const { execFile } = await import('node:child_process');
  for (const [input, format] of [[example, 'xlsx'], [example, 'pdf'], [join(root, 'samples'), 'csv']] as const) {
    const out = join(tmp, `cut.${format}`);
    // `ulimit -f 8`: writes past 8 KiB fail with EFBIG (Node ignores SIGXFSZ).
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile('sh', ['-c', 'ulimit -f 8 && exec "$0" "$@"', join(root, 'bin', 'ogi'), 'render', input, '--to', format, '-o', out], { cwd: root });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    assert.equal(r.code, 2, `${format}: ${r.stderr}`);
    assert.ok(r.stderr.endsWith(`错误：无法写入输出文件 ${out}：文件超过系统允许的大小\n`), r.stderr);
    assert.equal(existsSync(out), false, format);
  }
});
