// Fuzz suite (issue 15): mutated real files of every format must end in a report or a clear InputError —
// never an uncaught exception, never past the read budget, never above 1 GB of memory.
//
// In CI (the default) it runs about 30 s with a fixed seed, and with OCR and LibreOffice hidden from the
// readers (PATH emptied: a mutated page image would otherwise spend seconds in Tesseract per run).
// `npm run fuzz` runs longer with a random seed and the external programs found on PATH:
//   FUZZ_SECONDS=600 FUZZ_SEED=42 npm run fuzz
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { InputError } from '../src/errors.ts';
import { extractSource } from '../src/extract/index.ts';
import { readAuthoringReport } from '../src/ingest/authoring.ts';
import { decodeImage } from '../src/ingest/raster.ts';
import { readSource } from '../src/ingest/read-file.ts';
import { mutate, mutatePackage, mutation, packageMutation, seeds, type Format } from './helpers/fuzz.ts';

const LONG = process.env.FUZZ_SECONDS !== undefined;
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 30);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : LONG ? undefined : 20261203;
/** Each read's budget, and what a read may take beyond it (a synchronous step between two checks, extraction). */
const READ_MS = 10_000;
const GRACE_MS = 15_000;
const MAX_RSS = 1024 * 1024 * 1024;
const FORMATS: Format[] = ['txt', 'md', 'html', 'docx', 'pdf', 'png', 'jpg', 'yaml', 'json'];

if (!LONG) process.env.PATH = '';

const tmp = mkdtempSync(join(tmpdir(), 'ogi-fuzz-'));
let seq = 0;
const outcomes: Record<string, number> = {};

/** Reads one mutated input as ogi does: the reader and the extractor, or the authoring reader. */
async function readMutated(format: Format, bytes: Buffer): Promise<void> {
  const path = join(tmp, `input-${++seq}.${format}`);
  writeFileSync(path, bytes);
  const started = Date.now();
  let outcome = 'read';
  try {
    if (format === 'yaml' || format === 'json') readAuthoringReport(bytes.toString('utf8'), path);
    else extractSource(await readSource(path, { limits: { readMs: READ_MS } }));
    if (format === 'png' || format === 'jpg') await decodeImage(bytes, path);
  } catch (err) {
    if (!(err instanceof InputError)) {
      const kept = join(tmpdir(), `ogi-fuzz-failure-${process.pid}-${seq}.${format}`);
      writeFileSync(kept, bytes);
      throw new Error(`${format}: not an InputError (input kept as ${kept}): ${(err as Error).stack ?? String(err)}`);
    }
    outcome = err.code;
  } finally {
    rmSync(path, { force: true });
  }
  const elapsed = Date.now() - started;
  outcomes[`${format} ${outcome}`] = (outcomes[`${format} ${outcome}`] ?? 0) + 1;
  assert.ok(elapsed <= READ_MS + GRACE_MS, `${format}: read took ${elapsed} ms, budget ${READ_MS} ms`);
  const rss = process.memoryUsage().rss;
  assert.ok(rss < MAX_RSS, `${format}: RSS ${Math.round(rss / 1024 / 1024)} MB after a read`);
}

const all = await seeds();

for (const format of FORMATS) {
  test(`fuzz ${format}: mutated files end in a report or a clear error, within budget and memory`, { timeout: SECONDS * 1000 + 120_000 }, async (t) => {
    const inputs = all[format];
    if (!inputs.length) {
      if (process.env.CI === 'true') assert.fail(`no seed for ${format}: @napi-rs/canvas is needed to make the image seeds`);
      t.skip(`skipped: no ${format} seed (@napi-rs/canvas could not encode one)`);
      return;
    }
    const seed = fc.nat({ max: inputs.length - 1 });
    const params = {
      numRuns: 1_000_000,
      interruptAfterTimeLimit: (SECONDS * 1000) / FORMATS.length,
      ...(SEED === undefined ? {} : { seed: SEED }),
    };
    // The seeds themselves first.
    for (const input of inputs) await readMutated(format, input);
    if (format === 'docx') {
      await fc.assert(fc.asyncProperty(seed, packageMutation, async (i, m) => readMutated(format, await mutatePackage(inputs[i]!, m))), params);
    } else {
      await fc.assert(fc.asyncProperty(seed, fc.array(mutation, { minLength: 1, maxLength: 4 }), async (i, ops) => readMutated(format, mutate(inputs[i]!, ops))), params);
    }
  });
}

test('fuzz summary', () => {
  const runs = Object.values(outcomes).reduce((a, b) => a + b, 0);
  process.stderr.write(`fuzz: ${runs} inputs — ${Object.entries(outcomes).sort().map(([k, v]) => `${k}: ${v}`).join(', ')}\n`);
  rmSync(tmp, { recursive: true, force: true });
  assert.ok(runs >= FORMATS.length, 'the fuzz suite ran');
});
