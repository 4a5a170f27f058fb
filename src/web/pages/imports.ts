import type { Store } from '../../store/db.ts';
import type { Auth } from '../context.ts';
import { StoreError } from '../../store/errors.ts';
import { IMPORTABLE_EXTENSIONS, type RecordedItem } from '../../store/import-files.ts';
import { TEMPLATE_LABEL, when } from '../format.ts';
import { html, type Html } from '../html.ts';
import { exportLinks, page } from '../layout.ts';

const SOURCE_LABEL: Record<string, string> = { api: '网页或 API', cli: '命令行', preload: '样例', bench: '测试' };
export const STATUS_LABEL: Record<RecordedItem['status'], string> = { imported: '已导入', duplicate: '重复', failed: '无法读取', cancelled: '已取消' };

/** One file's result as a table row (the page script builds the same row for a fresh upload). */
function itemRow(i: RecordedItem): Html {
  return html`<tr class="st-${i.status}">
<td class="file-cell" title="${i.name}">${i.name}</td>
<td><span class="status status-${i.status}">${STATUS_LABEL[i.status]}</span></td>
<td>${i.reportId ? html`<a href="/reports/${i.reportId}">${i.agency ?? `报告 ${i.reportId}`}</a>` : (i.agency ?? '')}</td>
<td class="num-cell">${i.year ?? ''}</td>
<td>${i.template ? (TEMPLATE_LABEL[i.template] ?? i.template) : ''}</td>
<td class="num-cell">${i.errors ?? ''}</td>
<td class="num-cell">${i.warnings ?? ''}</td>
<td class="reason-cell">${i.reason ?? ''}</td>
</tr>`;
}

const RESULT_HEAD = html`<thead><tr><th>文件</th><th>结果</th><th>机关</th><th class="num-cell">年度</th><th>格式</th><th class="num-cell">错误</th><th class="num-cell">警告</th><th>说明</th></tr></thead>`;

export async function importPage(store: Store, auth: Auth, limits: { maxUploadBytes: number; maxUploadFiles: number }): Promise<string> {
  // Requests of at most 20 files and 40 MB (within the API's limits), so results arrive as they come.
  const batchFiles = Math.max(1, Math.min(20, limits.maxUploadFiles));
  const batchBytes = Math.max(1024, Math.min(40 * 1024 * 1024, Math.floor(limits.maxUploadBytes * 0.9)));
  let mine = store.db.selectFrom('imports').select(['id', 'source', 'author', 'created_at', 'total', 'imported', 'duplicates', 'failed']);
  if (auth.user.role !== 'admin') mine = mine.where('user_id', '=', auth.user.id);
  const batches = await mine
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  const content = html`
<div class="page-head">
  <h1>导入报告</h1>
  <p class="lead">把各部门、各区县报来的年度报告放在一起：可以一次选多个文件，也可以上传 .zip 压缩包。导入后立即核查；内容相同的文件不会重复导入，读不出的文件会说明原因，其余照常导入。</p>
</div>
<form id="import-form" class="import-form" data-batch-files="${batchFiles}" data-batch-bytes="${batchBytes}">
  <div class="dropzone" id="dropzone" tabindex="0" aria-describedby="drop-hint">
    <p class="drop-title"><strong>把报告文件或 .zip 拖到这里</strong></p>
    <p>或 <label class="btn btn-primary file-btn">选择文件<input type="file" id="file-input" multiple></label></p>
    <p id="drop-hint" class="muted">可读取 ${IMPORTABLE_EXTENSIONS.join(' ')}（.json 为 ogi 报告数据），以及包含这些文件的 .zip（展开一层）。</p>
  </div>
  <div id="chosen" class="chosen" hidden>
    <div class="chosen-head"><strong id="chosen-count"></strong><button type="button" class="btn btn-small btn-link" id="chosen-clear">清空</button></div>
    <ul id="chosen-list"></ul>
  </div>
  <div class="form-row">
    <span class="muted">导入人：${auth.user.username}</span>
    <button type="submit" class="btn btn-primary" id="import-start" disabled>开始导入</button>
    <span id="import-progress" class="muted" role="status"></span>
  </div>
</form>
<section id="import-results" class="block" hidden>
  <div class="block-head"><h2>导入结果</h2><p id="import-summary"></p></div>
  <div class="table-wrap"><table class="list" id="result-table">${RESULT_HEAD}<tbody></tbody></table></div>
  <p id="import-links"></p>
</section>
<section class="block">
  <div class="block-head"><h2>最近的导入</h2></div>
  ${batches.length ? html`<div class="table-wrap"><table class="list" id="batches"><thead><tr><th>批次</th><th>时间</th><th>导入人</th><th>来源</th><th class="num-cell">文件</th><th class="num-cell">已导入</th><th class="num-cell">重复</th><th class="num-cell">无法读取</th><th></th></tr></thead><tbody>
  ${batches.map((b) => html`<tr><td>#${b.id}</td><td class="time-cell">${when(b.created_at)}</td><td>${b.author}</td><td>${SOURCE_LABEL[b.source] ?? b.source}</td>
  <td class="num-cell">${b.total}</td><td class="num-cell">${b.imported}</td><td class="num-cell">${b.duplicates}</td><td class="num-cell">${b.failed ? html`<span class="count count-error">${b.failed}</span>` : '0'}</td>
  <td><a href="/imports/${b.id}">逐个文件的结果</a>${b.imported ? html` · <a href="/reports?importId=${b.id}">这批报告</a>` : ''}</td></tr>`)}
  </tbody></table></div>` : html`<p class="muted">还没有导入记录。</p>`}
</section>`;
  return page({ title: '导入报告', section: 'import', scripts: ['import.js'], auth }, content);
}

export async function importBatchPage(store: Store, auth: Auth, id: number): Promise<string> {
  const b = await store.db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!b || (auth.user.role !== 'admin' && b.user_id !== auth.user.id)) throw new StoreError('not-found', `导入记录 ${id} 不存在`);
  const items = JSON.parse(b.items) as RecordedItem[];
  const cancelled = items.filter((i) => i.status === 'cancelled').length;
  const content = html`
<div class="page-head">
  <h1>导入批次 #${b.id}</h1>
  <p class="lead">${when(b.created_at)} · ${b.author} · ${SOURCE_LABEL[b.source] ?? b.source}：共 ${b.total} 个文件，已导入 ${b.imported} 个，重复 ${b.duplicates} 个，无法读取 ${b.failed} 个${cancelled ? `，${cancelled} 个因任务取消未处理` : ''}。
  ${b.imported ? html`<a class="btn" href="/reports?importId=${b.id}">这批报告</a>` : ''}</p>
  ${b.imported ? exportLinks('导出这批报告', [['列表 CSV', `/api/reports?importId=${b.id}&format=csv`], ['列表 Excel', `/api/reports?importId=${b.id}&format=xlsx`], ['统计表数据 CSV', `/api/reports/data?importId=${b.id}&format=csv`], ['统计表数据 Excel', `/api/reports/data?importId=${b.id}&format=xlsx`]]) : ''}
</div>
<div class="table-wrap"><table class="list" id="result-table">${RESULT_HEAD}<tbody>${items.map(itemRow)}</tbody></table></div>`;
  return page({ title: `导入批次 #${b.id}`, section: 'import', auth, crumbs: [['导入', '/import'], [`批次 #${b.id}`]] }, content);
}
