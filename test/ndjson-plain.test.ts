import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { holdsRawInJson, jsonLine, plainJsonLine } from '../src/render/json.ts';
import { ogi, root } from './helpers/cli.ts';

// parse --ndjson skips the escaping scan of a report whose text and path hold no character it escapes:
// the lines must be those of the full scan, and a report with such a character in its text or path is still escaped.
const RAW = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const S003 = readFileSync(join(root, 'samples', '003_587a12f256707b84.txt'), 'utf8');

test('holdsRawInJson and plainJsonLine: the same line as jsonLine for a value without such characters', () => {
  const value = { agency: '某局', list: ['a', 1, null], text: '\u0000\t"\\' };
  assert.equal(holdsRawInJson(JSON.stringify(value)), false);
  assert.equal(plainJsonLine(value), jsonLine(value));
  for (const ch of ['\u007f', '\u0085', '\u009f', '\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069']) assert.equal(holdsRawInJson(`a${ch}b`), true, ch.charCodeAt(0).toString(16));
});

test('parse --ndjson: clean reports as --json reads them, hostile text or path escaped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogi-plain-'));
  const folder = join(dir, 'in');
  mkdirSync(folder);
  writeFileSync(join(folder, 'a.txt'), S003);
  writeFileSync(join(folder, `b\u2028.txt`), S003);
  writeFileSync(join(folder, 'c.md'), S003.replace(/(一、总体情况\s*\n)/, '$1本机关\u202e认真贯彻\u0085\n'));
  const r = await ogi('parse', '--ndjson', '--jobs', '1', folder);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, RAW);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.input.path), ['a.txt', 'b\u2028.txt', 'c.md']);
  assert.ok(lines[2].sections.overview.includes('本机关\u202e认真贯彻\u0085'));
  const single = await ogi('parse', '--json', join(folder, 'a.txt'));
  const { input: _i, ...fromJson } = JSON.parse(single.stdout);
  const { input: _n, ...fromNdjson } = lines[0];
  assert.deepEqual(fromNdjson, fromJson);
});
