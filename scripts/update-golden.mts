/**
 * Regenerates the golden files that ogi produces itself — test/golden/sample-findings.txt and
 * test/golden/render/* — with the functions the tests compare against (test/helpers/golden.ts).
 * The tests never write them. Review `git diff test/golden/` line by line before committing.
 *
 *   npm run golden:update
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GOLDEN_DIR, GOLDEN_FILES } from '../test/helpers/golden.ts';

let changed = 0;
for (const { file, produce } of GOLDEN_FILES) {
  const path = join(GOLDEN_DIR, file);
  const content = await produce();
  const before = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (before === content) {
    console.log(`unchanged  test/golden/${file}`);
    continue;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  changed++;
  console.log(`${before === null ? 'created' : 'updated'}    test/golden/${file}`);
}
console.log(changed ? `\n${changed} file(s) written: review them with \`git diff test/golden/\` before committing.` : '\nAll golden files are up to date.');
