import { application, ledgerOf, ledgerRuleCases } from '../helpers/ledger-rule-tester.ts';

const loc = (record: string) => ({ register: 'applications' as const, record });
const asked = { sentOn: '2023-03-03', dueOn: '2023-03-20' };

ledgerRuleCases('LED-09', {
  valid: [
    { name: 'no supplement, counted in （六）1', year: 2023, ledger: ledgerOf({ applications: [application('1', { correction: asked, result: 'other.noCorrection', decidedOn: '2023-03-27' })] }) },
    { name: 'late for a justified reason', year: 2023, ledger: ledgerOf({ applications: [application('1', { correction: { ...asked, justified: true }, decidedOn: '2023-03-27' })] }) },
    {
      name: '2020: counted in 其他处理',
      year: 2020,
      ledger: ledgerOf({ applications: [application('1', { receivedOn: '2020-03-02', correction: { sentOn: '2020-03-04', dueOn: '2020-03-20' }, result: 'other', decidedOn: '2020-03-27' })] }),
    },
  ],
  invalid: [
    {
      name: 'no supplement by the deadline, yet granted',
      year: 2023,
      ledger: ledgerOf({ applications: [application('1', { correction: asked, decidedOn: '2023-03-27' })] }),
      findings: [{
        messageId: 'shouldBeNoCorrection', severity: 'warning',
        message: '依申请公开台账第 1 号的补正期限 2023-03-20 已过，未收到补正，办理结果应为“1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请”',
        location: loc('1'), actual: 'granted', expected: 'other.noCorrection',
      }],
    },
    {
      name: 'supplemented, yet counted in （六）1',
      year: 2023,
      ledger: ledgerOf({ applications: [application('2', { correction: { ...asked, receivedOn: '2023-03-15' }, result: 'other.noCorrection', decidedOn: '2023-03-27' })] }),
      findings: [{
        messageId: 'notNoCorrection', severity: 'warning',
        message: '依申请公开台账第 2 号计入“1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请”，但已于 2023-03-15 收到补正',
        location: loc('2'),
      }],
    },
  ],
});
