import type { Hint, PageHints } from '../ingest/html-meta.ts';
import { issuerName, issuingOrgan } from '../schema/issuer.ts';
import type { Line } from './cells.ts';
import { readNarrativeYear, readPeriod, readPreambleAgency, readSignature, readTitle, readTitleField, type Found } from './metadata.ts';
import { readPageFields } from './page-fields.ts';
import type { Recorder } from './record.ts';
import type { Heading } from './sections.ts';

/**
 * A report's metadata from every place a published report states it: the printed title, a
 * crawler's header lines and the page's information line, the page's <title> and <meta>
 * (hints), the statistics period, the preamble and the signature.
 */
export interface Metadata {
  agency: Found<string> | null;
  year: Found<number> | null;
  signedOn: Found<string> | null;
  publishedOn: Found<string> | null;
  period: Found<{ from: number; to: number }> | null;
  url: Found<string> | null;
  /** The text names itself an annual report: a printed title or a crawler's "标题" (a page's <title> alone does not). */
  titled: boolean;
  /** Last line of the printed title block (-1 when there is none); the preamble starts after it. */
  lastTitleLine: number;
  /** Where the report's text ends: its signature, else the site chrome after it, else the last line. */
  endOfText: number;
  /** Lines that are the page's and not the report's (a crawler's header, site chrome). */
  pageLine: (line: number) => boolean;
}

/** A value read outside the text: no span (start = end = 0), its place said by `note` and `path`. */
function fromHint(hint: Hint | undefined, value = hint?.value): Found<string> | null {
  if (!hint || !value) return null;
  return { value, start: 0, end: 0, line: 1, text: hint.text ?? hint.value, note: hint.note, ...(hint.path ? { path: hint.path } : {}) };
}

/** A name from the preamble or the signature as the organ it stands for ("某某局政府信息公开工作领导小组办公室" → 某某局). */
function asOrgan(f: Found<string> | null): Found<string> | null {
  const organ = f && issuingOrgan(f.value);
  return f && organ && organ !== f.value ? { ...f, value: organ } : f;
}

export function readMetadata(lines: readonly Line[], headings: readonly Heading[], hints: PageHints = {}): Metadata {
  const firstHeadingLine = Math.min(headings[0]?.line ?? lines.length, lines.length);
  const page = readPageFields(lines, firstHeadingLine);
  const pageLine = (l: number) => page.lines.has(l);
  const title = readTitle(lines, firstHeadingLine, pageLine);
  // A crawler's "标题" line, else the page's <title>: the report's title when the text prints none.
  const headerTitle = page.title ? readTitleField(page.title) : null;
  const pageTitle = fromHint(hints.title);
  const hintTitle = pageTitle ? readTitleField(pageTitle) : null;
  const given = [headerTitle, hintTitle].find((t) => t?.year) ?? null;
  const period = readPeriod(lines, headings.find((h) => h.key === 'active')?.line ?? lines.length);
  const signature = readSignature(lines.slice(0, page.end));

  // Year: title, then statistics period, then the narrative of section 一.
  let year = title.year ?? given?.year ?? null;
  if (!year && period) year = { ...period, value: period.value.from, note: '取自统计期限' };
  if (!year) {
    const from = headings.find((h) => h.key === 'overview')?.line ?? 0;
    const to = headings.find((h) => h.line > from)?.line ?? lines.length;
    year = readNarrativeYear(lines.slice(from, to));
  }

  // Agency: the printed title, the crawler's or the page's title, "发布机构"/"来源", the preamble, the signature.
  const preambleLines = lines.slice(title.lastTitleLine + 1, firstHeadingLine).filter((l) => !pageLine(l.index));
  const pageIssuer = hints.issuer ? fromHint(hints.issuer, issuerName(hints.issuer.value) ?? '') : null;
  const agency = title.agency ?? given?.agency ?? page.issuer ?? pageIssuer ?? asOrgan(readPreambleAgency(preambleLines) ?? signature.agency);

  const hinted = hints.publishedOn && /^\d{4}-\d{2}-\d{2}$/.test(hints.publishedOn.value) ? hints.publishedOn : undefined;
  return {
    agency,
    year,
    signedOn: signature.date,
    publishedOn: page.publishedOn ?? fromHint(hinted),
    period,
    url: page.url ?? fromHint(hints.url),
    titled: title.titleLine !== null || !!headerTitle?.year,
    lastTitleLine: title.lastTitleLine,
    endOfText: signature.firstLine >= 0 ? signature.firstLine : page.end,
    pageLine,
  };
}

/** Records where each metadata value was read (`meta.<field>`). */
export function recordMetadata(rec: Recorder, m: Metadata): void {
  const fields = { agency: m.agency, year: m.year, signedOn: m.signedOn, period: m.period, publishedOn: m.publishedOn, url: m.url };
  for (const [field, f] of Object.entries(fields)) {
    if (f) rec.provenance[`meta.${field}`] = { start: f.start, end: f.end, line: f.line, text: f.text, ...(f.note ? { note: f.note } : {}), ...(f.path ? { path: f.path } : {}) };
  }
}
