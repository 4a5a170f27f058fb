import { applicationDue } from '../../src/check/ledger/due.ts';
import { perApplicationFee, perVolumeFee } from '../../src/check/ledger/fees.ts';
import { cellList } from '../../src/schema/cells.ts';
import { addWorkingDays, isWorkingDay } from '../../src/schema/calendar/working-days.ts';
import { addDays } from '../../src/schema/calendar/iso-date.ts';
import { APPLICANT_COLUMNS, CASE_KINDS, CASE_RESULTS, RECEIPT_CHANNELS, type Application, type Ledger } from '../../src/schema/ledger.ts';
import { requestRows, type RequestRowKey } from '../../src/schema/requests.ts';
import { rng } from './random-report.ts';

/** Results a clerk picks; （六）1 and （六）2 follow from the 补正 and the fee. */
const PICKED = requestRows('2021').filter((r) => r.result && r.key !== 'other.noCorrection' && r.key !== 'other.unpaidFee').map((r) => r.key);

/**
 * A year of ledger data for one agency that keeps every procedural rule: applications received from
 * 1 October of the year before to 31 December (so some are carried over, and some forward), with
 * 补正 (some never supplied), consultations, approved extensions, fees 按量 and 按件 (some unpaid),
 * split answers, review and litigation cases, documents and the year's figures of table 二.
 */
export function generateLedger(seed: number, year: number, applications: number): Ledger {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const first = `${year - 1}-10-01`;
  const span = 456;
  const apps: Application[] = [];
  const heavy = { category: 'naturalPerson' as const, name: '频繁申请人', idNumber: `HEAVY-${seed}` };
  for (let i = 0; i < applications; i++) {
    const isHeavy = i < 14;
    let receivedOn = isHeavy ? addWorkingDays(`${year}-05-05`, i) : addDays(first, Math.floor(r() * span));
    while (!isWorkingDay(receivedOn)) receivedOn = addDays(receivedOn, 1);
    const channel = pick(RECEIPT_CHANNELS).key;
    const category = pick(APPLICANT_COLUMNS).key;
    const app: Application = {
      number: `${year}-${String(i + 1).padStart(5, '0')}`,
      channel,
      submittedOn: channel === 'inPerson' ? receivedOn : addDays(receivedOn, -between(0, 3)),
      receivedOn,
      applicant: isHeavy ? heavy : { category, name: `申请人${between(1, 300)}`, contact: '13800000000', idNumber: null },
      request: '请求公开某项目的审批文件',
    };
    let start = receivedOn;
    let result: RequestRowKey | null = null;
    let decidedOn: string | null = null;
    const roll = r();
    if (!isHeavy && roll < 0.08) {
      const sentOn = addWorkingDays(receivedOn, between(1, 7));
      const dueOn = addWorkingDays(sentOn, 15);
      if (r() < 0.7) {
        app.correction = { sentOn, dueOn, receivedOn: addWorkingDays(sentOn, between(1, 15)) };
        start = app.correction.receivedOn!;
      } else {
        app.correction = { sentOn, dueOn };
        result = 'other.noCorrection';
        decidedOn = addWorkingDays(dueOn, 1);
      }
    }
    if (!result && r() < 0.05) app.consultations = [{ kind: pick(['thirdParty', 'otherOrgan'] as const), sentOn: addWorkingDays(start, 2), days: between(1, 15) }];
    if (!result && (r() < 0.1 || (!isHeavy && roll > 0.95))) app.extension = { approvedBy: '政务公开办主任', approvedOn: addWorkingDays(start, 10) };
    if (!result && isHeavy && i >= 10) {
      // The 11th to 14th application of one applicant in one month: charged per application (办法 art. 4).
      const noticeOn = addWorkingDays(start, between(1, 3));
      const paidOn = addWorkingDays(noticeOn, between(1, 5));
      app.fee = { method: 'perApplication', amount: perApplicationFee(i + 1), noticeOn, paidOn };
      decidedOn = addWorkingDays(paidOn, between(1, 5));
    } else if (!isHeavy && !result && roll > 0.9) {
      const pages = between(31, 300);
      const noticeOn = addWorkingDays(start, between(1, 3));
      if (roll > 0.95) {
        // Unpaid: the 20 working days after the notice lapse (an approved extension keeps the reply in time).
        app.fee = { method: 'perVolume', pages, amount: perVolumeFee(pages), noticeOn };
        result = 'other.unpaidFee';
        decidedOn = addWorkingDays(noticeOn, 21);
      } else {
        const paidOn = addWorkingDays(noticeOn, between(1, 5));
        app.fee = { method: 'perVolume', pages, amount: perVolumeFee(pages), noticeOn, paidOn };
        decidedOn = addWorkingDays(paidOn, between(1, 5));
      }
    }
    if (!decidedOn) {
      const due = applicationDue(app);
      const allowed = due.kind === 'due' ? due.dueOn : addWorkingDays(start, 20);
      decidedOn = addWorkingDays(start, between(1, 20));
      if (decidedOn > allowed) decidedOn = allowed;
    }
    result ??= pick(PICKED);
    if (result === 'partlyGranted' && r() < 0.5) app.parts = ['granted', 'denied.thirdParty'];
    if (decidedOn <= `${year}-12-31`) {
      app.result = result;
      app.decidedOn = decidedOn;
    }
    apps.push(app);
  }
  const cases = Array.from({ length: 12 }, (_, i) => {
    const filedOn = addDays(`${year - 1}-06-01`, between(0, 560));
    const decidedOn = addDays(filedOn, between(20, 200));
    const decided = decidedOn <= `${year}-12-31`;
    return { number: `F${i + 1}`, kind: pick(CASE_KINDS), filedOn, result: decided ? pick(CASE_RESULTS) : null, decidedOn: decided ? decidedOn : null };
  });
  const documents = Array.from({ length: 30 }, (_, i) => {
    const issuedOn = addDays('2016-01-01', between(0, 365 * (year - 2016) + 364));
    const repealed = r() < 0.2 ? addDays(issuedOn, between(100, 1500)) : null;
    return { number: `D${i + 1}`, kind: pick(['rules', 'normativeDocs'] as const), title: `文件${i + 1}`, issuedOn, publishedOn: addDays(issuedOn, between(0, 20)), repealedOn: repealed };
  });
  const template = year <= 2020 ? '2019' : '2021';
  const figures = cellList(template)
    .filter((c) => c.table === 'active' && c.item !== 'art20_1')
    .map((c) => ({ year, item: c.item!, row: c.row, column: c.column, value: c.kind === 'money' ? between(0, 5000) / 100 : between(0, 500) }));
  return { applications: apps, cases, documents, figures };
}
