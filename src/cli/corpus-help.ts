/** Help texts of the options every corpus command takes (kept apart so that `ogi --help` loads nothing else). */
export const JOBS_HELP = '工作线程数（默认每个 CPU 核一个，文件较少时只用主线程：每个线程先要约 1 秒预热；1 表示在主线程中逐个处理）';
export const MANIFEST_HELP = '清单文件：每个输入一行 JSON（path、id、status 完整读取/部分读取/无法读取、reason、cellsRead、cellsExpected、findings）';
