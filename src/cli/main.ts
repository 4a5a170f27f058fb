import { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';
import type { CheckConfig, Severity } from '../check/types.ts';
import { InputError } from '../errors.ts';
import { MULTI_REPORT_FORMATS, OUTPUT_FORMATS, type OutputFormat } from '../render/formats.ts';
import type { CheckOptions } from './check-command.ts';
import { JOBS_HELP, MANIFEST_HELP } from './corpus-help.ts';
import type { ParseOptions } from './parse-command.ts';
import { printable } from './printable.ts';
import type { RenderDataOptions } from './render-data.ts';
import { ROLLUP_FORMATS, type RollupOptions } from './rollup-formats.ts';

// Each command loads its modules when it runs: `ogi parse` over a corpus should not pay for the
// renderers, the rule catalogue or the JSON Schema at start-up (or in each of its worker threads).
type RenderOptions = RenderDataOptions & { to: string; force?: boolean; config?: string };

const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');

// Output piped into `head` and closed early is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const program = new Command();
program
  .name('ogi')
  .description('政府信息公开工作年度报告：读取、核查、生成与汇总（open government information annual reports）')
  .showHelpAfterError('（用 ogi --help 查看用法）')
  .configureOutput({ outputError: (str, write) => write(str) });

program
  .command('parse')
  .description('读取报告，输出数据（每个数值都带有出处）；多个文件在多个工作线程上并行读取，按输入顺序边读边输出')
  .argument('<files...>', '报告文件或目录（.txt、.md 等；目录会递归读取）')
  .option('--json', '输出 JSON（一个文件输出一个对象，多个文件输出数组）')
  .option('--ndjson', '每份报告输出一行 JSON（与 --json 的数组各项相同），适合大量报告')
  .option('--lean', '不输出 structure 和 provenance（批量数据用）')
  .option('--jobs <n>', JOBS_HELP)
  .option('--manifest <file>', MANIFEST_HELP)
  .action(async (files: string[], opts: ParseOptions) => {
    const { runParse } = await import('./parse-command.ts');
    process.exitCode = await guard(() => runParse(files, opts));
  });

program
  .command('schema')
  .description('输出报告数据的 JSON Schema（draft 2020-12，由数据契约 src/schema/contract.ts 生成，其中的项、行、列取自法定格式）')
  .action(async () => {
    const [{ reportJsonSchema }, { escapeJsonText }] = await Promise.all([import('../schema/contract.ts'), import('../render/json.ts')]);
    process.stdout.write(`${escapeJsonText(JSON.stringify(reportJsonSchema(), null, 2))}\n`);
  });

/** The check configuration of `--config` (empty without one); null after saying why it cannot be read. */
async function configOrNull(file: string | undefined): Promise<CheckConfig | null> {
  if (!file) return {};
  const { loadCheckConfig } = await import('../check/config.ts');
  try {
    return await loadCheckConfig(file);
  } catch (err) {
    process.stderr.write(`错误：${err instanceof InputError ? err.message : String(err)}\n`);
    return null;
  }
}

/** A command whose input cannot be used or whose output cannot be written (a manifest or output file) ends with a Chinese message and exit code 2, never a stack trace. */
async function guard(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    process.stderr.write(`错误：${err.message}\n`);
    return 2;
  }
}

async function runRender(inputs: string[], opts: RenderOptions): Promise<number> {
  const format = opts.to as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) {
    process.stderr.write(`错误：--to 应为 ${OUTPUT_FORMATS.join('、')} 之一，收到“${opts.to}”\n`);
    return 2;
  }
  const config = await configOrNull(opts.config);
  if (!config) return 2;
  if (MULTI_REPORT_FORMATS.includes(format)) {
    const { runRenderData } = await import('./render-data.ts');
    return runRenderData(inputs, format as 'csv' | 'json' | 'xlsx', opts, config);
  }
  const [{ corpusInputs }, { loadReports }, { checkAll }, { writeOutput }] = await Promise.all([
    import('./corpus-inputs.ts'), import('./load-reports.ts'), import('../check/pipeline.ts'), import('./write-output.ts'),
  ]);
  const { entries, failed: unexpanded } = await corpusInputs(inputs);
  for (const { error } of unexpanded) process.stderr.write(`错误：${error.message}\n`);
  if (unexpanded.length) return 2;
  const loaded = await loadReports(entries.map((e) => e.path));
  const failed = loaded.filter((l) => l.error);
  for (const l of failed) process.stderr.write(`错误：${l.error!.message}\n`);
  if (failed.length) return 2;
  const reports = loaded.map((l) => l.report!);
  const findings = await checkAll(reports, config);
  const errors = findings.flatMap((list, i) => list.filter((f) => f.severity === 'error').map((f) => ({ f, path: loaded[i]!.path })));
  if (errors.length) {
    const lines = errors.map(({ f, path }) => printable(`  ${path}  ${f.rule} ${f.message}`));
    if (!opts.force) {
      process.stderr.write(`错误：核查发现 ${errors.length} 个“错误”级问题，未生成报告（改正后重试，或加 --force 强制生成）：\n${lines.join('\n')}\n`);
      return 1;
    }
    process.stderr.write(`注意：核查发现 ${errors.length} 个“错误”级问题，按 --force 仍然生成：\n${lines.join('\n')}\n`);
  }
  // The renderers (docx, exceljs, pdfkit) load only when a report is rendered.
  const { renderTo } = await import('../render/index.ts');
  await writeOutput(format, await renderTo(format, reports), reports, opts.output);
  return 0;
}

program
  .command('check')
  .description('按规则核查报告（退出码：有“错误”级问题为 1，否则为 0；输入无法使用为 2）')
  .argument('<files...>', '报告文件或目录；同一机关相邻年度的报告会一并做跨年度核查（机关名称按全角半角、空格、“管委会”等写法统一后比较）')
  .option('--json', '输出 JSON：[{ file, report: {agency, year, template}, findings }]')
  .option('--min-severity <level>', '只显示不低于此严重程度的问题：info、warning、error', 'info')
  .option('--config <file>', '核查配置（JSON），如地方规定的发布期限，见 docs/check-config.example.json')
  .option('--series', '把给出的全部报告当作同一机关的报告做跨年度核查（机关名称写法不同时使用）')
  .option('--ndjson', '每份报告输出一行 JSON（与 --json 的数组各项相同）')
  .option('--jobs <n>', JOBS_HELP)
  .option('--manifest <file>', MANIFEST_HELP)
  .action(async (files: string[], opts: CheckOptions & { config?: string }) => {
    const config = await configOrNull(opts.config);
    const { runCheck } = await import('./check-command.ts');
    process.exitCode = config ? await guard(() => runCheck(files, opts, config)) : 2;
  });

program
  .command('rules')
  .description('列出全部核查规则（编号、严重程度、适用格式、说明、依据）')
  .option('--json', '输出 JSON')
  .option('--markdown <file>', '生成规则文档（docs/rules.md）')
  .action(async (opts: { json?: boolean; markdown?: string }) => {
    const [{ loadRules }, { rulesMarkdown }, { toJson }, { SEVERITY_LABEL }] = await Promise.all([
      import('../check/engine.ts'), import('../check/docs.ts'), import('../render/json.ts'), import('./check-output.ts'),
    ]);
    const rules = await loadRules();
    if (opts.markdown) {
      const { writeOutputFile } = await import('./write-output.ts');
      process.exitCode = await guard(async () => {
        writeOutputFile(opts.markdown!, rulesMarkdown(rules));
        return 0;
      });
      return;
    }
    if (opts.json) {
      const list = rules.map((r) => ({
        id: r.meta.id, name: r.meta.name, severity: r.meta.severity, templates: r.meta.templates,
        scope: r.meta.scope, description: r.meta.description, basis: r.meta.basis,
      }));
      process.stdout.write(`${toJson(list)}\n`);
      return;
    }
    for (const r of rules) {
      process.stdout.write(`${r.meta.id.padEnd(8)} ${SEVERITY_LABEL[r.meta.severity]}  ${r.meta.templates.join('/').padEnd(9)} ${r.meta.description}\n         依据：${r.meta.basis}\n`);
    }
    process.stdout.write(`共 ${rules.length} 条规则。\n`);
  });

program
  .command('render')
  .description('生成正式格式的报告：docx、pdf、html、md、txt，或 xlsx、csv、json 数据')
  .argument('<inputs...>', '报告数据（.json）、填写文件（.yaml）或任何 ogi 能读取的报告文件；csv、xlsx、json 可一次多份')
  .requiredOption('--to <format>', `输出格式：${OUTPUT_FORMATS.join('、')}`)
  .option('-o, --output <file>', '输出文件（文本格式默认输出到屏幕，docx、pdf、xlsx 默认以报告标题命名）')
  .option('--force', '核查发现“错误”级问题时仍然生成正式文件（csv、xlsx、json 数据从不因核查结果拒绝导出）')
  .option('--config <file>', '核查配置（JSON），与 ogi check 的相同')
  .option('--lean', 'json：不输出 structure 和 provenance（批量数据用）')
  .option('--jobs <n>', `csv、xlsx、json：${JOBS_HELP}`)
  .option('--manifest <file>', `csv、xlsx、json：${MANIFEST_HELP}`)
  .action(async (inputs: string[], opts: RenderOptions) => {
    process.exitCode = await guard(() => runRender(inputs, opts));
  });

program
  .command('rollup')
  .description('区域汇总报告：把本区域各机关同一年度、同一格式的年度报告的三张统计表逐格相加，生成正式格式的汇总报告（空白单元格不计入合计，单独计数）')
  .argument('<inputs...>', '各机关的报告文件或目录（任何 ogi 能读取的报告，或 .json 数据、.yaml 填写文件）')
  .requiredOption('--to <format>', `输出格式：${ROLLUP_FORMATS.join('、')}（json 含每个单元格的来源 sources）`)
  .option('-o, --output <file>', '输出文件（html、json 默认输出到屏幕，docx、pdf、xlsx 默认以报告标题命名）')
  .option('--name <区域名称>', '区域名称，汇总报告的机关名称为“区域名称（汇总）”', '本区域')
  .option('--year <N>', '只汇总该年度的报告（输入含多个年度时必须给出）')
  .action(async (inputs: string[], opts: RollupOptions) => {
    const { runRollup } = await import('./rollup.ts');
    process.exitCode = await guard(() => runRollup(inputs, opts));
  });

program
  .command('init')
  .description('生成年度报告填写文件（YAML）：法定标题齐全，各项数字为 0')
  .requiredOption('--year <year>', '报告年度，如 2025')
  .requiredOption('--agency <name>', '机关名称，如 某某市交通运输局')
  .option('-o, --output <file>', '写入文件（默认输出到屏幕）')
  .action(async (opts: { year: string; agency: string; output?: string }) => {
    const year = Number(opts.year);
    if (!Number.isInteger(year) || year < 2019 || year > 2100) {
      process.stderr.write(`错误：--year 应为 2019 年或以后的年度，收到“${opts.year}”\n`);
      process.exitCode = 2;
      return;
    }
    const { authoringSkeleton } = await import('../ingest/authoring.ts');
    const yaml = authoringSkeleton({ agency: opts.agency, year });
    if (opts.output) {
      const { writeOutputFile } = await import('./write-output.ts');
      process.exitCode = await guard(async () => {
        writeOutputFile(opts.output!, yaml);
        process.stderr.write(`已生成 ${opts.output}。填好后运行：./bin/ogi render ${opts.output} --to docx\n`);
        return 0;
      });
    } else {
      process.stdout.write(yaml);
    }
  });

program
  .command('deadline')
  .description('计算依申请公开的答复期限：第一行为到期日，其后为适用的规则（条例第三十条、第三十二条至第三十四条；工作日按国务院办公厅各年节假日安排的通知计算）')
  .argument('<received>', '收到申请之日（年-月-日，如 2024-09-27；条例第三十一条）')
  .option('--extended', '经政府信息公开工作机构负责人同意延长答复期限（再加 20 个工作日，条例第三十三条）')
  .option('--correction-received <date>', '收到补正申请之日：期限自该日起重新计算（条例第三十条）')
  .option('--suspended-days <n>', '征求第三方或其他机关意见所用的工作日数，不计入期限（条例第三十二条、第三十四条）')
  .option('--json', '输出 JSON：{dueDate, received, countFrom, workingDays, extended, suspendedDays, steps, basis}')
  .action(async (received: string, opts: { extended?: boolean; correctionReceived?: string; suspendedDays?: string; json?: boolean }) => {
    const { runDeadline } = await import('./deadline.ts');
    process.exitCode = runDeadline(received, opts);
  });

program
  .command('start')
  .description('启动服务（npm start）：http://localhost:8080，首次启动时建立 SQLite 数据库、导入样例报告，并建立管理员 admin（随机密码只在控制台显示一次）')
  .option('--port <port>', '端口（默认 8080，或环境变量 PORT）')
  .option('--db <file>', 'SQLite 数据库文件（默认 .ogi/ogi.sqlite，或环境变量 OGI_DB）；环境变量 DATABASE_URL=postgres://… 时使用 PostgreSQL')
  .option('--host <host>', '监听地址（默认 127.0.0.1，或环境变量 HOST；0.0.0.0 对外提供服务）')
  .option('--trust-proxy', '在反向代理之后运行：审计日志和登录限制按 X-Forwarded-For（最后一项）取客户端地址（或环境变量 OGI_TRUST_PROXY=1）')
  .action(async (opts: { port?: string; db?: string; host?: string; trustProxy?: boolean }) => {
    const { runStartCommand } = await import('../server/cli.ts');
    process.exitCode = await runStartCommand(opts);
  });

program
  .command('import')
  .description('把报告文件、目录或 .zip 压缩包导入数据库（与 ogi start 使用同一数据库）')
  .argument('<paths...>', '报告文件、报告数据（.json，见 ogi schema）、目录（递归读取）或 .zip')
  .option('--db <file>', 'SQLite 数据库文件（默认 .ogi/ogi.sqlite，或环境变量 OGI_DB）；环境变量 DATABASE_URL=postgres://… 时使用 PostgreSQL')
  .option('--author <name>', '导入人（默认当前用户名）')
  .option('--enqueue', '不在本进程导入，而是加入后台任务队列（输出任务编号），由 ogi worker 或服务进程处理；进度见任务中心 /jobs')
  .action(async (paths: string[], opts: { db?: string; author?: string; enqueue?: boolean }) => {
    const { runImportCommand } = await import('../server/cli.ts');
    process.exitCode = await runImportCommand(paths, opts);
  });

program
  .command('worker')
  .description('后台任务处理进程：处理队列中的导入、重新核查、汇总导出、批量生成任务，直到收到 SIGTERM 或 Ctrl-C；PostgreSQL 上可在多台机器上各运行若干个，共同分担')
  .option('--concurrency <n>', '同时处理的任务数（默认 4：文件在线程上读取，等待数据库时处理其他任务）')
  .option('--db <file>', 'SQLite 数据库文件（默认 .ogi/ogi.sqlite，或环境变量 OGI_DB）；环境变量 DATABASE_URL=postgres://… 时使用 PostgreSQL')
  .action(async (opts: { db?: string; concurrency?: string }) => {
    const { runWorkerCommand } = await import('../server/cli.ts');
    process.exitCode = await runWorkerCommand(opts);
  });

const DB_OPTION = 'SQLite 数据库文件（默认 .ogi/ogi.sqlite，或环境变量 OGI_DB）；环境变量 DATABASE_URL=postgres://… 时使用 PostgreSQL';
const user = program.command('user').description('管理账户（直接操作本机数据库，无需登录）：添加、列出、改密码、删除');

user
  .command('add')
  .description('添加用户；不加 --password-stdin 时生成随机密码并显示一次')
  .argument('<name>', '用户名')
  .requiredOption('--role <role>', '角色：admin（管理员）、supervisor（政务公开办）、clerk（机关经办人）、viewer（只读）')
  .option('--region <id>', '区域编号（supervisor、viewer 必填：该区域及其下级区域）')
  .option('--agency <id>', '机关编号（clerk 必填）')
  .option('--password-stdin', '从标准输入读取密码（第一行，至少 10 个字符）')
  .option('--db <file>', DB_OPTION)
  .action(async (name: string, opts: { role: string; region?: string; agency?: string; passwordStdin?: boolean; db?: string }) => {
    const { runUserAdd } = await import('./users.ts');
    process.exitCode = await runUserAdd(name, opts);
  });

user
  .command('list')
  .description('列出用户：编号、用户名、角色、数据范围')
  .option('--db <file>', DB_OPTION)
  .action(async (opts: { db?: string }) => {
    const { runUserList } = await import('./users.ts');
    process.exitCode = await runUserList(opts);
  });

user
  .command('passwd')
  .description('修改用户的密码（该用户的登录全部失效）；不加 --password-stdin 时生成随机密码并显示一次')
  .argument('<name>', '用户名')
  .option('--password-stdin', '从标准输入读取新密码（第一行，至少 10 个字符）')
  .option('--db <file>', DB_OPTION)
  .action(async (name: string, opts: { passwordStdin?: boolean; db?: string }) => {
    const { runUserPasswd } = await import('./users.ts');
    process.exitCode = await runUserPasswd(name, opts);
  });

user
  .command('remove')
  .description('删除用户（不能删除唯一可用的管理员）')
  .argument('<name>', '用户名')
  .option('--db <file>', DB_OPTION)
  .action(async (name: string, opts: { db?: string }) => {
    const { runUserRemove } = await import('./users.ts');
    process.exitCode = await runUserRemove(name, opts);
  });

program
  .command('samples')
  .description('核查随附的样例报告并输出摘要')
  .action(async () => {
    const [{ parseInputs }, { checkAll }] = await Promise.all([import('./parse-files.ts'), import('../check/pipeline.ts')]);
    const results = await parseInputs([SAMPLES]);
    const ok = results.filter((r) => r.report);
    const findings = await checkAll(ok.map((r) => r.report!));
    for (const r of results) {
      const name = relative(process.cwd(), r.path);
      if (r.error) {
        process.stdout.write(`✗ ${name}：${r.error.message}\n`);
        continue;
      }
      const rep = r.report!;
      const list = findings[ok.indexOf(r)]!;
      const n = (s: Severity) => list.filter((f) => f.severity === s).length;
      process.stdout.write(`${n('error') ? '✗' : '✓'} ${name}  ${rep.agency ?? '（未识别机关）'}  ${rep.year ?? '？'}年度  ${rep.template}格式  错误 ${n('error')} · 警告 ${n('warning')} · 提示 ${n('info')}\n`);
    }
    process.stdout.write(`\n共 ${results.length} 份样例报告。用 ./bin/ogi check samples/<文件> 查看问题明细，./bin/ogi parse samples/<文件> 查看数据。\n`);
    if (results.some((r) => r.error)) process.exitCode = 2;
  });

await program.parseAsync(process.argv);
