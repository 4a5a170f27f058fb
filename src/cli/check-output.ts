import { SEVERITY_RANK, type Message, type Severity } from '../schema/message.ts';
import type { Report } from '../schema/types.ts';
import { printable } from './printable.ts';
import { displayWidth } from './width.ts';

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/** The source line of a finding with the offending value marked under it. */
function excerpt(text: string | undefined, f: Message): string[] {
  if (!f.span || text === undefined) return [];
  const lineStart = text.lastIndexOf('\n', f.span.start - 1) + 1;
  let lineEnd = text.indexOf('\n', f.span.start);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const before = printable(line.slice(0, f.span.start - lineStart));
  const marked = printable(text.slice(f.span.start, Math.min(f.span.end, lineEnd)));
  const gutter = String(f.span.line).padStart(5);
  const shown = printable(line);
  const clipped = displayWidth(shown) > 100 && displayWidth(before) > 60;
  const lead = clipped ? `…${before.slice(-30)}` : before;
  const body = clipped ? `${lead}${shown.slice(before.length, before.length + 60)}` : shown;
  return [`${gutter} | ${body}`, `${' '.repeat(5)} | ${' '.repeat(displayWidth(lead))}${'^'.repeat(Math.max(1, displayWidth(marked)))}`];
}

/** Dimmed on a terminal (ANSI SGR 2), plain otherwise and under NO_COLOR. */
const dim = (line: string, color: boolean) => (color ? `\x1b[2m${line}\x1b[22m` : line);

/**
 * The messages on one report — rule findings and the extractor's notes that no finding reports —
 * one line each (severity, rule id or note code, message), with the source line marked and,
 * for rule findings, the legal basis under it (`color`: dim that line, for a terminal).
 */
export function formatFindings(path: string, report: Report, text: string | undefined, findings: readonly Message[], color = false): string {
  const head = `${path}  ${report.agency ?? '（未识别机关）'} · ${report.year ?? '？'}年度 · ${report.template === 'legacy' ? '2019年以前的旧格式' : `${report.template}格式`}`;
  const out = [printable(head)];
  for (const f of findings) {
    out.push(printable(`  ${SEVERITY_LABEL[f.severity]} ${f.code.padEnd(7)} ${f.message}`));
    out.push(...excerpt(text, f).map((l) => `      ${l}`));
    if (f.basis) out.push(dim(printable(`      依据：${f.basis}`), color));
  }
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  out.push(findings.length ? `  共 ${findings.length} 条：错误 ${count('error')}，警告 ${count('warning')}，提示 ${count('info')}` : '  未发现问题');
  return out.join('\n');
}

export function atLeast(min: Severity) {
  return (f: Message) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[min];
}
