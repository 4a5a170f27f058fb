import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InputError } from '../errors.ts';

/** Why the file system refused to read (or write) a path, in Chinese: "没有读取权限", "目录不存在"… */
export function fileSystemReason(err: unknown, access: 'read' | 'write' = 'read'): string {
  const code = (err as NodeJS.ErrnoException).code;
  const verb = access === 'read' ? '读取' : '写入';
  switch (code) {
    case 'ENOENT':
      // Opening a file for writing creates it: only its folder can be missing.
      return access === 'read' ? '不存在' : '目录不存在';
    case 'EACCES':
    case 'EPERM':
      return `没有${verb}权限`;
    case 'ELOOP':
      return '符号链接循环（链接指向自身或互相指向），无法打开';
    case 'ENAMETOOLONG':
      return '路径过长';
    case 'EMFILE':
    case 'ENFILE':
      return '同时打开的文件过多';
    case 'EIO':
      return '磁盘读写错误';
    case 'ENOTDIR':
      return '路径中的某一级不是目录';
    case 'EISDIR':
      return '是一个目录，不是文件';
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'EDQUOT':
      return '超出磁盘配额';
    case 'EFBIG':
      return '文件超过系统允许的大小';
    case 'EROFS':
      return '文件系统只读';
    default:
      return `无法${verb}（${code ?? (err as Error).message}）`;
  }
}

/** What a folder holds, read recursively: report files, other files, and what could not be opened. */
export interface DirectoryScan {
  /** Files with one of the wanted extensions, sorted by path. */
  files: string[];
  /** Files of any other extension (not read), sorted by path. */
  skipped: string[];
  /** Subfolders and links that could not be opened; the rest of the folder is still read. */
  problems: InputError[];
}

/**
 * Walks a folder: links to files are taken like files and links to folders are followed, each
 * folder once (a link back to a folder already walked is not followed again, so loops end).
 * A subfolder that cannot be opened (no permission, a broken link) is a problem of that subfolder.
 */
export async function scanDirectory(root: string, wanted: readonly string[]): Promise<DirectoryScan> {
  const scan: DirectoryScan = { files: [], skipped: [], problems: [] };
  const walked = new Set<string>();
  const visit = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      const real = await realpath(dir);
      if (walked.has(real)) return;
      walked.add(real);
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      scan.problems.push(new InputError('unreadable', `${dir}：目录${fileSystemReason(err)}`, dir));
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      let isFile = entry.isFile();
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isFile = target.isFile();
          isDirectory = target.isDirectory();
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          const why = code === 'ENOENT' ? '符号链接指向的文件或目录不存在' : code === 'ELOOP' ? fileSystemReason(err) : `符号链接无法打开（${fileSystemReason(err)}）`;
          scan.problems.push(new InputError('unreadable', `${path}：${why}`, path));
          continue;
        }
      }
      if (isDirectory) await visit(path);
      else if (isFile) (wanted.includes(extname(entry.name).toLowerCase()) ? scan.files : scan.skipped).push(path);
    }
  };
  await visit(root);
  scan.files.sort();
  scan.skipped.sort();
  return scan;
}
