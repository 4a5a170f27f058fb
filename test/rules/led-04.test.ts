import { application, ledgerOf, ledgerRuleCases } from '../helpers/ledger-rule-tester.ts';

const loc = (record: string) => ({ register: 'applications' as const, record });

// Received 2023-03-01: due 2023-03-29; with an approved extension 2023-04-26 (清明 5 April off, 23 April worked).
ledgerRuleCases('LED-04', {
  valid: [
    { name: 'answered on the due day', year: 2023, ledger: ledgerOf({ applications: [application('1', { decidedOn: '2023-03-29' })] }) },
    {
      name: 'an approved extension, answered on its last day',
      year: 2023,
      ledger: ledgerOf({ applications: [application('1', { decidedOn: '2023-04-26', extension: { approvedBy: '李四', approvedOn: '2023-03-20' } })] }),
    },
    {
      name: '15 working days of third-party consultation are not counted',
      year: 2023,
      ledger: ledgerOf({ applications: [application('1', { decidedOn: '2023-04-20', consultations: [{ kind: 'thirdParty', sentOn: '2023-03-10', days: 15 }] })] }),
    },
    { name: 'pending on 31 December, due in January', year: 2023, ledger: ledgerOf({ applications: [application('1', { receivedOn: '2023-12-20', result: null, decidedOn: null })] }) },
  ],
  invalid: [
    {
      name: 'an extension without an approver, answered on 10 April',
      year: 2023,
      ledger: ledgerOf({ applications: [application('1', { decidedOn: '2023-04-10', extension: { approvedBy: null } })] }),
      findings: [
        {
          messageId: 'extensionUnapproved', severity: 'error',
          message: '依申请公开台账第 1 号记录了延长答复期限，但没有批准人（条例第三十三条第二款：经政府信息公开工作机构负责人同意），期限按 20 个工作日计算',
          location: loc('1'),
        },
        { messageId: 'overdue', severity: 'error', message: '依申请公开台账第 1 号答复期限为 2023-03-29，于 2023-04-10 答复，已逾期', location: loc('1'), actual: '2023-04-10', expected: '2023-03-29' },
      ],
    },
    {
      name: 'received on 1 November, unanswered on 31 December',
      year: 2023,
      ledger: ledgerOf({ applications: [application('2', { receivedOn: '2023-11-01', result: null, decidedOn: null })] }),
      findings: [{ messageId: 'overduePending', severity: 'error', message: '依申请公开台账第 2 号答复期限为 2023-11-29，到 2023-12-31 仍未答复，已逾期', location: loc('2'), expected: '2023-11-29' }],
    },
  ],
});
