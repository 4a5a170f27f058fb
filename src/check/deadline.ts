import { InputError } from '../errors.ts';
import { addDays, requireIsoDate } from '../schema/calendar/iso-date.ts';
import { addWorkingDays, calendarBetween } from '../schema/calendar/working-days.ts';

// The reply deadline of a disclosure application under 《政府信息公开条例》 arts 30, 32–34.

export const REPLY_WORKING_DAYS = 20;
export const EXTENSION_WORKING_DAYS = 20;

export interface DeadlineInput {
  /** 收到申请之日 (art. 31), ISO. */
  received: string;
  /** An extension approved by the head of the disclosure office (art. 33). */
  extended?: boolean;
  /** The day the corrected (补正) application was received (art. 30), ISO. */
  correctionReceived?: string;
  /** Working days of third-party or other-organ consultation, not counted (arts 32–34). */
  suspendedDays?: number;
}

export interface Deadline {
  dueDate: string;
  received: string;
  /** The first calendar day of the count: the day after receipt, or after the 补正 was received. */
  countFrom: string;
  /** Working days counted from `countFrom` to `dueDate`: 20 or 40, plus the suspended days. */
  workingDays: number;
  extended: boolean;
  suspendedDays: number;
  /** The rule applied, step by step, in Chinese. */
  steps: string[];
  /** The provisions and notices relied on. */
  basis: string[];
}

const cn = (iso: string) => {
  const [, m, d] = iso.split('-').map(Number);
  return `${m}月${d}日`;
};

/** 10月1日至7日, 1月28日至2月4日, 2022年12月31日至2023年1月2日. */
function cnRange(from: string, to: string): string {
  if (from === to) return cn(from);
  if (from.slice(0, 4) !== to.slice(0, 4)) return `${from.slice(0, 4)}年${cn(from)}至${to.slice(0, 4)}年${cn(to)}`;
  if (from.slice(5, 7) === to.slice(5, 7)) return `${cn(from)}至${Number(to.slice(8))}日`;
  return `${cn(from)}至${cn(to)}`;
}

function validate(input: DeadlineInput): number {
  const received = requireIsoDate(input.received, '收到申请之日');
  if (input.correctionReceived !== undefined) {
    const corrected = requireIsoDate(input.correctionReceived, '收到补正申请之日');
    if (corrected < received) {
      throw new InputError('usage', `收到补正申请之日（${input.correctionReceived}）不能早于收到申请之日（${input.received}）`);
    }
  }
  const suspended = input.suspendedDays ?? 0;
  if (!Number.isInteger(suspended) || suspended < 0) {
    throw new InputError('usage', `不计入期限的工作日数应为非负整数，收到“${input.suspendedDays}”`);
  }
  return suspended;
}

export function dueDate(input: DeadlineInput): Deadline {
  const suspendedDays = validate(input);
  const extended = input.extended === true;
  const start = input.correctionReceived ?? input.received;
  const statutory = REPLY_WORKING_DAYS + (extended ? EXTENSION_WORKING_DAYS : 0);
  const workingDays = statutory + suspendedDays;
  const due = addWorkingDays(start, workingDays);
  const countFrom = addDays(start, 1);
  const steps: string[] = [];
  const basis = ['《中华人民共和国政府信息公开条例》第三十三条'];

  if (input.correctionReceived !== undefined) {
    steps.push(`收到申请之日为 ${input.received}；申请经补正，答复期限自收到补正申请之日 ${input.correctionReceived} 起重新计算（条例第三十条）`);
    basis.unshift('《中华人民共和国政府信息公开条例》第三十条');
  }
  steps.push(`${input.correctionReceived !== undefined ? '收到补正申请之日' : '收到申请之日'} ${start} 不计入，自次日 ${countFrom} 起计算（《中华人民共和国民法典》第二百零一条）`);
  steps.push(extended
    ? `答复期限 ${REPLY_WORKING_DAYS} 个工作日，经批准延长 ${EXTENSION_WORKING_DAYS} 个工作日，共 ${statutory} 个工作日（条例第三十三条第二款：延长的期限最长不得超过 20 个工作日）`
    : `答复期限 ${REPLY_WORKING_DAYS} 个工作日（条例第三十三条第二款）`);
  if (suspendedDays > 0) {
    steps.push(`征求第三方或其他机关意见所需的 ${suspendedDays} 个工作日不计算在期限内，期限顺延 ${suspendedDays} 个工作日（条例第三十二条、第三十三条第三款、第三十四条）`);
    basis.push('《中华人民共和国政府信息公开条例》第三十二条、第三十四条');
  }
  basis.push('《中华人民共和国民法典》第二百零一条');

  const calendar = calendarBetween(countFrom, due);
  const skipped = calendar.periods.map((p) => `${p.period.holiday} ${cnRange(p.period.from, p.period.to)}`);
  const made = calendar.makeUpDays.map(cn);
  const notes = [
    skipped.length ? `跳过${skipped.join('、')}` : '其间没有法定节假日',
    made.length ? `${made.join('、')}调休上班，计入工作日` : '',
  ].filter(Boolean).join('；');
  steps.push(`自 ${countFrom} 起第 ${workingDays} 个工作日为 ${due}（${notes}）`);
  basis.push(...calendar.citations);
  return { dueDate: due, received: input.received, countFrom, workingDays, extended, suspendedDays, steps, basis };
}
