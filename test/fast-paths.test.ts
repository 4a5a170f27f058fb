import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeText } from '../src/ingest/decode.ts';
import { detectKind } from '../src/ingest/detect.ts';
import { parseCellText } from '../src/extract/values.ts';
import { activePath, headerPath, placePath, requestsPath } from '../src/schema/cells.ts';
import { fold } from '../src/schema/normalize.ts';

// The shortcuts taken for speed give what the plain ways give.

/** A deterministic stream of pseudo-random numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('UTF-8 bytes decode to the same text as Buffer#toString: ASCII, two-, three- and four-byte characters, any length', () => {
  const next = random(7);
  const texts = ['', 'ascii only', '政府信息公开工作年度报告', 'é\u07ff\u0800\uffff\u{10000}\u{10ffff}', `${'政府信息'.repeat(300_000)}\u{1f600}`];
  for (let n = 0; n < 2000; n++) {
    let s = '';
    const len = Math.floor(next() * 120);
    for (let k = 0; k < len; k++) {
      const pick = next();
      const cp = pick < 0.3 ? Math.floor(next() * 0x80) : pick < 0.5 ? 0x80 + Math.floor(next() * 0x780) : pick < 0.85 ? 0x800 + Math.floor(next() * 0xf800) : 0x10000 + Math.floor(next() * 0x100000);
      if (cp < 0xd800 || cp > 0xdfff) s += String.fromCodePoint(cp);
    }
    texts.push(s);
  }
  for (const text of texts) {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes[0] === 0xef || bytes[0] === 0xff || bytes[0] === 0xfe) continue; // a BOM decides otherwise
    const decoded = decodeText(bytes);
    assert.equal(decoded.encoding, 'utf-8');
    assert.equal(decoded.text, bytes.toString('utf8'));
  }
});

test('fold is the same with and without unpaired surrogates, and keeps one unit for one', () => {
  const viaDecoder = (text: string) => {
    const units = new Uint16Array(text.length);
    const folded = fold(text);
    for (let i = 0; i < text.length; i++) units[i] = folded.charCodeAt(i);
    return new TextDecoder('utf-16le').decode(units);
  };
  const cases = ['（一）予以公开', '０１２３　４５', 'Ａ\ud800Ｂ', '\udc00\u3000', 'Ａ\ud83d\ude00Ｂ', '\ufeffＡ', '⼀⼆⼈', '−5–3'];
  for (const text of cases) {
    const folded = fold(text);
    assert.equal(folded.length, text.length, text);
    assert.equal(folded, viaDecoder(text), text);
  }
  assert.equal(fold('Ａ\ud800Ｂ'), 'A\ufffdB');
  assert.equal(fold('（一）１２　'), '(一)12 ');
});

test('cells that no value can begin with are labels; values, placeholders and blanks are read as before', () => {
  const cases: [string, ReturnType<typeof parseCellText>][] = [
    ['（一）予以公开', null],
    ['(三)不予公开', null],
    ['１．属于国家秘密', null],
    ['【注】', null],
    ['＋3', { kind: 'number', value: 3, digits: '3', sign: '+', unit: null }],
    ['－', { kind: 'placeholder' }],
    ['——', { kind: 'placeholder' }],
    ['N/A', { kind: 'placeholder' }],
    ['×', { kind: 'placeholder' }],
    ['无', { kind: 'placeholder' }],
    ['　５件', { kind: 'number', value: 5, digits: '5', sign: '', unit: '件' }],
    ['\u2028', { kind: 'empty' }],
    ['\u00a0 ', { kind: 'empty' }],
    ['', { kind: 'empty' }],
    ['1,234.5万元', { kind: 'number', value: 1234.5, digits: '1234.5', sign: '', unit: '万元' }],
    ['\ud800', null],
  ];
  for (const [text, expected] of cases) assert.deepEqual(parseCellText(text), expected, JSON.stringify(text));
});

test('cell paths looked up by their parts are the joined paths, one string for each', () => {
  assert.equal(activePath('art20_1', 'rules', 'madeThisYear'), 'active.art20_1.rules.madeThisYear');
  assert.equal(placePath({ table: 'active', item: 'art20_1', row: 'rules', column: 'madeThisYear' }), activePath('art20_1', 'rules', 'madeThisYear'));
  assert.equal(headerPath('art20_5', 'decisions'), 'active.art20_5.header.decisions');
  assert.equal(placePath({ table: 'active', item: 'art20_5' }), 'active.art20_5');
  assert.equal(placePath({ table: 'requests', row: 'denied.stateSecret', column: 'total' }), requestsPath('denied.stateSecret', 'total'));
  assert.equal(placePath({ table: 'requests', row: 'denied.stateSecret' }), 'requests.denied.stateSecret');
  assert.equal(placePath({ table: 'review', column: 'total' }), 'review');
  assert.equal(placePath({ table: 'requests', row: '', column: 'total' }), 'requests..total');
  assert.equal(placePath({}), '');
});

test('a file is HTML or markup only when a "<" comes in its first 4 096 bytes', () => {
  assert.equal(detectKind(Buffer.from('某某局2024年政府信息公开工作年度报告\n一、总体情况\n')), 'text');
  assert.equal(detectKind(Buffer.from('<!DOCTYPE html><html><body>报告</body></html>')), 'html');
  assert.equal(detectKind(Buffer.from(`${'政'.repeat(1400)}<html>`)), 'text');
  assert.equal(detectKind(Buffer.from('# 标题\n<table><tr><td>1</td></tr></table>')), 'text');
  assert.equal(detectKind(Buffer.from('<div>报告</div>')), 'html');
});
