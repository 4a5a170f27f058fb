import type { Role } from './users.ts';

/**
 * The reporting workflow as data: 草稿 → 已报送 → 退回修改 → 再次报送 → 已通过 → 已发布.
 * Each step names the statuses it starts from, the status it leads to, and the roles that take it
 * (the data scope — the clerk's agency, the supervisor's region subtree — is checked apart).
 */
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const STATUS_LABEL: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '已报送',
  returned: '退回修改',
  accepted: '已通过',
  published: '已发布',
};

export const WORKFLOW_STEPS = ['submit', 'return', 'accept', 'publish'] as const;
export type WorkflowStep = (typeof WORKFLOW_STEPS)[number];

export interface StepRule {
  label: string;
  from: readonly ReportStatus[];
  to: ReportStatus;
  roles: readonly Role[];
}

export const STEP_RULES: Record<WorkflowStep, StepRule> = {
  submit: { label: '报送', from: ['draft', 'returned'], to: 'submitted', roles: ['admin', 'clerk'] },
  return: { label: '退回修改', from: ['submitted'], to: 'returned', roles: ['admin', 'supervisor'] },
  accept: { label: '通过', from: ['submitted'], to: 'accepted', roles: ['admin', 'supervisor'] },
  publish: { label: '登记发布', from: ['accepted'], to: 'published', roles: ['admin', 'supervisor', 'clerk'] },
};

/** Whether a role may take a step at all (scope aside). */
export const roleMayTake = (role: Role, step: WorkflowStep): boolean => STEP_RULES[step].roles.includes(role);

/** Whether a step can be taken from a status. */
export const stepAllowedFrom = (step: WorkflowStep, status: ReportStatus): boolean => STEP_RULES[step].from.includes(status);

/** Why a step cannot be taken from a status (Chinese), for the 409 answer. */
export function illegalStepMessage(step: WorkflowStep, status: ReportStatus): string {
  const rule = STEP_RULES[step];
  const from = rule.from.map((s) => `“${STATUS_LABEL[s]}”`).join('或');
  return `报告当前状态为“${STATUS_LABEL[status]}”，不能${rule.label}（只有${from}的报告可以${rule.label}）`;
}

/** Why a role may not take a step (Chinese), for the 403 answer. */
export function forbiddenStepMessage(step: WorkflowStep): string {
  switch (step) {
    case 'submit': return '只有本机关的填报人员（或管理员）可以报送';
    case 'return': return '只有本区域的政务公开办（或管理员）可以退回修改';
    case 'accept': return '只有本区域的政务公开办（或管理员）可以通过';
    case 'publish': return '只有本机关的填报人员、本区域的政务公开办（或管理员）可以登记发布';
  }
}
