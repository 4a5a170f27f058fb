import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { escapeJsonText, jsonLine, toJson } from '../src/render/json.ts';
import { ogi, root } from './helpers/cli.ts';

// Report text is untrusted: a C1 control (U+009B is a terminal's CSI), DEL, line and paragraph
// separators and a bidirectional override must reach a terminal as \uXXXX, never raw.
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = '\u009b31m\u0085\u007f\u2028\u2029\u202e\u001b[2J';

const tmp = mkdtempSync(join(tmpdir(), 'ogi-json-'));
const S003 = join(root, 'samples', '003_587a12f256707b84.txt');

test('escapeJsonText: the same values, every such character as \\uXXXX, C0 controls as JSON.stringify writes them', () => {
  const value = { agency: `某局${HOSTILE}`, list: ['a\u2028b', 1, null], '\u0085key': '\\\u0085' };
  const json = escapeJsonText(JSON.stringify(value));
  assert.equal(json, '{"agency":"某局\\u009b31m\\u0085\\u007f\\u2028\\u2029\\u202e\\u001b[2J","list":["a\\u2028b",1,null],"\\u0085key":"\\\\\\u0085"}');
  assert.deepEqual(JSON.parse(json), value);
  assert.equal(jsonLine(value), `${json}\n`);
  // toJson: also the indented form, its one-line arrays intact.
  assert.equal(toJson({ row: ['\u2028', 2] }), '{\n  "row": ["\\u2028", 2]\n}');
  assert.deepEqual(JSON.parse(toJson(value)), value);
});

test('check --json, --ndjson and the manifest, parse --json and --ndjson: no raw control characters, same values', async () => {
  const agency = `某某局${HOSTILE}`;
  const lean = JSON.parse((await ogi('parse', '--json', '--lean', S003)).stdout);
  const report = { ...lean, agency, input: { ...lean.input, path: `a${HOSTILE}.txt` } };
  // Two reports, so that --json indents each inside the array (a raw U+2028 was a line start to that indentation).
  const files = ['a.json', 'b.json'].map((name) => join(tmp, name));
  for (const f of files) writeFileSync(f, JSON.stringify(report));
  const manifest = join(tmp, `m${HOSTILE.slice(0, 2)}.jsonl`);

  const json = await ogi('check', '--json', '--manifest', manifest, ...files);
  const ndjson = await ogi('check', '--ndjson', ...files);
  for (const r of [json, ndjson]) {
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, RAW);
  }
  const list = JSON.parse(json.stdout);
  assert.deepEqual(list.map((c: { report: { agency: string } }) => c.report.agency), [agency, agency]);
  assert.deepEqual(list.map((c: { input: { path: string } }) => c.input.path), [`a${HOSTILE}.txt`, `a${HOSTILE}.txt`]);
  assert.deepEqual(ndjson.stdout.trimEnd().split('\n').map((l) => JSON.parse(l)), list);
  const lines = readFileSync(manifest, 'utf8');
  assert.doesNotMatch(lines, RAW);
  assert.deepEqual(lines.trimEnd().split('\n').map((l) => JSON.parse(l).path), [`a${HOSTILE}.txt`, `a${HOSTILE}.txt`]);

  // A document whose text holds them: parse's JSON keeps them as values, escaped.
  const text = join(tmp, 'r.txt');
  const overview = `本机关${HOSTILE}认真贯彻`;
  writeFileSync(text, readFileSync(S003, 'utf8').replace(/(一、总体情况\s*\n)/, `$1${overview}\n`));
  for (const flag of ['--json', '--ndjson']) {
    const r = await ogi('parse', flag, text);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, RAW);
    assert.ok(JSON.parse(r.stdout).sections.overview.includes(overview), flag);
  }
});
