/**
 * The fuzz suite's inputs: real files of every format (test/fixtures, samples/) mutated by fast-check —
 * byte flips, truncation, repeated slices (long tables, deep nesting, bombs of repeated content), numbers
 * swapped for huge or negative ones (spans, list levels, page counts, image sizes), and for Word the
 * same mutations inside one entry of the package, which is zipped again.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { parse as parseYaml } from 'yaml';

export type Format = 'txt' | 'md' | 'html' | 'docx' | 'pdf' | 'png' | 'jpg' | 'yaml' | 'json';

const root = new URL('../../', import.meta.url).pathname;
const seedFile = (rel: string) => readFileSync(`${root}${rel}`);

/** A small grayscale PNG or JPEG of a ruled table (@napi-rs/canvas), so that OCR of a seed stays quick. */
async function tableImage(mime: 'image/png' | 'image/jpeg'): Promise<Buffer | null> {
  try {
    const decoder = '@napi-rs/canvas'; // named by a variable: its type declarations need a newer lib than ours
    const { createCanvas } = (await import(decoder)) as {
      createCanvas(w: number, h: number): {
        getContext(t: '2d'): { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
        toBuffer(mime: string): Buffer;
      };
    };
    const canvas = createCanvas(240, 120);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 240, 120);
    ctx.fillStyle = '#000';
    for (let y = 10; y <= 110; y += 25) ctx.fillRect(10, y, 220, 2);
    for (let x = 10; x <= 230; x += 55) ctx.fillRect(x, 10, 2, 100);
    return canvas.toBuffer(mime);
  } catch {
    return null;
  }
}

/** The seeds of each format (the image seeds are made here; null when no image encoder is installed). */
export async function seeds(): Promise<Record<Format, Buffer[]>> {
  const png = await tableImage('image/png');
  const jpg = await tableImage('image/jpeg');
  const yaml = seedFile('samples/example-2025.yaml');
  return {
    txt: [seedFile('samples/000_6c4583cee035bde5.txt'), seedFile('test/fixtures/formats/v2021.txt')],
    md: [seedFile('test/fixtures/converted/sample001.ogi.pandoc-gfm.md'), seedFile('test/fixtures/converted/sample002.ogi.pandoc-commonmark.md')],
    html: [seedFile('test/fixtures/formats/v2019.gov.html'), seedFile('test/fixtures/formats/v2021.html')],
    docx: [seedFile('test/fixtures/formats/v2019.lo.docx'), seedFile('test/fixtures/formats/v2021.lo.docx')],
    pdf: [seedFile('test/fixtures/formats/v2019.lo.pdf')],
    png: png ? [png] : [],
    jpg: jpg ? [jpg] : [],
    yaml: [yaml],
    json: [Buffer.from(JSON.stringify(parseYaml(yaml.toString('utf8'))))],
  };
}

/** One mutation; places are fractions of the input's length, so one mutation fits any seed. */
export type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'number'; nth: number; value: string };

const place = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const HUGE = ['0', '-1', '4294967295', '100000000', '1e12', '99999999999999999999', '65535', '20000', 'NaN', '1.5'];
const MARKUP = [
  '<div>', '<table><tr><td colspan="100000" rowspan="100000">1', '<tr><td>1</td><td>2</td></tr>', '<w:tr><w:tc><w:p/></w:tc></w:tr>',
  '<w:gridSpan w:val="100000000"/>', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '&a;', '\t1\t2\t3\n', '| 1 | 2 |\n', '一、', '（一）', '\n',
  '\u0000', '\ufffd', '<', '>', '"', '&', '<p x="' + 'y'.repeat(64) + '">',
];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: place, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: place }),
  fc.record({ kind: fc.constant('repeat' as const), at: place, length: fc.integer({ min: 1, max: 64 }), times: fc.oneof(fc.integer({ min: 2, max: 50 }), fc.integer({ min: 1_000, max: 200_000 })) }),
  fc.record({ kind: fc.constant('insert' as const), at: place, text: fc.oneof(fc.constantFrom(...MARKUP), fc.string({ maxLength: 16 })) }),
  fc.record({ kind: fc.constant('number' as const), nth: fc.nat({ max: 500 }), value: fc.constantFrom(...HUGE) }),
);

/** Mutations of a package: of its bytes as a whole, or of the text of one of its entries. */
export type PackageMutation = { kind: 'bytes'; ops: Mutation[] } | { kind: 'entry'; entry: number; ops: Mutation[] };

export const packageMutation: fc.Arbitrary<PackageMutation> = fc.oneof(
  fc.record({ kind: fc.constant('bytes' as const), ops: fc.array(mutation, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('entry' as const), entry: fc.nat({ max: 30 }), ops: fc.array(mutation, { minLength: 1, maxLength: 4 }) }),
);

/** Bytes of at most this size are produced (a repeated slice stops there). */
const MAX_OUTPUT = 8 * 1024 * 1024;

export function mutate(input: Buffer, ops: readonly Mutation[]): Buffer {
  let b = input;
  for (const op of ops) {
    const at = Math.floor((op.kind === 'number' ? 0 : op.at) * b.length);
    switch (op.kind) {
      case 'flip': {
        if (!b.length) break;
        b = Buffer.from(b);
        b[at] = op.byte;
        break;
      }
      case 'truncate':
        b = b.subarray(0, at);
        break;
      case 'repeat': {
        const slice = b.subarray(at, at + op.length);
        if (!slice.length) break;
        const times = Math.min(op.times, Math.floor(MAX_OUTPUT / Math.max(1, slice.length)));
        b = Buffer.concat([b.subarray(0, at), Buffer.alloc(slice.length * times, slice), b.subarray(at)]);
        break;
      }
      case 'insert':
        b = Buffer.concat([b.subarray(0, at), Buffer.from(op.text, 'utf8'), b.subarray(at)]);
        break;
      case 'number': {
        let seen = -1;
        b = Buffer.from(b.toString('latin1').replace(/\d+/g, (m) => (++seen === op.nth ? op.value : m)), 'latin1');
        break;
      }
    }
  }
  return b;
}

export async function mutatePackage(input: Buffer, m: PackageMutation): Promise<Buffer> {
  if (m.kind === 'bytes') return mutate(input, m.ops);
  const zip = await JSZip.loadAsync(input);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const name = names[m.entry % names.length]!;
  zip.file(name, mutate(await zip.file(name)!.async('nodebuffer'), m.ops));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
