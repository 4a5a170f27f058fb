import type { YAMLError } from 'yaml';
import type { Problem } from './authoring-problems.ts';

/** What the yaml package's error codes mean to a clerk who typed the file by hand. */
const YAML_CODES: Record<string, string> = {
  BAD_INDENT: '缩进不一致：同一层的键应左端对齐，下一层应比上一层多缩进（用空格）',
  BLOCK_AS_IMPLICIT_KEY: '缩进不一致：这一行的缩进与上下文不符，同一层的键应左端对齐',
  MULTILINE_IMPLICIT_KEY: '键应写在一行内并以冒号结束（键: 值），可能是缩进不一致或漏了冒号',
  TAB_AS_INDENT: '缩进用了 Tab 键，YAML 只能用空格缩进',
  MISSING_CHAR: '缺少应有的符号：引号或括号没有闭合，或键后漏了冒号“:”',
  DUPLICATE_KEY: '同一层出现了重复的键，每个键只能写一次',
  UNEXPECTED_TOKEN: '此处有多余或无法识别的符号',
  BAD_SCALAR_START: '值不能以此符号开头（如 @、`、%），需要时请给值加引号',
  BAD_DQ_ESCAPE: '双引号内的转义写法有误（反斜杠“\\”后的字符），可改用单引号',
  BLOCK_IN_FLOW: '方括号或花括号内不能再写分行缩进的内容',
  MULTIPLE_DOCS: '文件中有多份 YAML 文档（以“---”分隔），只能有一份',
  BAD_ALIAS: '引用（*名称）写法有误或引用了不存在的锚点（&名称）',
  KEY_OVER_1024_CHARS: '键太长（超过 1024 个字符），可能漏了冒号后的空格或换行',
};

/** The yaml package's own wording, without the position and the excerpt it appends. */
const original = (message: string) => message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');

/** A syntax error of the yaml package, explained in Chinese; `language` names what the clerk wrote (JSON is read as YAML too). */
export function yamlProblem(err: YAMLError, language: 'YAML' | 'JSON' = 'YAML'): Problem {
  const known = YAML_CODES[err.code];
  const message = known ? `${language} 格式有误：${known}` : `${language} 格式有误（${original(err.message)}）`;
  const at = err.linePos?.[0];
  return { line: at?.line, col: at?.col, message };
}

/** A JSON.parse error with the line and column of the offset V8 names, when it names one. */
export function jsonProblem(text: string, err: Error): Problem {
  const offset = /position (\d+)/.exec(err.message);
  const message = `JSON 格式有误：括号或引号没有闭合、多了或少了逗号，或键没有加双引号（${err.message}）`;
  if (!offset) return { message };
  const before = text.slice(0, Number(offset[1]));
  const lines = before.split('\n');
  return { line: lines.length, col: lines.at(-1)!.length + 1, message };
}
