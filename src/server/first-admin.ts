import type { Store } from '../store/db.ts';
import { StoreError } from '../store/errors.ts';
import { countUsers, createUser } from '../store/users.ts';
import { hashPassword, randomPassword } from './auth/passwords.ts';

/**
 * On first start (no account yet) an `admin` account with a random password, printed once to
 * the operator's console and nowhere else. Returns the password, or null when accounts exist.
 */
export async function ensureFirstAdmin(store: Store, log: (line: string) => void): Promise<string | null> {
  if ((await countUsers(store.db)) > 0) return null;
  const password = randomPassword();
  try {
    await createUser(store.db, { username: 'admin', role: 'admin', passwordHash: await hashPassword(password) });
  } catch (err) {
    if (err instanceof StoreError && err.code === 'conflict') return null; // another server made it first
    throw err;
  }
  log(`首次启动：已建立管理员账户 admin，密码：${password}`);
  log('（密码只显示这一次。登录后请在“我的账户”页修改密码，或在服务器上运行 ogi user passwd admin。）');
  return password;
}
