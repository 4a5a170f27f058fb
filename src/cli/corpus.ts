import { corpusInputs } from './corpus-inputs.ts';
import type { CorpusTask, ItemResult } from './corpus-item.ts';
import { Manifest, skippedLine, unreadLine } from './manifest.ts';
import { defaultJobs, runCorpus } from './pool.ts';

/** The options every corpus command (parse, check, render --to csv|xlsx|json) takes. */
export interface CorpusOptions {
  jobs?: string;
  manifest?: string;
}


export interface CorpusRun {
  manifest: Manifest;
  /** Inputs (or reports of a JSON array) that could not be read. */
  failures: number;
}

/**
 * Runs a corpus command's task over its inputs: the errors go to standard error as they come
 * (naming the file), each result to `onResult` in input order. Returns null after a usage error.
 * `ownManifest`: the command adds the manifest lines of its reports itself (check, after the cross-year rules).
 */
export async function runCorpusTask(
  inputs: readonly string[], task: CorpusTask, opts: CorpusOptions, onResult: (result: ItemResult) => Promise<void>, ownManifest = false,
): Promise<CorpusRun | null> {
  const asked = opts.jobs === undefined ? null : Number(opts.jobs);
  if (asked !== null && (!Number.isInteger(asked) || asked < 1 || asked > 256)) {
    process.stderr.write(`错误：--jobs 应为 1 到 256 的整数，收到“${opts.jobs}”\n`);
    return null;
  }
  const manifest = Manifest.open(opts.manifest);
  const { entries, failed, skipped } = await corpusInputs(inputs);
  const jobs = asked ?? defaultJobs(entries.length);
  let failures = 0;
  for (const { error, rel } of failed) {
    process.stderr.write(`错误：${error.message}\n`);
    await manifest.add(unreadLine(rel, null, error.message));
    failures++;
  }
  if (skipped.length) {
    const shown = skipped.slice(0, 5).join('、') + (skipped.length > 5 ? ' 等' : '');
    process.stderr.write(`提示：目录中有 ${skipped.length} 个文件不是可读取的格式，已跳过（${shown}）；JSON、YAML 数据文件请单独指定\n`);
    for (const path of skipped) await manifest.add(skippedLine(path));
  }
  await runCorpus(entries, task, jobs, async (result) => {
    for (const message of result.errors) process.stderr.write(`错误：${message}\n`);
    failures += result.errors.length;
    for (const line of result.failed) await manifest.add(line);
    if (!ownManifest) for (const r of result.records) await manifest.add(r.manifest);
    await onResult(result);
  });
  return { manifest, failures };
}

/** Closes the manifest and ends standard error with the summary line (several inputs, or a manifest asked for). */
export async function finishCorpus(run: CorpusRun, opts: CorpusOptions): Promise<void> {
  await run.manifest.close();
  if (opts.manifest) process.stderr.write(`已生成清单 ${opts.manifest}\n`);
  if (opts.manifest || run.manifest.total > 1 || run.manifest.skipped) process.stderr.write(`${run.manifest.summary()}\n`);
}

