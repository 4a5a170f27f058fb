/**
 * Pixels of page images, for OCR: a PNG decoder (no dependency; JPEG, WebP, GIF
 * and BMP through @napi-rs/canvas in a child process), table ruling lines found in
 * the pixels, and crops of table cells written as PGM for a second OCR pass.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { BUNDLE } from '../bundle.ts';
import { InputError } from '../errors.ts';
import { LIMITS } from './limits.ts';
import type { Rule } from './layout-types.ts';

/** An 8-bit grayscale image, row-major. */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Decodes a PNG to grayscale (alpha composited on white); null when it is not a PNG this decoder handles. */
export function decodePng(bytes: Uint8Array): Gray | null {
  if (bytes.length < 33 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = 0;
  let interlace = 0;
  let palette: Uint8Array | null = null;
  let alphaTable: Uint8Array | null = null;
  const idat: Uint8Array[] = [];
  while (pos + 8 <= bytes.length) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!, bytes[pos + 6]!, bytes[pos + 7]!);
    const data = bytes.subarray(pos + 8, pos + 8 + len);
    if (data.length < len) return null;
    if (type === 'IHDR') {
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      depth = bytes[pos + 16]!;
      colorType = bytes[pos + 17]!;
      interlace = bytes[pos + 20]!;
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') alphaTable = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  if (!width || !height || interlace !== 0 || width * height > MAX_PIXELS) return null;
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!channels || ![1, 2, 4, 8, 16].includes(depth)) return null;
  const bitsPerPixel = channels * depth;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  let raw: Buffer;
  try {
    // No more than the pixels need: an IDAT bomb (gigabytes of zeros) stops at the image's own size.
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: height * (stride + 1) });
  } catch {
    return null;
  }
  if (raw.length < height * (stride + 1)) return null;
  const out = new Uint8Array(width * height);
  const toGray = rowToGray(width, depth, colorType, palette, alphaTable);
  let prev = new Uint8Array(stride);
  let line = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    unfilter(filter, src, prev, line, bpp);
    toGray(line, out, y * width);
    [prev, line] = [line, prev];
  }
  return { width, height, data: out };
}

/** Undoes one row's PNG filter into `line` (`prev` is the row above, unfiltered). */
function unfilter(filter: number, src: Uint8Array, prev: Uint8Array, line: Uint8Array, bpp: number): void {
  const n = src.length;
  if (filter === 0) line.set(src);
  else if (filter === 1) for (let i = 0; i < n; i++) line[i] = (src[i]! + (i >= bpp ? line[i - bpp]! : 0)) & 0xff;
  else if (filter === 2) for (let i = 0; i < n; i++) line[i] = (src[i]! + prev[i]!) & 0xff;
  else if (filter === 3) for (let i = 0; i < n; i++) line[i] = (src[i]! + (((i >= bpp ? line[i - bpp]! : 0) + prev[i]!) >> 1)) & 0xff;
  else {
    for (let i = 0; i < n; i++) {
      const a = i >= bpp ? line[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      line[i] = (src[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
    }
  }
}

function sample(line: Uint8Array, index: number, depth: number): number {
  if (depth === 8) return line[index]!;
  if (depth === 16) return line[index * 2]!;
  const perByte = 8 / depth;
  const byte = line[Math.floor(index / perByte)]!;
  const shift = 8 - depth * ((index % perByte) + 1);
  return (byte >> shift) & ((1 << depth) - 1);
}

const lum = (r: number, g: number, b: number) => (r * 299 + g * 587 + b * 114) / 1000;
/** A gray value with its alpha composited on white. */
const over = (v: number, a: number) => Math.round((v * a + 255 * (255 - a)) / 255);

/**
 * One unfiltered row to gray. 8-bit truecolour and gray (the screenshots and scans ogi reads) take a
 * direct loop: the per-pixel general path costs seconds on a page-sized image.
 */
function rowToGray(width: number, depth: number, colorType: number, palette: Uint8Array | null, alpha: Uint8Array | null): (line: Uint8Array, out: Uint8Array, at: number) => void {
  if (depth === 8 && colorType === 0) return (line, out, at) => out.set(line.subarray(0, width), at);
  if (depth === 8 && colorType === 2) {
    return (line, out, at) => {
      for (let x = 0, i = 0; x < width; x++, i += 3) out[at + x] = Math.round((line[i]! * 299 + line[i + 1]! * 587 + line[i + 2]! * 114) / 1000);
    };
  }
  if (depth === 8 && colorType === 6) {
    return (line, out, at) => {
      for (let x = 0, i = 0; x < width; x++, i += 4) {
        const a = line[i + 3]!;
        const v = (line[i]! * 299 + line[i + 1]! * 587 + line[i + 2]! * 114) / 1000;
        out[at + x] = a === 255 ? Math.round(v) : over(v, a);
      }
    };
  }
  return (line, out, at) => {
    for (let x = 0; x < width; x++) out[at + x] = pixelGray(line, x, depth, colorType, palette, alpha);
  };
}

function pixelGray(line: Uint8Array, x: number, depth: number, colorType: number, palette: Uint8Array | null, alpha: Uint8Array | null): number {
  const scale = depth < 8 ? 255 / ((1 << depth) - 1) : 1;
  switch (colorType) {
    case 0:
      return Math.round(sample(line, x, depth) * scale);
    case 2:
      return Math.round(lum(sample(line, x * 3, depth), sample(line, x * 3 + 1, depth), sample(line, x * 3 + 2, depth)));
    case 3: {
      const i = sample(line, x, depth);
      if (!palette) return 255;
      const v = lum(palette[i * 3] ?? 255, palette[i * 3 + 1] ?? 255, palette[i * 3 + 2] ?? 255);
      return over(v, alpha?.[i] ?? 255);
    }
    case 4:
      return over(sample(line, x * 2, depth), sample(line, x * 2 + 1, depth));
    default:
      return over(lum(sample(line, x * 4, depth), sample(line, x * 4 + 1, depth), sample(line, x * 4 + 2, depth)), sample(line, x * 4 + 3, depth));
  }
}

/** Exit codes of the image decoder process (image-decoder.ts). */
export const DECODER_EXIT = { ok: 0, undecodable: 1, noDecoder: 3, tooLarge: 4 } as const;
/** Larger images are not decoded. */
export const MAX_PIXELS = LIMITS.imagePixels;

/** The decoder program and the arguments node runs it with: prebuilt, or the source through tsx. */
const DECODER = BUNDLE
  ? [fileURLToPath(new URL('./image-decoder.js', import.meta.url))]
  : ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('./image-decoder.ts', import.meta.url))];
const TIFF = (b: Uint8Array) => (b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0x00) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00 && b[3] === 0x2a);

/**
 * Any image format to grayscale, for the ruling lines and the second OCR pass: PNG here; JPEG, WebP,
 * GIF, BMP through @napi-rs/canvas (Skia) in a child process, since Skia crashes the process on some
 * damaged images. TIFF is not handed to Skia (it has no TIFF decoder and crashes on one): null, and
 * Tesseract reads the text of the TIFF by itself. Null also when the image cannot be decoded or is too
 * large; an InputError (unsupported) when the decoder package cannot be loaded.
 * `decoderModule` names another decoder package (tests).
 */
export async function decodeImage(bytes: Uint8Array, file: string, decoderModule = '@napi-rs/canvas'): Promise<Gray | null> {
  const png = decodePng(bytes);
  if (png) return png;
  if (TIFF(bytes)) return null;
  const { code, stdout, stderr } = await runDecoder(bytes, decoderModule);
  if (code === DECODER_EXIT.noDecoder) {
    throw new InputError(
      'unsupported',
      `${file}：读取 JPEG、WebP、GIF、BMP 图片需要 npm 包 ${decoderModule}（解码图片，用于找出表格线），但无法加载（${stderr.split('\n')[0]}）。请在 ogi 目录中运行 npm install；或把图片转成 PNG 后再读取`,
      file,
    );
  }
  if (code !== DECODER_EXIT.ok || stdout.length < 8) return null;
  const width = stdout.readUInt32LE(0);
  const height = stdout.readUInt32LE(4);
  if (stdout.length !== 8 + width * height) return null;
  return { width, height, data: new Uint8Array(stdout.buffer, stdout.byteOffset + 8, width * height) };
}

/** Runs image-decoder.ts (prebuilt or through tsx, like ogi itself) on the bytes; a crash is an exit code like any other. */
function runDecoder(bytes: Uint8Array, decoderModule: string): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...DECODER, decoderModule], { stdio: ['pipe', 'pipe', 'pipe'], timeout: 120_000 });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8').trim() }));
    child.stdin.on('error', () => {}); // the child may exit before reading everything (no decoder)
    child.stdin.end(bytes);
  });
}

const DARK = 150;

/**
 * Table ruling lines: long thin runs of dark pixels. Vertical runs count only
 * when both ends meet a horizontal line (or the image edge, where a page cut a
 * table), so that strokes of characters are not taken for borders.
 */
export function findRules(img: Gray, minVertical: number): Rule[] {
  const { width, height, data } = img;
  const minH = Math.max(40, Math.round(width * 0.03));
  const raw: { y: number; x0: number; x1: number }[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let start = -1;
    let miss = 0;
    for (let x = 0; x <= width; x++) {
      const dark = x < width && data[row + x]! < DARK;
      if (dark) {
        if (start < 0) start = x;
        miss = 0;
      } else if (start >= 0 && (++miss > 1 || x === width)) {
        const end = x - miss;
        if (end - start + 1 >= minH) raw.push({ y, x0: start, x1: end + 1 });
        start = -1;
        miss = 0;
      }
    }
  }
  const hs = thicken(raw.map((r) => ({ pos: r.y, a: r.x0, b: r.x1 })));
  const rawV: { x: number; y0: number; y1: number }[] = [];
  for (let x = 0; x < width; x++) {
    let start = -1;
    let miss = 0;
    for (let y = 0; y <= height; y++) {
      const dark = y < height && data[y * width + x]! < DARK;
      if (dark) {
        if (start < 0) start = y;
        miss = 0;
      } else if (start >= 0 && (++miss > 1 || y === height)) {
        const end = y - miss;
        if (end - start + 1 >= minVertical) rawV.push({ x, y0: start, y1: end + 1 });
        start = -1;
        miss = 0;
      }
    }
  }
  const vs = thicken(rawV.map((r) => ({ pos: r.x, a: r.y0, b: r.y1 })));
  const tol = 4;
  const meets = (y: number, x: number) => y <= tol || y >= height - tol || hs.some((h) => y >= h.p0 - tol && y <= h.p1 + tol && x >= h.a - tol && x <= h.b + tol);
  const rules: Rule[] = hs.filter((h) => h.p1 - h.p0 <= 10).map((h) => ({ x0: h.a, y0: h.p0, x1: h.b, y1: h.p1 }));
  // A table cut by a printed page's margin has no border at the cut: its vertical lines end free there, all at one height.
  const freeEnds: { v: (typeof vs)[number]; end: number }[] = [];
  for (const v of vs) {
    if (v.p1 - v.p0 > 10) continue;
    const x = (v.p0 + v.p1) / 2;
    const [top, bottom] = [meets(v.a, x), meets(v.b, x)];
    if (top && bottom) rules.push({ x0: v.p0, y0: v.a, x1: v.p1, y1: v.b });
    else if (top || bottom) freeEnds.push({ v, end: top ? v.b : v.a });
  }
  for (const f of freeEnds) {
    if (freeEnds.filter((g) => Math.abs(g.end - f.end) <= tol).length >= 3) rules.push({ x0: f.v.p0, y0: f.v.a, x1: f.v.p1, y1: f.v.b });
  }
  return rules;
}

/** Joins runs on neighbouring rows (columns) into lines with a thickness. */
function thicken(runs: { pos: number; a: number; b: number }[]): { p0: number; p1: number; a: number; b: number }[] {
  const open: { p0: number; p1: number; a: number; b: number }[] = [];
  const done: { p0: number; p1: number; a: number; b: number }[] = [];
  runs.sort((p, q) => p.pos - q.pos || p.a - q.a);
  for (const r of runs) {
    for (let i = open.length - 1; i >= 0; i--) {
      if (open[i]!.p1 < r.pos - 1) done.push(...open.splice(i, 1));
    }
    const hit = open.find((o) => r.a <= o.b + 2 && r.b >= o.a - 2);
    if (hit) {
      hit.p1 = r.pos + 1;
      hit.a = Math.min(hit.a, r.a);
      hit.b = Math.max(hit.b, r.b);
    } else open.push({ p0: r.pos, p1: r.pos + 1, a: r.a, b: r.b });
  }
  return [...done, ...open];
}

/** Dark pixels inside a rectangle (borders excluded by `inset`). */
export function inkCount(img: Gray, x0: number, y0: number, x1: number, y1: number, inset: number): number {
  const ax = Math.max(0, Math.round(x0 + inset));
  const bx = Math.min(img.width, Math.round(x1 - inset));
  const ay = Math.max(0, Math.round(y0 + inset));
  const by = Math.min(img.height, Math.round(y1 - inset));
  let n = 0;
  for (let y = ay; y < by; y++) for (let x = ax; x < bx; x++) if (img.data[y * img.width + x]! < DARK) n++;
  return n;
}

/**
 * A crop as a binary PGM (P5) with a white margin, optionally enlarged.
 * Pixels of ruling lines at the crop's edge are whitened.
 */
export function cropPgm(img: Gray, x0: number, y0: number, x1: number, y1: number, inset: number, pad: number, scale: number, tight = false): Buffer {
  let ax = Math.max(0, Math.round(x0 + inset));
  let bx = Math.min(img.width, Math.round(x1 - inset));
  let ay = Math.max(0, Math.round(y0 + inset));
  let by = Math.min(img.height, Math.round(y1 - inset));
  if (tight) {
    // Only the inked part, so that the recogniser sees the text and not the empty cell.
    let minX = bx;
    let maxX = ax - 1;
    let minY = by;
    let maxY = ay - 1;
    for (let y = ay; y < by; y++) {
      for (let x = ax; x < bx; x++) {
        if (img.data[y * img.width + x]! < DARK) {
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
      }
    }
    if (maxX >= minX) {
      [ax, bx, ay, by] = [minX, maxX + 1, minY, maxY + 1];
    }
  }
  const w = Math.max(1, bx - ax);
  const h = Math.max(1, by - ay);
  const W = Math.round(w * scale) + 2 * pad;
  const H = Math.round(h * scale) + 2 * pad;
  const header = Buffer.from(`P5\n${W} ${H}\n255\n`, 'latin1');
  const body = Buffer.alloc(W * H, 255);
  for (let y = 0; y < H - 2 * pad; y++) {
    const sy = ay + Math.min(h - 1, Math.floor(y / scale));
    for (let x = 0; x < W - 2 * pad; x++) {
      const sx = ax + Math.min(w - 1, Math.floor(x / scale));
      body[(y + pad) * W + x + pad] = img.data[sy * img.width + sx]!;
    }
  }
  return Buffer.concat([header, body]);
}
