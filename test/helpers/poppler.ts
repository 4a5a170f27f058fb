import { execFileSync } from 'node:child_process';

/** What poppler-utils (pdffonts, pdfinfo, pdftotext) report of a PDF file, for the layout tests. */

export interface PdfFontRow {
  name: string;
  type: string;
  embedded: boolean;
}

/** The rows of `pdffonts`: name, type (e.g. "CID Type 0C", "Type 3"), embedded. */
export function pdfFonts(path: string): PdfFontRow[] {
  const out = execFileSync('pdffonts', [path], { encoding: 'utf8' });
  return out.split('\n').slice(2).filter(Boolean).map((line) => {
    const m = /^(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)/.exec(line);
    if (!m) throw new Error(`unexpected pdffonts line: ${line}`);
    return { name: m[1]!, type: m[2]!, embedded: m[3] === 'yes' };
  });
}

export function pageCount(path: string): number {
  const m = /^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
  return Number(m![1]);
}

export interface TextLine {
  /** Words of the line left to right, joined without spaces. */
  text: string;
  words: string[];
  top: number;
  bottom: number;
}

export interface TextPage {
  height: number;
  lines: TextLine[];
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Each page's text lines, top to bottom, from `pdftotext -bbox` (words on one baseline make a line). */
export function textPages(path: string): TextPage[] {
  const html = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return html.split('<page ').slice(1).map((chunk) => {
    const height = Number(/height="([\d.]+)"/.exec(chunk)![1]);
    const words = [...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)]
      .map((m) => ({ x: Number(m[1]), top: Number(m[2]), bottom: Number(m[3]), text: unescape(m[4]!) }))
      .sort((a, b) => a.bottom - b.bottom || a.x - b.x);
    const lines: { words: typeof words; top: number; bottom: number }[] = [];
    for (const w of words) {
      const line = lines.at(-1);
      if (line && Math.abs(line.bottom - w.bottom) < 2) {
        line.words.push(w);
        line.top = Math.min(line.top, w.top);
      } else {
        lines.push({ words: [w], top: w.top, bottom: w.bottom });
      }
    }
    return {
      height,
      lines: lines.map((l) => {
        const texts = l.words.sort((a, b) => a.x - b.x).map((w) => w.text);
        return { text: texts.join(''), words: texts, top: l.top, bottom: l.bottom };
      }),
    };
  });
}
