import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ACTIVE_2019, ACTIVE_2021, ACTIVE_HEADER_LABEL } from '../src/schema/active.ts';
import type { LabelDef } from '../src/schema/labels.ts';
import { labelKey, stripNumbering } from '../src/schema/normalize.ts';
import { REQUEST_COLUMNS, REQUEST_ROWS, requestRows } from '../src/schema/requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from '../src/schema/review.ts';
import { SECTIONS } from '../src/schema/sections.ts';
import { TEMPLATE_DEFS } from '../src/schema/templates.ts';
import { inferIssuerType } from '../src/schema/issuer.ts';

const src = new URL('../src/', import.meta.url).pathname;

function words(def: LabelDef): string[] {
  return [def.label, ...(def.aliases ?? []), ...(def.contains ?? []), ...(def.equals ?? []), ...(def.prefixes ?? [])];
}

// Exempt: rule modules (their docs and messages quote the statute for the reader) and the
// narrative reader (its vocabulary is what the prose of reports says, not table labels).
test('no printed label is written anywhere but in src/schema (and the prose of rule modules)', () => {
  const defs: LabelDef[] = [
    ...ACTIVE_2019.flatMap((i) => [i, ...i.rows, ...i.columns]),
    ...ACTIVE_2021.flatMap((i) => [i, ...i.rows, ...i.columns]),
    ACTIVE_HEADER_LABEL, ...REQUEST_ROWS, ...REQUEST_COLUMNS, ...REVIEW_GROUPS, ...REVIEW_COLUMNS,
    ...Object.values(TEMPLATE_DEFS).flatMap((t) => t.markers),
  ];
  const labels = new Set([
    ...defs.flatMap(words),
    ...SECTIONS.flatMap((s) => [s.heading, ...s.variants]),
  ].map((w) => stripNumbering(w)).filter((w) => w.length >= 3));
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.startsWith('schema/') && !f.startsWith('check/rules/') && !f.startsWith('extract/narrative/'));
  const found: string[] = [];
  for (const f of files) {
    const text = readFileSync(join(src, f), 'utf8');
    for (const l of labels) if (text.includes(l)) found.push(`${f}: ${l}`);
  }
  assert.deepEqual(found, []);
});

test('the two templates have the statutory shapes', () => {
  assert.equal(requestRows('2019').length, 23);
  assert.equal(requestRows('2021').length, 25);
  assert.deepEqual(ACTIVE_2019.map((i) => i.key), ['art20_1', 'art20_5', 'art20_6', 'art20_8', 'art20_9']);
  assert.deepEqual(ACTIVE_2021.map((i) => i.key), ['art20_1', 'art20_5', 'art20_6', 'art20_8']);
  assert.equal(requestRows('2019').filter((r) => r.result).length, 19);
  assert.equal(requestRows('2021').filter((r) => r.result).length, 21);
  assert.equal(REQUEST_COLUMNS.length, 7);
  assert.equal(REVIEW_GROUPS.length * REVIEW_COLUMNS.length, 15);
});

test('label keys fold widths, brackets, spaces and numbering', () => {
  assert.equal(labelKey('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'), '部分公开(区分处理的,只计这一情形,不计其他情形)');
  assert.equal(labelKey(' 1． 属于国家秘密'), '属于国家秘密');
  assert.equal(labelKey('3.危及“三安全一稳定”'), '危及三安全一稳定');
  assert.equal(labelKey('商业 企业'), '商业企业');
  assert.equal(labelKey('第二十条第（一）项'), '第二十条第(一)项');
});

test('issuer type from the agency name', () => {
  assert.deepEqual(
    ['某某市人民政府', '某某县某某镇人民政府', '某某区某某街道办事处', '淄博市投资促进局', '某某市人民政府办公室', '淄博经济开发区管委会', '某某区投资促进中心', null].map(inferIssuerType),
    ['government', 'township', 'township', 'department', 'department', 'other', 'other', 'other'],
  );
});
