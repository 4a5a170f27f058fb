import { application, ledgerOf, ledgerRuleCases } from '../helpers/ledger-rule-tester.ts';

const loc = (record: string) => ({ register: 'applications' as const, record });
// A fee notice of Sunday 2023-03-05: payment due by the 20th working day after it, 2023-03-31.
const unpaid = { method: 'perVolume' as const, pages: 40, amount: 100, noticeOn: '2023-03-05' };

ledgerRuleCases('LED-08', {
  valid: [
    { name: 'unpaid and counted in （六）2', year: 2023, ledger: ledgerOf({ applications: [application('1', { fee: unpaid, result: 'other.unpaidFee', decidedOn: '2023-04-03' })] }) },
    { name: 'paid and granted', year: 2023, ledger: ledgerOf({ applications: [application('1', { fee: { ...unpaid, paidOn: '2023-03-20' }, decidedOn: '2023-03-24' })] }) },
    { name: 'answered before the payment period ended', year: 2023, ledger: ledgerOf({ applications: [application('1', { fee: unpaid, decidedOn: '2023-03-24' })] }) },
  ],
  invalid: [
    {
      name: 'unpaid after the period, yet granted',
      year: 2023,
      ledger: ledgerOf({ applications: [application('1', { fee: unpaid, decidedOn: '2023-04-10' })] }),
      findings: [{
        messageId: 'shouldBeUnpaid', severity: 'warning',
        message: '依申请公开台账第 1 号的收费通知发于 2023-03-05，缴费期限 2023-03-31 已过仍未缴费，办理结果应为“2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”',
        location: loc('1'), actual: 'granted', expected: 'other.unpaidFee',
      }],
    },
    {
      name: 'paid, yet counted in （六）2',
      year: 2023,
      ledger: ledgerOf({ applications: [application('2', { fee: { ...unpaid, paidOn: '2023-03-20' }, result: 'other.unpaidFee', decidedOn: '2023-04-03' })] }),
      findings: [{
        messageId: 'notUnpaid', severity: 'warning',
        message: '依申请公开台账第 2 号计入“2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”，但已于 2023-03-20 缴费',
        location: loc('2'),
      }],
    },
  ],
});
