// The task center: lists the user's background jobs from /api/jobs with their progress, refreshing
// every two seconds while any is queued or running; retry and cancel go through the API; a job's
// files are shown below the list (?job=ID), PAGE at a time. Text from files is put in with textContent only.
'use strict';

(() => {
  const { api, el } = window.ogi;
  const $ = (id) => document.getElementById(id);
  const STATUS = { preparing: '准备中', queued: '排队中', running: '进行中', done: '已完成', failed: '出错', cancelled: '已取消' };
  const ITEM = { pending: '待处理', imported: '已导入', duplicate: '重复', failed: '失败', done: '完成' };
  const ACTIVE = ['preparing', 'queued', 'running'];
  const PAGE = 200;
  let selected = Number(new URLSearchParams(location.search).get('job')) || null;
  let itemOffset = 0;

  const when = (iso) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '');
  const finished = (j) => j.total - j.counts.pending;

  function progress(j) {
    const pct = j.total ? Math.round((finished(j) / j.total) * 100) : 100;
    const bar = el('progress', { max: String(j.total || 1), value: String(finished(j)) });
    return el('span', { class: 'job-progress' }, bar, ` ${finished(j)}/${j.total}（${pct}%）`);
  }

  async function act(path, what) {
    try {
      await api('POST', path);
      $('jobs-status').textContent = what;
    } catch (err) {
      $('jobs-status').textContent = err.message;
    }
    await refresh();
  }

  function actions(j) {
    const out = el('span', {});
    const view = el('a', { href: `/jobs?job=${j.id}` }, '逐个文件');
    view.addEventListener('click', (e) => {
      e.preventDefault();
      selected = j.id;
      itemOffset = 0;
      history.replaceState(null, '', `/jobs?job=${j.id}`);
      refresh();
    });
    out.append(view);
    if (ACTIVE.includes(j.status)) {
      const b = el('button', { type: 'button', class: 'btn btn-small', 'data-action': 'cancel' }, '取消');
      b.addEventListener('click', () => act(`/api/jobs/${j.id}/cancel`, `任务 ${j.id} 已取消`));
      out.append(' ', b);
    } else if (j.counts.failed || j.counts.pending) {
      const b = el('button', { type: 'button', class: 'btn btn-small', 'data-action': 'retry' }, '重试');
      b.addEventListener('click', () => act(`/api/jobs/${j.id}/retry`, `任务 ${j.id} 已重新排队`));
      out.append(' ', b);
    }
    if (j.importId && j.counts.imported) out.append(' ', el('a', { href: `/reports?importId=${j.importId}` }, '这批报告'));
    if (j.hasResult) out.append(' ', el('a', { href: `/api/jobs/${j.id}/result` }, '下载结果'));
    return out;
  }

  function jobRow(j) {
    return el('tr', { 'data-job': String(j.id), class: selected === j.id ? 'selected' : '' },
      el('td', {}, `#${j.id}`),
      el('td', {}, j.kindLabel),
      el('td', {}, el('span', { class: `status-badge job-${j.status}` }, STATUS[j.status] || j.status)),
      el('td', {}, progress(j)),
      el('td', { class: 'num-cell' }, String(j.counts.imported + j.counts.done)),
      el('td', { class: 'num-cell' }, String(j.counts.duplicate)),
      el('td', { class: 'num-cell' }, String(j.counts.failed)),
      el('td', {}, j.author),
      el('td', { class: 'time-cell' }, when(j.createdAt)),
      el('td', {}, actions(j)));
  }

  function itemRow(i) {
    const report = i.reportId ? el('a', { href: `/reports/${i.reportId}` }, (i.detail && i.detail.agency) || `报告 ${i.reportId}`) : '';
    return el('tr', { class: `st-${i.status}` },
      el('td', { class: 'num-cell' }, String(i.seq + 1)),
      el('td', { class: 'file-cell', title: i.name }, i.name),
      el('td', {}, el('span', { class: `status status-${i.status}` }, ITEM[i.status] || i.status)),
      el('td', {}, report),
      el('td', { class: 'reason-cell' }, i.reason || ''));
  }

  function showPager(job) {
    $('job-pager').hidden = job.itemsTotal <= PAGE;
    const last = Math.min(job.offset + job.items.length, job.itemsTotal);
    $('items-range').textContent = `第 ${job.items.length ? job.offset + 1 : 0}–${last} 项，共 ${job.itemsTotal} 项`;
    $('items-prev').disabled = job.offset === 0;
    $('items-next').disabled = last >= job.itemsTotal;
  }

  const turn = (step) => () => {
    itemOffset = Math.max(0, itemOffset + step * PAGE);
    refresh();
  };
  $('items-prev').addEventListener('click', turn(-1));
  $('items-next').addEventListener('click', turn(1));

  async function refresh() {
    let jobs;
    try {
      jobs = await api('GET', '/api/jobs');
    } catch (err) {
      $('jobs-status').textContent = err.message;
      return true;
    }
    const body = $('jobs-table').tBodies[0];
    body.textContent = '';
    for (const j of jobs) body.append(jobRow(j));
    if (!jobs.length) body.append(el('tr', {}, el('td', { colspan: '10', class: 'muted' }, '还没有后台任务。')));
    let active = jobs.some((j) => ACTIVE.includes(j.status));
    if (selected) {
      try {
        const job = await api('GET', `/api/jobs/${selected}?offset=${itemOffset}&limit=${PAGE}`);
        $('job-detail').hidden = false;
        $('job-title').textContent = `任务 #${job.id}：${job.kindLabel}`;
        $('job-summary').textContent = `${STATUS[job.status] || job.status}；共 ${job.total} 项，待处理 ${job.counts.pending}，已导入或完成 ${job.counts.imported + job.counts.done}，重复 ${job.counts.duplicate}，失败 ${job.counts.failed}。${job.error || ''}`;
        const items = $('job-items').tBodies[0];
        items.textContent = '';
        for (const i of job.items) items.append(itemRow(i));
        showPager(job);
        active = active || ACTIVE.includes(job.status);
      } catch (err) {
        $('jobs-status').textContent = err.message;
        selected = null;
      }
    }
    return active;
  }

  (async function loop() {
    const active = await refresh();
    setTimeout(loop, active ? 2000 : 10000);
  })();
})();
