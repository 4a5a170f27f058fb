import { application, ledgerOf, ledgerRuleCases } from '../helpers/ledger-rule-tester.ts';

// Received 2023-03-01 (Wednesday): the 7th working day after it is 2023-03-10.
ledgerRuleCases('LED-05', {
  valid: [
    { name: 'notice sent on the 7th working day', year: 2023, ledger: ledgerOf({ applications: [application('1', { correction: { sentOn: '2023-03-10', receivedOn: '2023-03-15' } })] }) },
    { name: 'no 补正', year: 2023, ledger: ledgerOf({ applications: [application('1')] }) },
  ],
  invalid: [
    {
      name: 'notice sent on the 8th working day',
      year: 2023,
      ledger: ledgerOf({ applications: [application('1', { correction: { sentOn: '2023-03-13', receivedOn: '2023-03-15' } })] }),
      findings: [{
        messageId: 'late', severity: 'warning', message: '依申请公开台账第 1 号收到申请之日为 2023-03-01，补正通知最迟应于 2023-03-10 发出，实际于 2023-03-13 发出',
        location: { register: 'applications', record: '1' }, actual: '2023-03-13', expected: '2023-03-10',
      }],
    },
  ],
});
