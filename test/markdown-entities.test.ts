import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readAuthoring } from '../src/ingest/authoring.ts';
import { decodeMarkdownEntities } from '../src/ingest/md-entities.ts';
import { readSource } from '../src/ingest/read-file.ts';
import { ogi, root } from './helpers/cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ogi-md-'));

test('decodeMarkdownEntities: named and numeric references in one pass; unknown names and control characters stay as written', () => {
  assert.equal(decodeMarkdownEntities('A&amp;B&lt;测试&gt; &quot;x&quot; &apos;'), 'A&B<测试> "x" \'');
  assert.equal(decodeMarkdownEntities('&amp;amp; &amp;lt;'), '&amp; &lt;');
  assert.equal(decodeMarkdownEntities('&#x4E2D;&#25991;&#X6587;&nbsp;&ensp;&emsp;&#12288;&middot;&mdash;&ldquo;&rdquo;'), '中文文\u00a0\u2002\u2003\u3000·—“”');
  assert.equal(decodeMarkdownEntities('&unknown; &amp &#; &#xZZ; & 100%'), '&unknown; &amp &#; &#xZZ; & 100%');
  assert.equal(decodeMarkdownEntities('&#10;&#13;&#9;&#0;&#x85;&#x2028;&#xD800;&#x110000;&#x7f;'), '&#10;&#13;&#9;&#0;&#x85;&#x2028;&#xD800;&#x110000;&#x7f;');
  assert.equal(decodeMarkdownEntities('&toString; &constructor;'), '&toString; &constructor;');
});

test('md round trip: report text with &, < and > rendered by ogi reads back as written (parse), the tables too', async () => {
  const name = '某某局（A&B<测试>）';
  const yaml = readFileSync(join(root, 'samples', 'example-2025.yaml'), 'utf8')
    .replaceAll('某某市交通运输局', 'A&B<测试>某某局')
    .replace('扎实做好政府信息公开工作。', `扎实做好政府信息公开工作，${name}、R&D、<规范>、&amp;、&lt;、a < b > c 均照录。`);
  const source = join(tmp, 'r.yaml');
  writeFileSync(source, yaml);
  const report = readAuthoring(yaml, source);
  const md = join(tmp, 'r.md');
  assert.equal((await ogi('render', source, '--to', 'md', '-o', md)).code, 0);
  assert.match(readFileSync(md, 'utf8'), /^# A&amp;B&lt;测试&gt;某某局2025年/);

  const r = await ogi('parse', '--json', md);
  assert.equal(r.code, 0, r.stderr);
  const back = JSON.parse(r.stdout);
  assert.equal(back.agency, 'A&B<测试>某某局');
  assert.ok(back.sections.overview.includes(`${name}、R&D、<规范>、&amp;、&lt;、a < b > c 均照录。`), back.sections.overview);
  assert.deepEqual(back.sections, report.sections);
  assert.equal(back.preamble, report.preamble);
  assert.deepEqual(back.tables, report.tables);
  // Provenance points into the decoded text: the agency as printed in the title.
  assert.deepEqual(back.provenance['meta.agency'], { start: 2, end: 12, line: 1, text: 'A&B<测试>某某局' });
});

test('only Markdown is decoded: a .txt keeps &amp; as written', async () => {
  const text = '某某局2025年政府信息公开工作年度报告\nA&amp;B &lt;x&gt;\n';
  for (const [ext, expected] of [['md', '某某局2025年政府信息公开工作年度报告\nA&B <x>\n'], ['txt', text]] as const) {
    const path = join(tmp, `plain.${ext}`);
    writeFileSync(path, text);
    assert.equal((await readSource(path)).text, expected, ext);
  }
});
