import { InputError } from '../errors.ts';

/** One mistake in an authoring file, at a line and column (1-based) when it has a place. */
export interface Problem {
  line?: number;
  col?: number;
  message: string;
}

const place = (p: Problem) => (p.line === undefined ? '' : `第${p.line}行${p.col === undefined ? '' : `第${p.col}列`}：`);

/** Every problem of a file, in file order: one on the file's line, several listed under it. */
export function problemsError(file: string, problems: readonly Problem[]): InputError {
  const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
  const lines = [...new Set(sorted.map((p) => `${place(p)}${p.message}`))];
  const message = lines.length === 1 ? `${file}：${lines[0]}` : `${file}：填写文件有 ${lines.length} 处错误：\n${lines.map((l) => `  ${l}`).join('\n')}`;
  return new InputError('usage', message, file);
}
