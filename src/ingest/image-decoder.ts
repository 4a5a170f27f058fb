/**
 * Decodes one image (JPEG, WebP, GIF, BMP…) to 8-bit grayscale with @napi-rs/canvas, as a child
 * process of raster.ts `decodeImage`: Skia crashes the whole process (SIGSEGV, nothing to catch) on
 * some damaged images and on every TIFF, and reports are untrusted input, so it never runs inside
 * ogi itself.
 *
 * stdin: the image bytes. argv[2]: the module to load (default @napi-rs/canvas; tests name a
 * missing one). stdout on success: width and height (uint32 LE), then width × height gray bytes.
 * Exit codes: DECODER_EXIT in raster.ts.
 */
import { DECODER_EXIT, MAX_PIXELS } from './raster.ts';

/**
 * The part of @napi-rs/canvas used here. (Its own index.d.ts needs the ES2025 lib for Float16Array,
 * which the strict type check with skipLibCheck off would reject.)
 */
interface Canvas {
  loadImage(src: Buffer): Promise<{ width: number; height: number }>;
  createCanvas(w: number, h: number): {
    getContext(type: '2d'): { drawImage(img: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
  };
}

async function main(): Promise<number> {
  let canvas: Canvas;
  try {
    canvas = (await import(process.argv[2] || '@napi-rs/canvas')) as Canvas;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return DECODER_EXIT.noDecoder;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const img = await canvas.loadImage(Buffer.concat(chunks));
  if (img.width * img.height > MAX_PIXELS) return DECODER_EXIT.tooLarge;
  const c = canvas.createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const rgba = ctx.getImageData(0, 0, img.width, img.height).data;
  const out = Buffer.alloc(8 + img.width * img.height);
  out.writeUInt32LE(img.width, 0);
  out.writeUInt32LE(img.height, 4);
  for (let i = 0; i < img.width * img.height; i++) {
    // Luminance, alpha composited on white.
    const a = rgba[i * 4 + 3]!;
    const v = (rgba[i * 4]! * 299 + rgba[i * 4 + 1]! * 587 + rgba[i * 4 + 2]! * 114) / 1000;
    out[8 + i] = Math.round((v * a + 255 * (255 - a)) / 255);
  }
  await new Promise<void>((ok, fail) => process.stdout.write(out, (err) => (err ? fail(err) : ok())));
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = DECODER_EXIT.undecodable;
  },
);
