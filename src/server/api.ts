import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { StoreError } from '../store/errors.ts';
import { requireAccess, type Access } from './auth/scope.ts';

/**
 * A small route registry over hono: each route declares its parameters, query,
 * body and response with zod schemas; the same declaration validates requests
 * (messages in Chinese) and produces /api/openapi.json.
 */

export type Json = Record<string, unknown>;

/** An error the API answers with: a status, a stable code and a Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 501 | 503,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const ErrorBody = z
  .object({
    error: z.object({
      status: z.number().int(),
      code: z.string().describe('bad-request, not-found, conflict, too-large, invalid-json, internal …'),
      message: z.string().describe('中文说明'),
      details: z.unknown().optional(),
    }),
  });

const zh = z.locales.zhCN();

function zodMessage(where: string, error: z.ZodError): ApiError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const text = issues.map((i) => (i.path ? `${i.path}：${i.message}` : i.message)).join('；');
  return new ApiError(400, 'bad-request', `${where}有误：${text}`, issues);
}

export function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value, { error: zh.localeError });
  if (!r.success) throw zodMessage(where, r.error);
  return r.data;
}

/**
 * A JSON body must be declared as one: a form or text body (which a page of another site can send
 * without a CORS preflight) is refused with 415, not parsed. Uploads declare multipart themselves.
 */
function requireJsonType(c: Context): void {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new ApiError(415, 'unsupported-media-type', '请求体应为 JSON：请以 Content-Type: application/json 发送');
}

/** The error as the JSON body and status the API answers with. */
export function errorResponse(c: Context, err: unknown): Response {
  let e: ApiError;
  if (err instanceof ApiError) e = err;
  else if (err instanceof StoreError) {
    const status = err.code === 'not-found' ? 404 : err.code === 'conflict' ? 409 : err.code === 'forbidden' ? 403 : err.code === 'too-large' ? 413 : 400;
    e = new ApiError(status, err.code === 'invalid' ? 'bad-request' : err.code, err.message, err.details);
  } else {
    console.error(err);
    e = new ApiError(500, 'internal', '服务器内部错误，请稍后再试；如果一再出现，请把时间和操作告诉管理员');
  }
  return c.json({ error: { status: e.status, code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } }, e.status);
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** hono path, e.g. /api/reports/:id */
  path: string;
  /** The path in the OpenAPI document when the hono path holds a pattern, e.g. /api/reports/{id}/pages/{n}.png */
  docPath?: string;
  tag: string;
  summary: string;
  /** Who may call it (src/server/auth/scope.ts): every route declares it. */
  access: Access;
  /** Roles below `access` get 404 instead of 403: the route's existence is not told to them. */
  hidden?: boolean;
  description?: string;
  params?: P;
  query?: Q;
  /** JSON body schema. */
  body?: B;
  /** A multipart upload instead of JSON: field name → description. */
  upload?: { fields: Record<string, { description: string; file?: boolean; multiple?: boolean }> };
  /** The JSON answer (200 unless `status`). */
  response?: z.ZodType | Json;
  status?: 200 | 201 | 202 | 204;
  /** Other content types the route can answer with (format=csv|xlsx, files). */
  produces?: Record<string, string>;
  /** Error statuses the route may answer with besides 400 and 404 (and 409 for writes). */
  errors?: number[];
}

type Input<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = {
  params: z.infer<P>;
  query: z.infer<Q>;
  body: z.infer<B>;
};

type Empty = z.ZodObject<{}>;
const EMPTY = z.object({});

export class Api {
  private readonly specs: RouteSpec<z.ZodType, z.ZodType, z.ZodType>[] = [];

  constructor(private readonly app: Hono) {}

  route<P extends z.ZodType = Empty, Q extends z.ZodType = Empty, B extends z.ZodType = Empty>(
    spec: RouteSpec<P, Q, B>,
    handler: (c: Context, input: Input<P, Q, B>) => Promise<unknown> | unknown,
  ): void {
    this.specs.push(spec as unknown as RouteSpec<z.ZodType, z.ZodType, z.ZodType>);
    this.app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      requireAccess(c, spec.access, spec.hidden);
      const params = parse(spec.params ?? EMPTY, c.req.param(), '路径参数');
      const query = parse(spec.query ?? EMPTY, c.req.query(), '查询参数');
      let body: unknown = {};
      if (spec.body) {
        requireJsonType(c);
        let raw: unknown;
        try {
          raw = await c.req.json();
        } catch {
          throw new ApiError(400, 'invalid-json', '请求体应为 JSON（Content-Type: application/json），但无法解析');
        }
        body = parse(spec.body, raw, '请求体');
      }
      const out = await handler(c, { params, query, body } as Input<P, Q, B>);
      if (out instanceof Response) return out;
      if (spec.status === 204) return c.body(null, 204);
      return c.json(out as Json, spec.status ?? 200);
    });
  }

  /** Every route declared, for tests and documents. */
  routes(): readonly { method: Method; path: string; docPath?: string; access: Access; hidden: boolean }[] {
    return this.specs.map((s) => ({ method: s.method, path: s.path, docPath: s.docPath, access: s.access, hidden: s.hidden === true }));
  }

  /** The OpenAPI 3.0 description of every route declared. */
  openapi(info: { title: string; version: string; description: string }): Json {
    const schema = (s: z.ZodType | Json, io: 'input' | 'output'): Json =>
      s instanceof z.ZodType ? stripSchema(z.toJSONSchema(s, { io, target: 'openapi-3.0', unrepresentable: 'any' }) as Json) : s;
    const paths: Record<string, Record<string, Json>> = {};
    for (const spec of this.specs) {
      const path = spec.docPath ?? spec.path.replace(/:(\w+)/g, '{$1}');
      const parameters: Json[] = [];
      for (const [where, s] of [['path', spec.params], ['query', spec.query]] as const) {
        if (!s) continue;
        const js = schema(s, 'input') as { properties?: Record<string, Json>; required?: string[] };
        for (const [name, prop] of Object.entries(js.properties ?? {})) {
          const { description, ...rest } = prop as Json & { description?: string };
          parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest });
        }
      }
      const op: Json = { tags: [spec.tag], summary: spec.summary, operationId: `${spec.method}${path.replace(/[{}]/g, '').replace(/\/(\w)/g, (_m, ch: string) => ch.toUpperCase()).replace(/\W/g, '')}` };
      if (spec.description) op.description = spec.description;
      op.security = spec.access === 'public' ? [] : spec.method === 'get' ? [{ session: [] }] : [{ session: [], csrf: [] }];
      op['x-access'] = spec.access;
      if (parameters.length) op.parameters = parameters;
      if (spec.body) op.requestBody = { required: true, content: { 'application/json': { schema: schema(spec.body, 'input') } } };
      if (spec.upload) {
        const properties: Record<string, Json> = {};
        for (const [name, f] of Object.entries(spec.upload.fields)) {
          const one = f.file ? { type: 'string', format: 'binary' } : { type: 'string' };
          properties[name] = f.multiple ? { type: 'array', items: one, description: f.description } : { ...one, description: f.description };
        }
        op.requestBody = { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties } } } };
      }
      const ok: Json = { description: spec.status === 204 ? '完成，无内容' : '成功' };
      const content: Record<string, Json> = {};
      if (spec.response) content['application/json'] = { schema: schema(spec.response, 'output') };
      for (const [type, description] of Object.entries(spec.produces ?? {})) content[type] = { schema: { type: 'string', format: 'binary', description } };
      if (Object.keys(content).length) ok.content = content;
      const error = { description: '错误（中文说明）', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
      op.responses = {
        [String(spec.status ?? 200)]: ok,
        400: error, 404: error,
        ...(spec.access === 'public' ? {} : { 401: error }),
        ...(spec.access !== 'public' && spec.access !== 'read' && !spec.hidden ? { 403: error } : {}),
        ...(spec.method !== 'get' ? { 409: error } : {}),
        ...(spec.upload ? { 413: error } : {}),
        ...(spec.body ? { 415: error } : {}),
        ...Object.fromEntries((spec.errors ?? []).map((s) => [s, error])),
      };
      (paths[path] ??= {})[spec.method] = op;
    }
    return {
      openapi: '3.0.3',
      info,
      paths,
      components: {
        schemas: { Error: schema(ErrorBody, 'output') },
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ogi_session', description: '登录（POST /api/session）后设置的会话 Cookie（HttpOnly、SameSite=Strict）' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: '会话的 CSRF 令牌（登录应答中的 csrfToken）；所有修改类请求（POST、PATCH、DELETE）须带此头，且 Origin 须为本站' },
        },
      },
    };
  }
}

/** OpenAPI 3.0 has no $schema and no `id` metadata keys. */
function stripSchema(s: Json): Json {
  const { $schema: _s, id: _id, ...rest } = s;
  return rest;
}
