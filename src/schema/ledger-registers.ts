/**
 * The registers of a ledger (台账), as findings and pages name them: apart from the ledger's
 * record schemas (ledger.ts), so that naming a place does not load them.
 */
export const LEDGER_REGISTERS = [
  { key: 'applications', label: '依申请公开台账' },
  { key: 'cases', label: '行政复议、行政诉讼台账' },
  { key: 'documents', label: '规章和规范性文件台账' },
  { key: 'figures', label: '主动公开数据台账' },
] as const;
export type LedgerRegister = (typeof LEDGER_REGISTERS)[number]['key'];
