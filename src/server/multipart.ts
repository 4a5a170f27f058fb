import busboy from 'busboy';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './api.ts';
import { csrfRefused, tokensEqual } from './auth/csrf.ts';

/**
 * multipart/form-data uploads read as a stream (busboy): each file goes straight to a private
 * temporary folder, the limits are enforced while the bytes arrive, and the folder is removed
 * when the request is done — answered, refused or cut off by the client. Memory holds a few
 * chunks at a time, never a whole file or request.
 */

declare module 'hono' {
  interface ContextVariableMap {
    /** The session's CSRF token, to be found in the form's `_csrf` field: the request had no X-CSRF-Token header and is read as a stream. */
    csrfInForm?: string;
  }
}

/** Every folder of an upload in progress is named so (in the system's temporary folder). */
export const UPLOAD_DIR_PREFIX = 'ogi-upload-';

/** The routes whose multipart bodies are read here, never by `parseBody`. */
const STREAMED_UPLOADS: ReadonlySet<string> = new Set(['/api/imports', '/api/drafts/upload', '/api/agencies/import']);
/** An agency's ledger import, `/api/agencies/:id/ledger/import`. */
export const LEDGER_IMPORT = /^\/api\/agencies\/\d+\/ledger\/import$/;

export const isStreamedUpload = (path: string): boolean => STREAMED_UPLOADS.has(path) || LEDGER_IMPORT.test(path);

const MAX_FIELDS = 50;
const MAX_FIELD_BYTES = 64 * 1024;
const MB = 1024 * 1024;
/** What the request stream reads ahead of the parser. */
const CHUNK_BYTES = 64 * 1024;

export interface UploadedFile {
  /** The form field it came in. */
  field: string;
  /** The file name the client gave (only for display: the file on disk is named by its place in the form). */
  name: string;
  path: string;
  size: number;
}

export interface Upload {
  fields: Record<string, string>;
  files: UploadedFile[];
}

export interface UploadLimits {
  /** Bytes of the whole request. */
  maxBytes: number;
  /** Bytes of one file: past it the upload stops with 413 and this message. */
  maxFile?: { bytes: number; message: string };
  /** Files in the request: past it the rest is only counted (not kept) and the answer is 413 with this message. */
  maxFiles?: { count: number; message: (received: number) => string };
  /** Only files in these fields are kept; files in other fields are skipped. */
  fileFields?: readonly string[];
}

export const isMultipart = (c: Context): boolean => (c.req.header('content-type') ?? '').startsWith('multipart/form-data');

export const requestTooLarge = (max: number): ApiError =>
  new ApiError(413, 'too-large', `请求过大（最多 ${max >= MB ? `${Math.round(max / MB)} MB` : `${Math.round(max / 1024)} KB`}）`);

const unreadable = () => new ApiError(400, 'bad-request', '上传的表单无法解析');

/**
 * The request limit of an upload route: a declared Content-Length over it is refused at once;
 * a multipart body is counted while `withUpload` reads it; any other body is limited as before.
 */
export function uploadBodyLimit(max: number): MiddlewareHandler {
  const other = bodyLimit({ maxSize: max, onError: () => { throw requestTooLarge(max); } });
  return async (c, next) => {
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > max && !c.req.header('transfer-encoding')) throw requestTooLarge(max);
    return isMultipart(c) ? next() : other(c, next);
  };
}

/** Reads the upload into a temporary folder, gives it to `use`, and removes the folder whatever happens. */
export async function withUpload<T>(c: Context, limits: UploadLimits, use: (upload: Upload) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), UPLOAD_DIR_PREFIX));
  try {
    return await use(await receive(c, dir, limits));
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * The request's bytes, up to `max` and until the upload has failed: then the request stream is
 * cancelled, even while a read waits for a client that has gone quiet.
 */
async function* counted(body: ReadableStream<Uint8Array>, max: number, stop: AbortSignal): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  // Cancelling ends a read that is waiting (not Promise.race: each race would keep its chunk until the end).
  const cancel = () => void reader.cancel().catch(() => undefined);
  stop.addEventListener('abort', cancel, { once: true });
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || stop.aborted) return;
      bytes += value.length;
      if (bytes > max) throw requestTooLarge(max);
      yield value;
    }
  } finally {
    stop.removeEventListener('abort', cancel);
    cancel();
  }
}

function receive(c: Context, dir: string, limits: UploadLimits): Promise<Upload> {
  const body = c.req.raw.body;
  if (!body) return Promise.reject(unreadable());
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': c.req.header('content-type') },
      defParamCharset: 'utf8',
      // busboy's limit is the size it cuts a file at: one byte more than a file may have.
      limits: { fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, ...(limits.maxFile ? { fileSize: limits.maxFile.bytes + 1 } : {}) },
    });
  } catch {
    return Promise.reject(unreadable());
  }
  const csrfInForm = c.get('csrfInForm');
  const stop = new AbortController();
  const request = c.req.raw.signal;
  const source = Readable.from(counted(body, limits.maxBytes, stop.signal), { objectMode: false, highWaterMark: CHUNK_BYTES });
  const fields: Record<string, string> = Object.create(null);
  const files: UploadedFile[] = [];
  const writes: Promise<void>[] = [];
  const open = new Set<WriteStream>();
  let received = 0;
  let typedFields = 0;
  let failed = false;

  return new Promise<Upload>((resolve, reject) => {
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      request.removeEventListener('abort', gone);
      stop.abort(err);
      // After the current event: busboy may be inside its own write when it tells of a field or a limit.
      queueMicrotask(() => {
        source.destroy();
        parser.destroy();
        for (const sink of open) sink.destroy();
        // Every file stream is closed before the folder is removed.
        void Promise.allSettled(writes).then(() => reject(err));
      });
    };
    // The server aborts the request when the client goes away: its reads may never end.
    const gone = () => fail(unreadable());
    if (request.aborted) return gone();
    request.addEventListener('abort', gone, { once: true });
    const onField = (name: string, value: string) => {
      fields[name] = value;
      if (name === '_csrf' && csrfInForm !== undefined && !tokensEqual(value, csrfInForm)) fail(csrfRefused());
    };
    parser.on('file', (field, stream, info) => {
      if (failed) return void stream.resume();
      // busboy takes any application/octet-stream part for a file; without a file name it is a field, as for the browsers.
      if (info.filename === undefined) {
        if (++typedFields > MAX_FIELDS) return fail(fieldsTooLarge());
        return readField(stream, (value) => (value === null ? fail(fieldsTooLarge()) : onField(field, value)));
      }
      if (limits.fileFields && !limits.fileFields.includes(field)) return void stream.resume();
      received++;
      if (limits.maxFiles && received > limits.maxFiles.count) return void stream.resume();
      const maxFile = limits.maxFile;
      if (maxFile) stream.on('limit', () => fail(new ApiError(413, 'too-large', maxFile.message)));
      const file: UploadedFile = { field, name: info.filename, path: join(dir, String(files.length)), size: 0 };
      const sink = createWriteStream(file.path, { flags: 'wx', mode: 0o600 });
      files.push(file);
      open.add(sink);
      writes.push(pipeline(stream, sink).then(() => void (file.size = sink.bytesWritten), fail).finally(() => open.delete(sink)));
    });
    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) return fail(fieldsTooLarge());
      onField(name, value);
    });
    parser.on('fieldsLimit', () => fail(fieldsTooLarge()));
    parser.on('error', (err) => fail(err instanceof ApiError ? err : unreadable()));
    source.on('error', (err) => fail(err instanceof ApiError ? err : unreadable()));
    parser.on('close', () => {
      void Promise.all(writes).then(() => {
        if (failed) return;
        if (limits.maxFiles && received > limits.maxFiles.count) return fail(new ApiError(413, 'too-large', limits.maxFiles.message(received)));
        if (csrfInForm !== undefined && !tokensEqual(fields._csrf, csrfInForm)) return fail(csrfRefused());
        request.removeEventListener('abort', gone);
        resolve({ fields, files });
      });
    });
    source.pipe(parser);
  });
}

const fieldsTooLarge = () => new ApiError(413, 'too-large', `表单字段过多或过长（最多 ${MAX_FIELDS} 个字段，每个最多 ${MAX_FIELD_BYTES / 1024} KB）`);

/** A field's value from a part busboy gave as a file: null past the size of a field. */
function readField(stream: Readable, done: (value: string | null) => void): void {
  const chunks: Buffer[] = [];
  let bytes = 0;
  stream.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes <= MAX_FIELD_BYTES) chunks.push(chunk);
  });
  stream.on('end', () => done(bytes > MAX_FIELD_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
}
