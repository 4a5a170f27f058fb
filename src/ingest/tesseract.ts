import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { InputError } from '../errors.ts';
import { findProgram } from '../programs.ts';
import { normalizeRadicals } from '../schema/radicals.ts';

/**
 * The Debian `tesseract` command: whether it is installed with Simplified Chinese, and runs of it
 * with TSV output (a box and a confidence per word). Every run in the process goes through one
 * queue as wide as the machine has cores (each run is single-threaded), so that pages and cell
 * batches read in parallel never oversubscribe the CPU.
 */

const run = promisify(execFile);
const PACKAGES = 'tesseract-ocr tesseract-ocr-chi-sim';
const INSTALL = `请安装 Debian 软件包 ${PACKAGES}（apt-get install ${PACKAGES}）`;

export type OcrEngine = { ok: true; tesseract: string; eng: boolean } | { ok: false; message: string };

let available: Promise<OcrEngine> | null = null;

/** Whether Tesseract with Simplified Chinese data is installed (checked once). */
export function ocrAvailable(): Promise<OcrEngine> {
  available ??= (async () => {
    const tesseract = findProgram(['tesseract']);
    if (!tesseract) return { ok: false as const, message: `图片识别（OCR）需要 Tesseract，本机未安装。${INSTALL}` };
    let langs = '';
    try {
      const out = await run(tesseract, ['--list-langs'], { timeout: 30_000 });
      langs = `${out.stdout}\n${out.stderr}`;
    } catch (err) {
      langs = String((err as { stdout?: string }).stdout ?? '');
    }
    const list = langs.split(/\s+/);
    if (!list.includes('chi_sim')) return { ok: false as const, message: `图片识别（OCR）需要 Tesseract 的简体中文语言包（chi_sim），本机未安装。${INSTALL}` };
    return { ok: true as const, tesseract, eng: list.includes('eng') };
  })();
  return available;
}

/** How many recognisers run at once: one per core, or OGI_OCR_JOBS. */
export const OCR_PARALLELISM = Math.max(1, Math.floor(Number(process.env.OGI_OCR_JOBS)) || availableParallelism());

let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= OCR_PARALLELISM) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export interface TsvWord {
  page: number;
  line: string;
  left: number;
  top: number;
  width: number;
  height: number;
  conf: number;
  text: string;
}

export function parseTsv(tsv: string): TsvWord[] {
  const words: TsvWord[] = [];
  for (const line of tsv.split('\n')) {
    const f = line.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const text = f.slice(11).join('\t').trim();
    if (!text) continue;
    words.push({ page: Number(f[1]), line: `${f[1]}.${f[2]}.${f[3]}.${f[4]}`, left: Number(f[6]), top: Number(f[7]), width: Number(f[8]), height: Number(f[9]), conf: Number(f[10]), text });
  }
  return words;
}

/** One tesseract run (its arguments before `tsv`), in its turn; its words. */
export async function tesseractTsv(args: string[], file: string): Promise<TsvWord[]> {
  const ocr = await ocrAvailable();
  if (!ocr.ok) throw new InputError('unsupported', `${file}：${ocr.message}`, file);
  return slot(async () => {
    try {
      const out = await run(ocr.tesseract, [...args, 'tsv'], { maxBuffer: 256 * 1024 * 1024, timeout: 600_000, env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
      return parseTsv(out.stdout);
    } catch (err) {
      const msg = String((err as { stderr?: string }).stderr ?? (err as Error).message).split('\n').find((l) => /error|cannot|can't|unsupported/i.test(l)) ?? (err as Error).message.split('\n')[0];
      throw new InputError('damaged', `${file}：图片已损坏或格式无法识别（${msg}）`, file);
    }
  });
}

/** OCR text clean-up: brackets read as angle brackets, radicals. */
export function cleanWord(text: string): string {
  return normalizeRadicals(text).replace(/〈/g, '（').replace(/〉/g, '）');
}
