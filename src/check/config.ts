import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.ts';
import { ISSUER_TYPES, type IssuerType } from '../schema/types.ts';
import type { CheckConfig, DeadlineRule } from './types.ts';

/** Fields named "说明" are comments (JSON has none) and are ignored wherever they appear. */
const COMMENT = '说明';
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const show = (v: unknown): string => (v === undefined ? '缺失' : JSON.stringify(v));

/**
 * Reads the check configuration (`ogi check --config <file>`): a JSON object
 * `{ "deadlines": [ { "issuerType", "agencyPattern", "month", "day", "source" } ] }`
 * (see docs/check-config.example.json). Throws InputError('usage') with a Chinese message
 * naming the file and the field for a missing file, bad JSON or a bad field.
 */
export async function loadCheckConfig(path: string): Promise<CheckConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录，不是文件' : '无法读取';
    throw new InputError('usage', `核查配置文件 ${path}：${why}`, path);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new InputError('usage', `核查配置文件 ${path}：不是有效的 JSON`, path);
  }
  const bad = (field: string, what: string): never => {
    throw new InputError('usage', `核查配置文件 ${path}：${field} ${what}`, path);
  };

  if (!isObject(data)) return bad('顶层', '应为 JSON 对象 { "deadlines": [...] }');
  for (const key of Object.keys(data)) {
    if (key !== COMMENT && key !== 'deadlines') bad(key, '不是可识别的字段（可用字段：deadlines；“说明”字段会被忽略）');
  }
  const config: CheckConfig = {};
  if (data.deadlines === undefined) return config;
  if (!Array.isArray(data.deadlines)) return bad('deadlines', `应为数组，实际为 ${show(data.deadlines)}`);

  config.deadlines = data.deadlines.map((entry: unknown, i): DeadlineRule => {
    const at = `deadlines[${i}]`;
    if (!isObject(entry)) return bad(at, `应为对象，实际为 ${show(entry)}`);
    for (const key of Object.keys(entry)) {
      if (![COMMENT, 'issuerType', 'agencyPattern', 'month', 'day', 'source'].includes(key)) {
        bad(`${at}.${key}`, '不是可识别的字段（可用字段：issuerType、agencyPattern、month、day、source；“说明”字段会被忽略）');
      }
    }
    const out: DeadlineRule = { month: 0, day: 0 };

    const types = entry.issuerType;
    if (types !== undefined) {
      const list = Array.isArray(types) ? types : [types];
      if (list.length === 0 || !list.every((t) => typeof t === 'string' && (ISSUER_TYPES as readonly string[]).includes(t))) {
        bad(`${at}.issuerType`, `应为 government、department、township、other 之一（或由它们组成的数组），实际为 ${show(types)}`);
      }
      out.issuerType = Array.isArray(types) ? (types as IssuerType[]) : (types as IssuerType);
    }

    const pattern = entry.agencyPattern;
    if (pattern !== undefined) {
      if (typeof pattern !== 'string' || pattern === '') bad(`${at}.agencyPattern`, `应为非空的正则表达式字符串，实际为 ${show(pattern)}`);
      try {
        new RegExp(pattern as string, 'u');
      } catch {
        bad(`${at}.agencyPattern`, `不是有效的正则表达式：${show(pattern)}`);
      }
      out.agencyPattern = pattern as string;
    }

    const month = entry.month;
    if (!Number.isInteger(month) || (month as number) < 1 || (month as number) > 12) {
      bad(`${at}.month`, `应为 1 到 12 的整数，实际为 ${show(month)}`);
    }
    out.month = month as number;

    const day = entry.day;
    const max = DAYS_IN_MONTH[out.month - 1]!;
    if (!Number.isInteger(day) || (day as number) < 1 || (day as number) > max) {
      bad(`${at}.day`, `应为 1 到 ${max} 的整数（${out.month}月），实际为 ${show(day)}`);
    }
    out.day = day as number;

    if (entry.source !== undefined) {
      if (typeof entry.source !== 'string' || entry.source.trim() === '') bad(`${at}.source`, `应为非空字符串，实际为 ${show(entry.source)}`);
      out.source = entry.source as string;
    }
    return out;
  });
  return config;
}
