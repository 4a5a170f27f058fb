// Prebuilds the command line into .build/cli (run by `npm install` through the "prepare" script):
// plain JavaScript starts in a tenth of the time the TypeScript sources take through tsx, which
// matters when `ogi parse` is run over a corpus and starts a worker thread per core. bin/ogi runs
// the prebuilt files only while no source file is newer (scripts/build-state.mjs); otherwise the
// sources themselves, so an edited checkout never runs stale code.
import { build } from 'esbuild';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, ROOT, sourceState, STAMP } from './build-state.mjs';

const started = sourceState();
const ruleFiles = readdirSync(join(ROOT, 'src', 'check', 'rules')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
rmSync(BUILD_DIR, { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/main.ts', 'src/cli/corpus-worker.ts', 'src/ingest/pdf-worker.ts', 'src/extract/read-worker.ts', 'src/ingest/image-decoder.ts'].map((f) => join(ROOT, f)),
  outdir: join(BUILD_DIR, 'cli'),
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  define: { __OGI_BUNDLE__: JSON.stringify({ ruleFiles }) },
  logLevel: 'warning',
});
writeFileSync(STAMP, JSON.stringify(started));
