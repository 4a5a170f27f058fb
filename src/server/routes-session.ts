import { z } from 'zod';
import type { Store } from '../store/db.ts';
import { createUser, deleteUser, listUsers, passwordHashOf, ROLES, updateUser } from '../store/users.ts';
import type { Auth } from '../web/context.ts';
import { ApiError, type Api } from './api.ts';
import { hashPassword, passwordProblem, randomPassword, verifyPassword } from './auth/passwords.ts';
import { actorOf } from './auth/actor.ts';
import { authOf, publicUser, unauthorized } from './auth/scope.ts';
import type { Sessions } from './auth/sessions.ts';
import * as S from './schemas.ts';

const SessionUser = z.object({ id: z.number().int(), username: z.string(), role: z.enum(ROLES), regionId: z.number().int().nullable(), agencyId: z.number().int().nullable() });
const SessionAnswer = z.object({ user: SessionUser, csrfToken: z.string().describe('修改类请求须在 X-CSRF-Token 头中带上它') });
const User = SessionUser.extend({ disabled: z.boolean(), createdAt: z.string() });

const sessionAnswer = (a: Auth) => ({ user: { id: a.user.id, username: a.user.username, role: a.user.role, regionId: a.user.regionId, agencyId: a.user.agencyId }, csrfToken: a.csrfToken });

async function newPasswordHash(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new ApiError(400, 'bad-request', problem);
  return hashPassword(password);
}

export function sessionRoutes(api: Api, store: Store, sessions: Sessions): void {
  const db = store.db;

  api.route(
    { method: 'post', access: 'public', path: '/api/session', tag: '账户', summary: '登录：用户名和密码正确时设置会话 Cookie（ogi_session），返回用户和 CSRF 令牌',
      description: '同一用户名 15 分钟内失败 5 次、同一地址失败 20 次后返回 429（Retry-After 为秒数）。',
      body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }), response: SessionAnswer, errors: [401, 429] },
    async (c, { body }) => sessionAnswer(await sessions.login(c, body.username, body.password)),
  );
  api.route(
    { method: 'get', access: 'public', path: '/api/session', tag: '账户', summary: '当前会话：用户和 CSRF 令牌；未登录时 401', response: SessionAnswer, errors: [401] },
    (c) => {
      const auth = c.get('auth');
      if (!auth) throw unauthorized();
      return sessionAnswer(auth);
    },
  );
  api.route(
    { method: 'delete', access: 'public', path: '/api/session', tag: '账户', summary: '退出登录：结束会话（服务器端作废）', status: 204 },
    async (c) => {
      await sessions.logout(c, c.get('auth'));
      return null;
    },
  );
  api.route(
    { method: 'post', access: 'read', path: '/api/session/password', tag: '账户', summary: '修改自己的密码：其他会话全部作废，本会话换用新的 Cookie',
      body: z.object({ current: z.string().min(1).max(200).describe('当前密码'), next: z.string().max(200).describe('新密码（至少 10 个字符）') }), response: SessionAnswer },
    async (c, { body }) => {
      const { user } = authOf(c);
      if (!(await verifyPassword(body.current, await passwordHashOf(db, user.id)))) throw new ApiError(400, 'bad-request', '当前密码不正确');
      await updateUser(db, user.id, { passwordHash: await newPasswordHash(body.next) }, actorOf(c));
      return sessionAnswer(await sessions.login(c, user.username, body.next));
    },
  );

  api.route(
    { method: 'get', access: 'admin', path: '/api/users', tag: '账户', summary: '全部用户（管理员）', response: z.array(User) },
    async () => (await listUsers(db)).map(publicUser),
  );
  api.route(
    { method: 'post', access: 'admin', path: '/api/users', tag: '账户', summary: '添加用户（管理员）。不给密码时生成随机密码，只在这次应答中返回',
      body: z.object({
        username: z.string().min(1).max(40), role: z.enum(ROLES), regionId: z.number().int().positive().nullable().optional(), agencyId: z.number().int().positive().nullable().optional(),
        password: z.string().max(200).optional(),
      }),
      status: 201, response: User.extend({ password: z.string().optional().describe('生成的密码（只返回这一次）') }) },
    async (c, { body }) => {
      const generated = body.password === undefined ? randomPassword() : undefined;
      const user = await createUser(db, { ...body, passwordHash: await newPasswordHash(body.password ?? generated!) }, actorOf(c));
      return { ...publicUser(user), ...(generated ? { password: generated } : {}) };
    },
  );
  api.route(
    { method: 'patch', access: 'admin', path: '/api/users/:id', tag: '账户', summary: '修改用户的角色、数据范围、停用或重设密码（管理员）；该用户的会话随之作废',
      params: S.IdParams,
      body: z.object({
        role: z.enum(ROLES).optional(), regionId: z.number().int().positive().nullable().optional(), agencyId: z.number().int().positive().nullable().optional(),
        disabled: z.boolean().optional(), password: z.string().max(200).optional().describe('新密码（至少 10 个字符）'),
      }),
      response: User },
    async (c, { params, body }) => {
      const { password, ...rest } = body;
      return publicUser(await updateUser(db, params.id, { ...rest, ...(password === undefined ? {} : { passwordHash: await newPasswordHash(password) }) }, actorOf(c)));
    },
  );
  api.route(
    { method: 'delete', access: 'admin', path: '/api/users/:id', tag: '账户', summary: '删除用户（管理员）；不能删除唯一可用的管理员', params: S.IdParams, status: 204 },
    async (c, { params }) => {
      await deleteUser(db, params.id, actorOf(c));
      return null;
    },
  );
}
