import type { Application } from '../../src/schema/ledger.ts';
import { application, ledgerOf, ledgerRuleCases } from '../helpers/ledger-rule-tester.ts';

const loc = (record: string) => ({ register: 'applications' as const, record });
const sameApplicant = { category: 'naturalPerson' as const, name: '王五', idNumber: '110101198001010011' };
/** Eleven applications of one applicant in March 2023; the 11th is charged 100 元 per application. */
const eleven = (fee: number): Application[] =>
  Array.from({ length: 11 }, (_, i) =>
    application(String(i + 1), {
      receivedOn: `2023-03-${String(i + 1).padStart(2, '0')}`,
      decidedOn: '2023-03-28',
      applicant: sameApplicant,
      ...(i === 10 ? { fee: { method: 'perApplication' as const, amount: fee, noticeOn: '2023-03-20', paidOn: '2023-03-22' } } : {}),
    }));

ledgerRuleCases('LED-07', {
  valid: [
    { name: 'the 11th application of the month at 100 元', year: 2023, ledger: ledgerOf({ applications: eleven(100) }) },
    {
      name: '250 pages: 70 × 10 + 100 × 20 + 50 × 40 = 4700 元',
      year: 2023,
      ledger: ledgerOf({ applications: [application('1', { fee: { method: 'perVolume', pages: 250, amount: 4700, noticeOn: '2023-03-05', paidOn: '2023-03-08' } })] }),
    },
  ],
  invalid: [
    {
      name: 'the 11th application of the month charged 200 元',
      year: 2023,
      ledger: ledgerOf({ applications: eleven(200) }),
      findings: [{ messageId: 'amount', severity: 'error', message: '依申请公开台账第 11 号按件计收应收 100 元，台账记为 200 元', location: loc('11'), actual: 200, expected: 100 }],
    },
    {
      name: 'a fee in 2020, before the 办法',
      year: 2020,
      ledger: ledgerOf({ applications: [application('5', { receivedOn: '2020-05-06', decidedOn: '2020-05-20', fee: { method: 'perVolume', pages: 40, amount: 100, noticeOn: '2020-05-08' } })] }),
      findings: [{
        messageId: 'beforeFee', severity: 'error', message: '依申请公开台账第 5 号的收费通知发于 2020-05-08，《政府信息公开信息处理费管理办法》2021 年 1 月 1 日起才施行',
        location: loc('5'), actual: 100, expected: 0,
      }],
    },
    {
      name: '按量 without pages, 按件 without a known applicant',
      year: 2023,
      ledger: ledgerOf({
        applications: [
          application('6', { fee: { method: 'perVolume', amount: 100, noticeOn: '2023-03-05' } }),
          application('8', { applicant: { category: 'business' }, fee: { method: 'perApplication', amount: 100, noticeOn: '2023-03-05' } }),
        ],
      }),
      findings: [
        { messageId: 'unknown', severity: 'error', message: '依申请公开台账第 6 号按量计收无法核对金额：没有记录页数', location: loc('6') },
        { messageId: 'unknown', severity: 'error', message: '依申请公开台账第 8 号按件计收无法核对金额：没有记录申请人的身份证件号码或姓名，无法累计同一申请人当月的件数', location: loc('8') },
      ],
    },
  ],
});
