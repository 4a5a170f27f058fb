import type { Auth } from '../context.ts';
import { html, type Html } from '../html.ts';

/** The year a report is written for: the year before today's. */
export const reportingYear = (): number => new Date().getUTCFullYear() - 1;

/** Whether the viewer may start a report of this agency in the browser: its clerk, or an admin. */
export const mayAuthor = (auth: Auth, agencyId: number): boolean =>
  auth.user.role === 'admin' || (auth.user.role === 'clerk' && auth.user.agencyId === agencyId);

/** 新建报告: the year, then new-report.js creates the draft (POST /api/drafts) and opens it to write. */
export function newReportForm(agencyId: number, agencyName: string): Html {
  return html`<form class="new-report" id="new-report" data-agency="${agencyId}">
  <strong>新建报告</strong><span>${agencyName}</span>
  <label>年度 <input type="number" name="year" min="2019" max="2100" value="${reportingYear()}" required></label>
  <label>或从文件开始 <input type="file" name="file" accept=".yaml,.yml,.json,.txt,.md,.html,.htm,.docx,.doc,.wps,.pdf"></label>
  <button type="submit" class="btn btn-primary">新建报告</button>
  <span class="muted">按库中上一年度的报告预填结转数字、机关信息和前言；选了文件（填写文件 YAML、Word、PDF……）时从文件开始，年度取自文件</span>
  <span class="error" id="new-report-error" role="alert" hidden></span>
</form>`;
}
