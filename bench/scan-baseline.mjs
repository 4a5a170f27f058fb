// The floor of bench/corpus.ts, as a whole process: read every file under a directory and run one
// regular expression over its text (plain Node, no tsx, one thread).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let sink = 0;
for (const e of readdirSync(process.argv[2], { recursive: true, withFileTypes: true })) {
  if (!e.isFile()) continue;
  sink += (readFileSync(join(e.parentPath, e.name)).toString('utf8').match(/\d+/g) ?? []).length;
}
process.stdout.write(`${sink}\n`);
