/**
 * The common form of every document format: paragraphs and tables, each piece
 * with its place in the original. `blocksToText` lays them out as the text the
 * extractor reads (a table row is one line of tab-separated cells) and keeps a
 * map from text offsets back to those places.
 */

/** Where a piece of text sits in the original document. */
export interface SourceLocation {
  /** HTML: CSS selector of the element; DOCX: XPath of the paragraph or table cell. */
  path?: string;
  /** PDF or image page, 1-based. */
  page?: number;
  /** Box on the page: [x, y, width, height], PDF points from the top-left (pixels for images). */
  box?: [number, number, number, number];
  /** OCR confidence, 0–100. */
  confidence?: number;
}

export interface TextPiece {
  text: string;
  loc: SourceLocation;
}

export type Block =
  | { kind: 'paragraph'; pieces: TextPiece[] }
  /**
   * Rows of the table grid with merged cells resolved: the text sits in the first row/column of a span, the rest are empty;
   * in HTML and Word tables the columns that only spans cover are dropped, so data cells line up with their header
   * (table-grid.ts `collapseSpans`).
   */
  | { kind: 'table'; rows: TextPiece[][] };

export interface SourceSegment {
  start: number;
  end: number;
  loc: SourceLocation;
}

export interface LaidOut {
  text: string;
  segments: SourceSegment[];
}

/** Cell text on one line: inner line breaks and runs of spaces become one space, tabs become spaces. */
function cellText(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

export function blocksToText(blocks: readonly Block[]): LaidOut {
  let text = '';
  const segments: SourceSegment[] = [];
  const put = (piece: TextPiece, value: string) => {
    segments.push({ start: text.length, end: text.length + value.length, loc: piece.loc });
    text += value;
  };
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      const pieces = block.pieces.filter((p) => p.text !== '');
      if (!pieces.length) continue;
      pieces.forEach((p) => put(p, p.text.replace(/[\t\r\n]+/g, ' ')));
      text += '\n';
      continue;
    }
    for (const row of block.rows) {
      if (row.every((c) => cellText(c.text) === '')) continue;
      row.forEach((cell, i) => {
        if (i > 0) text += '\t';
        put(cell, cellText(cell.text));
      });
      // A row of one or two cells must not look like the one-cell-per-line layout.
      if (row.length < 3) text += '\t'.repeat(3 - row.length);
      text += '\n';
    }
    text += '\n';
  }
  return { text, segments };
}

/** The location of the text starting at `start` (a blank cell's empty span included). */
export function locationAt(segments: readonly SourceSegment[], start: number): SourceLocation | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.start <= start) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) return undefined;
  const s = segments[found]!;
  return start < s.end || (s.start === s.end && s.start === start) ? s.loc : undefined;
}
