import { hashPassword, passwordProblem, randomPassword } from '../server/auth/passwords.ts';
import { openCliStore, type StoreChoice } from '../server/cli.ts';
import type { Store } from '../store/db.ts';
import { StoreError } from '../store/errors.ts';
import { userInfo } from 'node:os';
import type { AuditActor } from '../store/audit.ts';
import { createUser, deleteUser, findUserByName, listUsers, ROLE_LABELS, updateUser } from '../store/users.ts';

/** ogi user add | list | passwd | remove: accounts on the local database, no login needed. */

/** The command line in the audit log: no account, the operating-system user's name. */
function cliActor(): AuditActor {
  let name = '';
  try {
    name = userInfo().username;
  } catch {
    /* no passwd entry */
  }
  return { userId: null, username: `命令行${name ? `（${name}）` : ''}`, address: null };
}

async function withStore(opts: StoreChoice, fn: (store: Store) => Promise<number>): Promise<number> {
  const store = await openCliStore(opts);
  if (!store) return 2;
  try {
    return await fn(store);
  } catch (err) {
    if (err instanceof StoreError) {
      process.stderr.write(`错误：${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    await store.close();
  }
}

async function readStdinPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** The password from stdin, or a random one (printed once); null after saying why it is refused. */
async function choosePassword(fromStdin: boolean | undefined): Promise<{ password: string; generated: boolean } | null> {
  if (!fromStdin) return { password: randomPassword(), generated: true };
  const password = await readStdinPassword();
  const problem = passwordProblem(password);
  if (problem) {
    process.stderr.write(`错误：${problem}\n`);
    return null;
  }
  return { password, generated: false };
}

const optionalId = (v: string | undefined, name: string): number | null | undefined => {
  if (v === undefined) return null;
  if (!/^\d{1,9}$/.test(v) || Number(v) < 1) throw new StoreError('invalid', `${name} 应为正整数编号，收到“${v}”`);
  return Number(v);
};

export async function runUserAdd(name: string, opts: StoreChoice & { role: string; region?: string; agency?: string; passwordStdin?: boolean }): Promise<number> {
  return withStore(opts, async (store) => {
    const chosen = await choosePassword(opts.passwordStdin);
    if (!chosen) return 2;
    const user = await createUser(store.db, {
      username: name, role: opts.role, regionId: optionalId(opts.region, '--region'), agencyId: optionalId(opts.agency, '--agency'),
      passwordHash: await hashPassword(chosen.password),
    }, cliActor());
    process.stdout.write(`已添加用户 ${user.username}（${ROLE_LABELS[user.role]}）。\n`);
    if (chosen.generated) process.stdout.write(`初始密码：${chosen.password}\n（只显示这一次；登录后请在“我的账户”页修改。）\n`);
    return 0;
  });
}

export async function runUserList(opts: StoreChoice): Promise<number> {
  return withStore(opts, async (store) => {
    const users = await listUsers(store.db);
    if (!users.length) process.stdout.write('还没有用户（ogi start 首次启动时建立管理员 admin）。\n');
    for (const u of users) {
      const scope = u.regionId !== null ? `区域 ${u.regionId}` : u.agencyId !== null ? `机关 ${u.agencyId}` : '全部';
      process.stdout.write(`${u.id}\t${u.username}\t${ROLE_LABELS[u.role]}（${u.role}）\t${scope}${u.disabled ? '\t已停用' : ''}\n`);
    }
    return 0;
  });
}

export async function runUserPasswd(name: string, opts: StoreChoice & { passwordStdin?: boolean }): Promise<number> {
  return withStore(opts, async (store) => {
    const user = await findUserByName(store.db, name);
    if (!user) throw new StoreError('not-found', `用户“${name}”不存在`);
    const chosen = await choosePassword(opts.passwordStdin);
    if (!chosen) return 2;
    await updateUser(store.db, user.id, { passwordHash: await hashPassword(chosen.password) }, cliActor());
    process.stdout.write(`已修改 ${user.username} 的密码，其登录已全部失效。\n`);
    if (chosen.generated) process.stdout.write(`新密码：${chosen.password}\n（只显示这一次。）\n`);
    return 0;
  });
}

export async function runUserRemove(name: string, opts: StoreChoice): Promise<number> {
  return withStore(opts, async (store) => {
    const user = await findUserByName(store.db, name);
    if (!user) throw new StoreError('not-found', `用户“${name}”不存在`);
    await deleteUser(store.db, user.id, cliActor());
    process.stdout.write(`已删除用户 ${user.username}。\n`);
    return 0;
  });
}
