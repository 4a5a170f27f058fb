import { CalendarGapError } from '../../src/schema/calendar/working-days.ts';
import { application, ledgerOf, ledgerRuleCases } from '../helpers/ledger-rule-tester.ts';

const loc = (record: string) => ({ register: 'applications' as const, record });

ledgerRuleCases('LED-03', {
  valid: [
    { name: 'handed in and received on one day', year: 2023, ledger: ledgerOf({ applications: [application('1', { channel: 'inPerson', submittedOn: '2023-03-01' })] }) },
    { name: 'posted on 27 February, signed for on 1 March', year: 2023, ledger: ledgerOf({ applications: [application('1', { channel: 'post', submittedOn: '2023-02-27' })] }) },
    { name: 'no submission date recorded', year: 2023, ledger: ledgerOf({ applications: [application('1', { channel: 'fax' })] }) },
  ],
  invalid: [
    {
      name: 'handed in on 28 February but recorded as received on 1 March',
      year: 2023,
      ledger: ledgerOf({ applications: [application('1', { channel: 'inPerson', submittedOn: '2023-02-28' })] }),
      findings: [{
        messageId: 'inPersonDate', severity: 'error',
        message: '依申请公开台账第 1 号当面提交于 2023-02-28，收到申请之日却记为 2023-03-01（申请人当面提交的，以提交之日为收到申请之日（条例第三十一条第一项））',
        location: loc('1'), actual: '2023-03-01', expected: '2023-02-28',
      }],
    },
    {
      name: 'sent online on 2 March, confirmed as received on 1 March',
      year: 2023,
      ledger: ledgerOf({ applications: [application('2', { submittedOn: '2023-03-02' })] }),
      findings: [{
        messageId: 'beforeSubmitted', severity: 'error',
        message: '依申请公开台账第 2 号经网络提交于 2023-03-02，收到申请之日 2023-03-01 不能更早（通过互联网渠道提交的，以双方确认之日为收到申请之日（条例第三十一条第三项））',
        location: loc('2'),
      }],
    },
    {
      name: 'received in 2018, outside the working-day calendar, still pending in 2019',
      year: 2019,
      ledger: ledgerOf({ applications: [application('3', { receivedOn: '2018-12-28', result: null, decidedOn: null })] }),
      findings: [{ messageId: 'noCalendar', severity: 'error', message: `依申请公开台账第 3 号无法计算答复期限：${new CalendarGapError(2018).message}`, location: loc('3') }],
    },
  ],
});
