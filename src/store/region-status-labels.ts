import { STATUS_LABEL, type ReportStatus } from './workflow-steps.ts';

/** Chinese names for the status list's exports and page. */
export const STATUS_OR_MISSING_LABEL: Record<ReportStatus | 'missing', string> = { ...STATUS_LABEL, missing: '未报送' };

export const ISSUER_LABEL_PLAIN: Record<string, string> = { government: '人民政府', department: '政府部门', township: '乡镇（街道）', other: '其他' };
