import { InputError } from '../errors.ts';
import { dueDate } from '../check/deadline.ts';
import { toJson } from '../render/json.ts';

export interface DeadlineOptions {
  extended?: boolean;
  correctionReceived?: string;
  suspendedDays?: string;
  json?: boolean;
}

/** `ogi deadline`: the due date on the first line, then the rule applied; exit 2 on bad input or an uncovered year. */
export function runDeadline(received: string, opts: DeadlineOptions): number {
  try {
    const raw = opts.suspendedDays;
    if (raw !== undefined && !/^\d+$/.test(raw.trim())) {
      throw new InputError('usage', `--suspended-days 应为非负整数（不计入期限的工作日数），收到“${raw}”`);
    }
    const result = dueDate({
      received,
      extended: opts.extended === true,
      ...(opts.correctionReceived !== undefined ? { correctionReceived: opts.correctionReceived } : {}),
      ...(raw !== undefined ? { suspendedDays: Number(raw.trim()) } : {}),
    });
    if (opts.json) {
      process.stdout.write(`${toJson(result)}\n`);
    } else {
      process.stdout.write(`${[result.dueDate, ...result.steps, `依据：${result.basis.join('；')}`].join('\n')}\n`);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    process.stderr.write(`错误：${err.message}\n`);
    return 2;
  }
}
