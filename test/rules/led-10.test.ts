import { application, ledgerOf, ledgerRuleCases } from '../helpers/ledger-rule-tester.ts';

ledgerRuleCases('LED-10', {
  valid: [
    { name: 'granted in part, counted as 部分公开', year: 2023, ledger: ledgerOf({ applications: [application('1', { parts: ['granted', 'denied.thirdParty'], result: 'partlyGranted' })] }) },
    { name: 'no part granted: the other rules decide', year: 2023, ledger: ledgerOf({ applications: [application('1', { parts: ['denied.stateSecret', 'unavailable.notHeld'], result: 'unavailable.notHeld' })] }) },
  ],
  invalid: [
    {
      name: 'granted in part, counted as 保护第三方合法权益',
      year: 2023,
      ledger: ledgerOf({ applications: [application('4', { parts: ['granted', 'denied.thirdParty'], result: 'denied.thirdParty' })] }),
      findings: [{
        messageId: 'notPartly', severity: 'error',
        message: '依申请公开台账第 4 号区分处理（各部分：（一）予以公开、4.保护第三方合法权益），办理结果应为“（二）部分公开”，台账记为“4.保护第三方合法权益”',
        location: { register: 'applications', record: '4' }, actual: 'denied.thirdParty', expected: 'partlyGranted',
      }],
    },
  ],
});
