import type { Auth } from '../context.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';

/**
 * The task center (任务中心): background jobs with their progress, retry and cancel.
 * The list and a job's files (a page at a time) are drawn by jobs.js from /api/jobs, refreshed while work is under way.
 */
export function jobsPage(auth: Auth): string {
  const content = html`
<div class="page-head">
  <h1>任务中心</h1>
  <p class="lead">导入、重新核查、汇总导出和批量生成在后台运行：离开页面也会继续。${auth.user.role === 'admin' ? '管理员可看到所有人的任务。' : '这里列出您本人的任务。'}出错的文件可重试，排队或进行中的任务可取消。</p>
</div>
<p id="jobs-status" class="muted" role="status"></p>
<div class="table-wrap"><table class="list" id="jobs-table"><thead><tr><th>任务</th><th>类型</th><th>状态</th><th>进度</th><th class="num-cell">已导入或完成</th><th class="num-cell">重复</th><th class="num-cell">失败</th><th>提交人</th><th>提交时间</th><th></th></tr></thead><tbody></tbody></table></div>
<section id="job-detail" class="block" hidden>
  <div class="block-head"><h2 id="job-title"></h2><p id="job-summary"></p></div>
  <div class="table-wrap"><table class="list" id="job-items"><thead><tr><th class="num-cell">序号</th><th>文件或报告</th><th>结果</th><th>报告</th><th>说明</th></tr></thead><tbody></tbody></table></div>
  <nav class="pager" id="job-pager" aria-label="分页" hidden><button type="button" class="btn" id="items-prev">上一页</button><span id="items-range"></span><button type="button" class="btn" id="items-next">下一页</button></nav>
</section>`;
  return page({ title: '任务中心', section: 'jobs', scripts: ['jobs.js'], auth }, content);
}
