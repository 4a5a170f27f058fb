import { accessSync, constants } from 'node:fs';
import { InputError } from '../errors.ts';

/**
 * The fonts of the PDF, by the role they play in the DOCX styles (docx.ts), taken from the
 * Debian packages fonts-noto-cjk and fonts-wqy-microhei. The official faces (方正小标宋, 仿宋_GB2312,
 * 黑体, 宋体) are not free; each role gets the nearest installed face:
 *
 *   title   方正小标宋简体 → Noto Serif CJK SC Bold
 *   body    仿宋_GB2312    → Noto Serif CJK SC Regular
 *   heading 黑体           → Noto Sans CJK SC Regular
 *   table   宋体           → Noto Serif CJK SC Regular (also the page numbers, as in the DOCX footer)
 *
 * Without Noto, every role falls back to WenQuanYi Micro Hei. pdfkit embeds a subset of each face as a
 * CID font (CFF or TrueType outlines), never as Type 3.
 */

export interface PdfFont {
  path: string;
  /** PostScript name of the face inside a .ttc collection. */
  family: string;
}

export type FontRole = 'title' | 'body' | 'heading' | 'table';

const NOTO = '/usr/share/fonts/opentype/noto';
export const NOTO_SERIF: PdfFont = { path: `${NOTO}/NotoSerifCJK-Regular.ttc`, family: 'NotoSerifCJKsc-Regular' };
export const NOTO_SERIF_BOLD: PdfFont = { path: `${NOTO}/NotoSerifCJK-Bold.ttc`, family: 'NotoSerifCJKsc-Bold' };
export const NOTO_SANS: PdfFont = { path: `${NOTO}/NotoSansCJK-Regular.ttc`, family: 'NotoSansCJKsc-Regular' };
export const WQY_MICROHEI: PdfFont = { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' };

/** Candidates per role, best first. */
export type FontChoice = Record<FontRole, readonly PdfFont[]>;

export const DEBIAN_FONTS: FontChoice = {
  title: [NOTO_SERIF_BOLD, NOTO_SERIF, WQY_MICROHEI],
  body: [NOTO_SERIF, WQY_MICROHEI],
  heading: [NOTO_SANS, WQY_MICROHEI],
  table: [NOTO_SERIF, WQY_MICROHEI],
};

const readable = (path: string) => {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
};

export function missingFonts(): InputError {
  return new InputError(
    'unsupported',
    '生成 PDF 需要中文字体，本机未安装。请安装 Debian 软件包 fonts-noto-cjk（apt-get install fonts-noto-cjk）',
  );
}

/** The installed face of each role; an InputError naming the Debian package when a role has none. */
export function pickFonts(choice: FontChoice = DEBIAN_FONTS): Record<FontRole, PdfFont> {
  const pick = (role: FontRole) => {
    const font = choice[role].find((f) => readable(f.path));
    if (!font) throw missingFonts();
    return font;
  };
  return { title: pick('title'), body: pick('body'), heading: pick('heading'), table: pick('table') };
}

/** Names to pass to `doc.font()` per role. */
export type FontNames = Record<FontRole, string>;

/**
 * Registers each face once, under its PostScript name: pdfkit caches an opened font by the name it
 * was asked for only when the face is new, so two roles registered on one face would re-read the
 * collection file at every `doc.font()` call.
 */
export function registerFonts(doc: PDFKit.PDFDocument, choice?: FontChoice): FontNames {
  const fonts = pickFonts(choice);
  for (const font of Object.values(fonts)) doc.registerFont(font.family, font.path, font.family);
  return { title: fonts.title.family, body: fonts.body.family, heading: fonts.heading.family, table: fonts.table.family };
}
