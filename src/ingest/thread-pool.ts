import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { InputError } from '../errors.ts';
import { LIMITS, ReadBudget, type Limits } from './limits.ts';
import { awaitThread, startThread } from './thread.ts';

/** How long an idle thread waits for the next file before it ends (its readers stay loaded until then). */
const IDLE_MS = 30_000;

interface Thread {
  worker: Worker;
  /** Its heap cap: a file read under another cap gets another thread. */
  memoryMb: number;
  idle?: NodeJS.Timeout;
}

interface Task {
  file: string;
  limits: Limits;
  data: unknown;
  crashed: (reason: string) => InputError;
  /** The budget the file is read under when its reading began before (a PDF inside a file being read). */
  budget?: ReadBudget;
  queuedAt: number;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

/**
 * Worker threads (the module `name` beside `base`, answering with thread-task.ts) that read one file at a time
 * each, as many as the machine has cores; more files wait their turn. A thread is started when needed and kept
 * for the next files, so that its readers load once, and it ends after a while idle. A thread past its file's
 * time or memory is terminated and a new one takes the next file. Idle threads do not keep the process alive.
 */
export class ThreadPool {
  private readonly live = new Set<Thread>();
  private idle: Thread[] = [];
  private readonly queue: Task[] = [];

  constructor(private readonly base: string, private readonly name: string, private readonly size = availableParallelism()) {}

  /** Threads alive, busy or idle. */
  get threads(): number {
    return this.live.size;
  }

  /**
   * Gives `{ file, limits, data }` to a thread and waits for its reply, under the budget of `file` (which starts
   * when a thread takes it, or is `budget` when given); `crashed` words the error of a thread that died otherwise
   * than out of memory.
   */
  run<T>(file: string, overrides: Partial<Limits>, data: unknown, crashed: (reason: string) => InputError, budget?: ReadBudget): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ file, limits: { ...LIMITS, ...overrides }, data, crashed, budget, queuedAt: Date.now(), resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const task = this.queue[0]!;
      const thread = this.idle.find((t) => t.memoryMb === task.limits.readMemoryMb) ?? (this.live.size < this.size ? this.start(task.limits) : undefined);
      if (!thread) {
        // All threads taken; an idle one under another memory cap makes room (its exit pumps again).
        if (this.idle[0]) void this.idle[0].worker.terminate();
        return;
      }
      this.queue.shift();
      this.idle = this.idle.filter((t) => t !== thread);
      this.give(thread, task);
    }
  }

  private start(limits: Limits): Thread {
    const thread: Thread = { worker: startThread(this.base, this.name, limits), memoryMb: limits.readMemoryMb };
    this.live.add(thread);
    // A thread's errors while it reads are the task's (awaitThread); none may end the process while it is idle.
    thread.worker.on('error', () => {});
    thread.worker.once('exit', () => {
      clearTimeout(thread.idle);
      this.live.delete(thread);
      this.idle = this.idle.filter((t) => t !== thread);
      this.pump();
    });
    return thread;
  }

  private give(thread: Thread, task: Task): void {
    clearTimeout(thread.idle);
    thread.worker.ref();
    // A budget that began before is not spent while the file waits for a thread.
    task.budget?.extend(Date.now() - task.queuedAt);
    const budget = task.budget ?? new ReadBudget(task.file, task.limits);
    thread.worker.postMessage({ file: task.file, limits: task.limits, data: task.data });
    awaitThread(thread.worker, budget, task.crashed, () => this.live.delete(thread))
      .then(task.resolve, task.reject)
      .finally(() => {
        if (this.live.has(thread)) {
          thread.worker.unref();
          thread.idle = setTimeout(() => void thread.worker.terminate(), IDLE_MS).unref();
          this.idle.push(thread);
        }
        this.pump();
      });
  }
}
