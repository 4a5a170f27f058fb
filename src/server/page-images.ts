import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findProgram } from '../programs.ts';
import { ApiError } from './api.ts';

const run = promisify(execFile);

export const PAGE_DPI_DEFAULT = 100;
export const PAGE_DPI_MAX = 200;

/** Rendered pages by content hash, page and resolution; originals never change, so nothing goes stale. */
class PngCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): Buffer | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, png: Buffer): void {
    if (png.length > this.maxBytes / 4) return;
    this.entries.set(key, png);
    this.bytes += png.length;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.length;
    }
  }
}

const cache = new PngCache(32 * 1024 * 1024);
/** Renders in progress, so that concurrent requests for one page run pdftoppm once. */
const pending = new Map<string, Promise<Buffer>>();

/** Page `n` (1-based) of a PDF as PNG at `dpi`; 404 when the PDF has no such page, 501 without pdftoppm. */
export async function pdfPagePng(pdf: Buffer, n: number, dpi: number): Promise<Buffer> {
  const key = `${createHash('sha256').update(pdf).digest('hex')} ${n} ${dpi}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let job = pending.get(key);
  if (!job) {
    job = renderPage(pdf, n, dpi).finally(() => pending.delete(key));
    pending.set(key, job);
  }
  const png = await job;
  cache.set(key, png);
  return png;
}

async function renderPage(pdf: Buffer, n: number, dpi: number): Promise<Buffer> {
  const pdftoppm = findProgram(['pdftoppm']);
  if (!pdftoppm) {
    throw new ApiError(501, 'not-implemented', '显示 PDF 页面需要 pdftoppm，本机未安装。请安装 Debian 软件包 poppler-utils（apt-get install poppler-utils）');
  }
  const dir = await mkdtemp(join(tmpdir(), 'ogi-page-'));
  try {
    const input = join(dir, 'input.pdf');
    await writeFile(input, pdf);
    try {
      await run(pdftoppm, ['-f', String(n), '-l', String(n), '-r', String(dpi), '-png', input, join(dir, 'page')], { timeout: 120_000 });
    } catch {
      // A page past the end ("Wrong page range") or a damaged file: no image either way.
    }
    const out = (await readdir(dir)).find((f) => f.startsWith('page') && f.endsWith('.png'));
    if (!out) throw new ApiError(404, 'not-found', `原件没有第 ${n} 页，或这一页无法显示`);
    return await readFile(join(dir, out));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
