import { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';
import { reportJsonSchema } from '../schema/json-schema.ts';
import { parseInputs } from './parse-files.ts';
import { formatSummary } from './summary.ts';
import { toJson } from './json.ts';

const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');

const program = new Command();
program
  .name('ogi')
  .description('政府信息公开工作年度报告：读取、核查、生成与汇总（open government information annual reports）')
  .showHelpAfterError('（用 ogi --help 查看用法）')
  .configureOutput({ outputError: (str, write) => write(str) });

program
  .command('parse')
  .description('读取报告，输出数据（每个数值都带有出处）')
  .argument('<files...>', '报告文件或目录（.txt、.md；目录会递归读取）')
  .option('--json', '输出 JSON（一个文件输出一个对象，多个文件输出数组）')
  .action(async (files: string[], opts: { json?: boolean }) => {
    const results = await parseInputs(files);
    const ok = results.filter((r) => r.report);
    if (opts.json) {
      const reports = ok.map((r) => r.report);
      const single = files.length === 1 && results.length === 1;
      if (ok.length) process.stdout.write(`${toJson(single ? reports[0] : reports)}\n`);
    } else {
      process.stdout.write(ok.map((r) => formatSummary(r.path, r.report!)).join('\n\n' + '─'.repeat(40) + '\n\n') + (ok.length ? '\n' : ''));
    }
    for (const r of results) if (r.error) process.stderr.write(`错误：${r.error.message}\n`);
    if (results.some((r) => r.error)) process.exitCode = 2;
  });

program
  .command('schema')
  .description('输出报告数据的 JSON Schema（由法定格式定义生成）')
  .action(() => {
    process.stdout.write(`${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
  });

program
  .command('start')
  .description('读取随附的样例报告并输出摘要（npm start）')
  .action(async () => {
    const results = await parseInputs([SAMPLES]);
    for (const r of results) {
      const name = relative(process.cwd(), r.path);
      if (r.error) {
        process.stdout.write(`✗ ${name}：${r.error.message}\n`);
        continue;
      }
      const rep = r.report!;
      process.stdout.write(`✓ ${name}  ${rep.agency ?? '（未识别机关）'}  ${rep.year ?? '？'}年度  ${rep.template}格式  提取说明 ${rep.notes.length} 条\n`);
    }
    process.stdout.write(`\n共 ${results.length} 份样例报告。用 ./bin/ogi parse samples/<文件> 查看某一份的完整数据。\n`);
    if (results.some((r) => r.error)) process.exitCode = 2;
  });

await program.parseAsync(process.argv);
