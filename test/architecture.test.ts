import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { test } from 'node:test';

/** The stages in import order: a module may import its own stage and the ones before it. */
const STAGES = ['schema', 'ingest', 'extract', 'check', 'render', 'store', 'web', 'server', 'cli'];
const src = new URL('../src/', import.meta.url).pathname;
const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

/** Top-level modules (errors.ts, programs.ts) are below every stage. */
const stageOf = (file: string) => (file.includes('/') ? STAGES.indexOf(file.split('/')[0]!) : -1);

function imports(file: string): string[] {
  const text = readFileSync(join(src, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)) {
    const spec = m[1] ?? m[2]!;
    out.push(normalize(relative(src, join(src, dirname(file), spec))));
  }
  return out;
}

test('stages import downward only: schema → ingest → extract → check → render → store → web → server → cli', () => {
  const upward: string[] = [];
  let seen = 0;
  for (const f of files) {
    if (f.includes('/')) assert.notEqual(stageOf(f), -1, `${f} is in no stage`);
    for (const target of imports(f)) {
      seen++;
      if (stageOf(target) > stageOf(f)) upward.push(`${f} → ${target}`);
    }
  }
  assert.ok(seen > 500, `only ${seen} imports found: the import scanner is broken`);
  assert.ok(stageOf('check/engine.ts') > stageOf('extract/report.ts') && stageOf('cli/main.ts') > stageOf('server/app.ts'));
  assert.deepEqual(upward, []);
});

test('no rule imports another rule: what rules share lives beside the engine', () => {
  const found = files
    .filter((f) => f.startsWith('check/rules/'))
    .flatMap((f) => imports(f).filter((t) => t.startsWith('check/rules/')).map((t) => `${f} → ${t}`));
  assert.deepEqual(found, []);
});

// Cells are named through src/schema/cells.ts (activePath, requestsPath, reviewPath, placePath…),
// and rows and columns through the schema's declarations, never by position.
test('no cell path is built by hand and no row or column is named by its position outside src/schema', () => {
  const patterns = [
    /`(?:requests|review|active)\.\$\{/,
    /'(?:requests|review|active)\.[A-Za-z_0-9]+\.[A-Za-z_0-9.]+'/,
    /(?:cells|values|row|part|cols|columns)\??\.slice\([01], ?[4-7]\)|\[0, ?1, ?2, ?3|\bcols?\[\d\]|\bcells\??\.?\[\d\]|\b(?:TOTAL|PER_GROUP|COLUMNS)\s*=\s*\d/,
  ];
  const found: string[] = [];
  for (const f of files.filter((x) => !x.startsWith('schema/'))) {
    readFileSync(join(src, f), 'utf8').split('\n').forEach((line, i) => {
      if (patterns.some((p) => p.test(line))) found.push(`${f}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(found, []);
});
