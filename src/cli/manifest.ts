import { cellList, readCell } from '../schema/cells.ts';
import type { Message, Severity } from '../schema/message.ts';
import { NOTE_DEFS } from '../schema/notes.ts';
import type { Report } from '../schema/types.ts';
import { jsonLine } from '../render/json.ts';
import { openSink, type Sink } from './sink.ts';

/** How completely one input was read: all the cells of its template, some, or none (or it could not be read at all). */
export type ReadStatus = '完整读取' | '部分读取' | '无法读取';

/** One line of `--manifest`: what became of one input (one report of a JSON array), or a file of a folder that was not read. */
export interface ManifestLine {
  path: string;
  id: string | null;
  status: ReadStatus | '已跳过';
  reason: string;
  cellsRead: number;
  cellsExpected: number;
  findings: Record<Severity, number>;
}

const noFindings = (): Record<Severity, number> => ({ error: 0, warning: 0, info: 0 });

export function countBySeverity(messages: readonly Pick<Message, 'severity'>[]): Record<Severity, number> {
  const out = noFindings();
  for (const m of messages) out[m.severity]++;
  return out;
}

/** An input that gave no report: its error message is the reason. */
export function unreadLine(path: string, id: string | null, reason: string): ManifestLine {
  return { path, id, status: '无法读取', reason, cellsRead: 0, cellsExpected: 0, findings: noFindings() };
}

/** A file found in a folder whose extension is not one ogi reads: listed, not read. */
export function skippedLine(path: string): ManifestLine {
  const reason = /\.(json|ya?ml)$/i.test(path)
    ? '数据文件（JSON、YAML）在目录中不自动读取，以免与原文档重复；需要时请单独指定该文件'
    : '不是 ogi 读取的格式（目录中按扩展名选取报告文件；单独指定该文件时按内容识别）';
  return { path, id: null, status: '已跳过', reason, cellsRead: 0, cellsExpected: 0, findings: noFindings() };
}

/**
 * A report read: cells read are the template's cells the extractor placed (they have a provenance,
 * blank ones too). Data read by ogi but kept without provenance (`--lean`, JSON of other programs)
 * gives the cells that hold a value: a blank cell cannot be told from one not read. Data written by
 * hand (no `producedBy`) gives every cell.
 */
export function readLine(report: Report, messages: readonly Pick<Message, 'severity'>[]): ManifestLine {
  const path = report.input?.path ?? report.source.name;
  const id = report.input?.id ?? null;
  const findings = countBySeverity(messages);
  if (report.template === 'legacy') {
    return { path, id, status: '部分读取', reason: '2019 年以前的旧格式，没有统计表（只读取基本信息和各部分文字）', cellsRead: 0, cellsExpected: 0, findings };
  }
  const cells = cellList(report.template);
  const byHand = report.producedBy === undefined;
  const traced = !byHand && cells.some((c) => report.provenance[c.path] !== undefined);
  const cellsRead = byHand ? cells.length
    : traced ? cells.filter((c) => report.provenance[c.path] !== undefined).length
    : cells.filter((c) => (readCell(report.tables, c.path) ?? null) !== null).length;
  const expected = cells.length;
  // What each kind of note means, once per kind (the codes are for programs, the manifest for people).
  const kinds = [...new Set(report.notes.map((n) => NOTE_DEFS[n.code]))];
  const because = kinds.length ? `（读取说明：${kinds.join('。')}）` : '';
  if (cellsRead === expected) return { path, id, status: '完整读取', reason: '', cellsRead, cellsExpected: expected, findings };
  if (cellsRead === 0) return { path, id, status: '无法读取', reason: `没有读出统计表${because}`, cellsRead, cellsExpected: expected, findings };
  const missing = byHand || traced ? `${expected - cellsRead} 个单元格未读出` : `${expected - cellsRead} 个单元格没有数值（数据不含出处，空白单元格与未读出的无法区分）`;
  return { path, id, status: '部分读取', reason: `${missing}${because}`, cellsRead, cellsExpected: expected, findings };
}

/** The `--manifest` file (one JSON object per line, written as inputs finish) and the counts of the summary line. */
export class Manifest {
  private readonly counts: Record<ReadStatus | '已跳过', number> = { 完整读取: 0, 部分读取: 0, 无法读取: 0, 已跳过: 0 };
  private constructor(private readonly sink: Sink | null) {}

  static open(file: string | undefined): Manifest {
    return new Manifest(file ? openSink(file) : null);
  }

  async add(line: ManifestLine): Promise<void> {
    this.counts[line.status]++;
    if (this.sink) await this.sink.write(jsonLine(line));
  }

  /** Files of folders passed over (not of a readable format). */
  get skipped(): number {
    return this.counts.已跳过;
  }

  get total(): number {
    return this.counts.完整读取 + this.counts.部分读取 + this.counts.无法读取;
  }

  /** "共 N 份：M 份完整读取，K 份部分读取，J 份无法读取" (and the files of other formats passed over in folders). */
  summary(): string {
    const c = this.counts;
    const skipped = c.已跳过 ? `；另有 ${c.已跳过} 个文件不是可读取的格式，已跳过` : '';
    return `共 ${this.total} 份：${c.完整读取} 份完整读取，${c.部分读取} 份部分读取，${c.无法读取} 份无法读取${skipped}`;
  }

  async close(): Promise<void> {
    await this.sink?.end();
  }
}
