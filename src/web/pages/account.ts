import { listAgencies } from '../../store/agencies.ts';
import type { Store } from '../../store/db.ts';
import { listRegions } from '../../store/regions.ts';
import { listUsers, ROLE_LABELS, ROLES } from '../../store/users.ts';
import type { Auth } from '../context.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';

/** The login page, the user's own account (password), and the admin's user list. */

/** Where to go after logging in: a path of this site only, never another site. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !/[\r\n]/.test(next) ? next : '/reports';
}

export function loginPage(next: string | undefined): string {
  return page({ title: '登录', scripts: ['login.js'] }, html`
<div class="login-box block">
  <h1>登录</h1>
  <form id="login-form" data-next="${safeNext(next)}">
    <label>用户名 <input id="login-username" name="username" required maxlength="100" autocomplete="username" autofocus></label>
    <label>密码 <input id="login-password" name="password" type="password" required maxlength="200" autocomplete="current-password"></label>
    <button type="submit" class="btn btn-primary">登录</button>
    <p id="login-error" class="msg error" role="alert" hidden></p>
  </form>
  <p class="muted">忘记密码请联系管理员重设；管理员可在服务器上运行 <code>ogi user passwd 用户名</code>。</p>
</div>`);
}

export async function accountPage(store: Store, auth: Auth): Promise<string> {
  const u = auth.user;
  const where = u.regionId !== null ? (await listRegions(store.db)).find((r) => r.id === u.regionId)?.name : u.agencyId !== null ? (await listAgencies(store.db, { scope: auth.scope }))[0]?.name : '全部';
  return page({ title: '我的账户', section: 'account', scripts: ['account.js'], auth }, html`
<div class="page-head"><h1>我的账户</h1>
<p class="lead">${u.username} · ${ROLE_LABELS[u.role]} · 数据范围：${where ?? '—'}</p></div>
<section class="block">
  <h2>修改密码</h2>
  <form id="password-form" class="stack-form">
    <label>当前密码 <input id="pw-current" type="password" required maxlength="200" autocomplete="current-password"></label>
    <label>新密码（至少 10 个字符） <input id="pw-next" type="password" required minlength="10" maxlength="200" autocomplete="new-password"></label>
    <label>再输入一次新密码 <input id="pw-again" type="password" required minlength="10" maxlength="200" autocomplete="new-password"></label>
    <button type="submit" class="btn btn-primary">修改密码</button>
    <p id="pw-msg" class="msg" role="status" hidden></p>
  </form>
  <p class="muted">修改密码后，您在其他浏览器或设备上的登录全部失效。</p>
</section>`);
}

export async function usersPage(store: Store, auth: Auth): Promise<string> {
  const users = await listUsers(store.db);
  const regions = await listRegions(store.db);
  const agencies = await listAgencies(store.db);
  const regionName = new Map(regions.map((r) => [r.id, r.name]));
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  const scopeText = (regionId: number | null, agencyId: number | null) =>
    regionId !== null ? `区域：${regionName.get(regionId) ?? regionId}` : agencyId !== null ? `机关：${agencyName.get(agencyId) ?? agencyId}` : '全部';
  const roleOptions = (selected?: string) => ROLES.map((r) => html`<option value="${r}"${r === selected ? html` selected` : ''}>${ROLE_LABELS[r]}</option>`);
  const regionOptions = regions.map((r) => html`<option value="${r.id}">${r.name}</option>`);
  const agencyOptions = agencies.map((a) => html`<option value="${a.id}">${a.name}</option>`);
  return page({ title: '用户', section: 'users', scripts: ['users.js'], auth }, html`
<div class="page-head"><h1>用户</h1>
<p class="lead">管理员管理全部数据和用户；政务公开办管一个区域（含下级区域）的机关和报告；机关经办人只管本机关的报告；只读用户查看一个区域的报告和汇总。</p></div>
<section class="block">
  <div class="table-wrap"><table class="list users" id="user-list"><thead><tr><th>用户名</th><th>角色</th><th>数据范围</th><th>状态</th><th>建立时间</th><th></th></tr></thead><tbody>
  ${users.map((u) => html`<tr data-user="${u.id}" data-username="${u.username}"><td>${u.username}</td><td>${ROLE_LABELS[u.role]}</td><td>${scopeText(u.regionId, u.agencyId)}</td><td>${u.disabled ? '已停用' : '正常'}</td><td class="time-cell">${u.createdAt.slice(0, 10)}</td>
  <td><button type="button" class="btn btn-small" data-action="edit">修改</button> <button type="button" class="btn btn-small" data-action="reset">重设密码</button> <button type="button" class="btn btn-small" data-action="toggle" data-disabled="${u.disabled ? '1' : '0'}">${u.disabled ? '启用' : '停用'}</button> <button type="button" class="btn btn-small" data-action="remove">删除</button></td></tr>`)}
  </tbody></table></div>
  <p id="users-msg" class="msg" role="status" hidden></p>
</section>
<section class="block">
  <h2 id="user-form-title">添加用户</h2>
  <form id="user-form" class="stack-form">
    <input type="hidden" id="user-id" value="">
    <label>用户名 <input id="user-name" required maxlength="40" autocomplete="off"></label>
    <label>角色 <select id="user-role">${roleOptions('viewer')}</select></label>
    <label>区域（政务公开办、只读） <select id="user-region"><option value="">—</option>${regionOptions}</select></label>
    <label>机关（机关经办人） <select id="user-agency"><option value="">—</option>${agencyOptions}</select></label>
    <label>密码（不填则生成随机密码） <input id="user-password" type="password" minlength="10" maxlength="200" autocomplete="new-password"></label>
    <button type="submit" class="btn btn-primary">保存</button> <button type="button" class="btn btn-link" id="user-form-reset">取消修改</button>
  </form>
</section>`);
}
