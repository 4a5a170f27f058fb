import { application, ledgerOf, ledgerRuleCases } from '../helpers/ledger-rule-tester.ts';

const loc = (record: string) => ({ register: 'applications' as const, record });

ledgerRuleCases('LED-01', {
  valid: [
    { name: 'one decided and one pending application', year: 2023, ledger: ledgerOf({ applications: [application('1'), application('2', { result: null, decidedOn: null })] }) },
    { name: 'a 2019-format result answered in 2020', year: 2020, ledger: ledgerOf({ applications: [application('1', { receivedOn: '2020-05-06', decidedOn: '2020-05-20', result: 'other' })] }) },
    { name: 'an application decided before the year is not looked at', year: 2023, ledger: ledgerOf({ applications: [application('1', { receivedOn: '2022-05-06', decidedOn: '2022-05-01' })] }) },
  ],
  invalid: [
    {
      name: 'a result without a reply date, and a reply date without a result',
      year: 2023,
      ledger: ledgerOf({ applications: [application('1', { decidedOn: null }), application('2', { result: null })] }),
      findings: [
        { messageId: 'resultWithoutDate', severity: 'error', message: '依申请公开台账第 1 号记录了办理结果，但没有答复日期', location: loc('1') },
        { messageId: 'dateWithoutResult', severity: 'error', message: '依申请公开台账第 2 号记录了答复日期 2023-03-10，但没有办理结果', location: loc('2') },
      ],
    },
    {
      name: 'the 2019 row 其他处理 answered in 2023',
      year: 2023,
      ledger: ledgerOf({ applications: [application('7', { result: 'other' })] }),
      findings: [
        { messageId: 'resultNotInTemplate', severity: 'error', message: '依申请公开台账第 7 号于 2023-03-10 答复，办理结果“（六）其他处理”不是 2021 格式表三中的行', location: loc('7'), actual: 'other' },
      ],
    },
    {
      name: 'answered before it was received, and one number twice',
      year: 2023,
      ledger: ledgerOf({ applications: [application('3', { decidedOn: '2023-02-27' }), application('3', { receivedOn: '2023-04-03', decidedOn: '2023-04-10' })] }),
      findings: [
        { messageId: 'duplicateNumber', severity: 'error', message: '依申请公开台账第 3 号：登记号在台账中出现了 2 次', location: loc('3') },
        { messageId: 'decidedBeforeReceived', severity: 'error', message: '依申请公开台账第 3 号的答复日期 2023-02-27 早于收到申请之日 2023-03-01', location: loc('3') },
      ],
    },
  ],
});
