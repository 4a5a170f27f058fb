// The import page: files chosen or dropped (one or many, or .zip archives) are uploaded to the API in
// batches queued as background jobs, and each file's result — imported, duplicate or unreadable with
// its reason — is listed as the job's worker finishes it.
'use strict';

(() => {
  const { api, el } = window.ogi;
  const $ = (id) => document.getElementById(id);
  const zone = $('dropzone');
  const input = $('file-input');
  /** @type {File[]} */
  let chosen = [];

  /** Files per request and bytes per request: large selections go in several requests, results arrive as they come. */
  const BATCH_FILES = Number($('import-form').dataset.batchFiles) || 20;
  const BATCH_BYTES = Number($('import-form').dataset.batchBytes) || 40 * 1024 * 1024;
  const STATUS = { imported: '已导入', duplicate: '重复', failed: '无法读取' };
  const TEMPLATE = { 2021: '2021 格式', 2019: '2019 格式', legacy: '2019 年以前格式' };

  const size = (n) => (n < 1024 ? `${n} B` : n < 1048576 ? `${Math.round(n / 1024)} KB` : `${(n / 1048576).toFixed(1)} MB`);

  function showChosen() {
    const list = $('chosen-list');
    list.textContent = '';
    for (const f of chosen) list.append(el('li', {}, el('span', { class: 'name' }, f.name), el('span', { class: 'muted' }, size(f.size))));
    $('chosen-count').textContent = `已选 ${chosen.length} 个文件`;
    $('chosen').hidden = chosen.length === 0;
    $('import-start').disabled = chosen.length === 0;
  }

  function add(files) {
    const seen = new Set(chosen.map((f) => `${f.name}\u0000${f.size}`));
    for (const f of files) {
      const key = `${f.name}\u0000${f.size}`;
      if (!seen.has(key)) {
        chosen.push(f);
        seen.add(key);
      }
    }
    showChosen();
  }

  input.addEventListener('change', () => {
    add(Array.from(input.files || []));
    input.value = '';
  });
  $('chosen-clear').addEventListener('click', () => {
    chosen = [];
    showChosen();
  });
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, (e) => {
      e.preventDefault();
      zone.classList.add('over');
    });
  }
  for (const type of ['dragleave', 'drop']) zone.addEventListener(type, () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    add(Array.from((e.dataTransfer && e.dataTransfer.files) || []));
  });
  zone.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      input.click();
    }
  });
  // A file dropped beside the zone would make the browser open it and leave the page.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());

  function batches(files) {
    const out = [];
    let cur = [];
    let bytes = 0;
    for (const f of files) {
      if (cur.length && (cur.length >= BATCH_FILES || bytes + f.size > BATCH_BYTES)) {
        out.push(cur);
        cur = [];
        bytes = 0;
      }
      cur.push(f);
      bytes += f.size;
    }
    if (cur.length) out.push(cur);
    return out;
  }

  function row(item) {
    const who = item.reportId
      ? el('a', { href: `/reports/${item.reportId}` }, item.agency || `报告 ${item.reportId}`)
      : item.agency || '';
    return el('tr', { class: `st-${item.status}` },
      el('td', { class: 'file-cell', title: item.name }, item.name),
      el('td', {}, el('span', { class: `status status-${item.status}` }, STATUS[item.status] || item.status)),
      el('td', {}, who),
      el('td', { class: 'num-cell' }, item.year == null ? '' : String(item.year)),
      el('td', {}, item.template ? TEMPLATE[item.template] || item.template : ''),
      el('td', { class: 'num-cell' }, item.errors == null ? '' : String(item.errors)),
      el('td', { class: 'num-cell' }, item.warnings == null ? '' : String(item.warnings)),
      el('td', { class: 'reason-cell' }, item.reason || ''));
  }

  const wait = (ms) => new Promise((ok) => setTimeout(ok, ms));
  const FINISHED = ['done', 'failed', 'cancelled'];
  /** A job's item as the import result row shows it. */
  const asItem = (i) => Object.assign({ name: i.name, status: i.status, reportId: i.reportId || undefined, reason: i.reason || undefined }, i.detail || {});

  // Each batch is queued as a background job (202 + Location); the page follows the jobs and lists
  // each file as its worker finishes it, so no request is held while scanned files are read.
  $('import-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!chosen.length) return;
    const files = chosen;
    chosen = [];
    showChosen();
    $('import-start').disabled = true;
    const body = $('result-table').tBodies[0];
    body.textContent = '';
    $('import-results').hidden = false;
    $('import-links').textContent = '';
    const totals = { imported: 0, duplicate: 0, failed: 0 };
    const jobs = [];
    const parts = batches(files);
    let sent = 0;
    for (const part of parts) {
      $('import-progress').textContent = `正在上传：${sent}/${files.length} 个文件…`;
      const fd = new FormData();
      for (const f of part) fd.append('files', f, f.name);
      try {
        const queued = await api('POST', '/api/imports?queue=1', fd);
        jobs.push({ id: queued.jobId, shown: 0, done: false, importId: null, total: 0 });
      } catch (err) {
        for (const f of part) {
          totals.failed++;
          body.append(row({ name: f.name, status: 'failed', reason: err.message }));
        }
      }
      sent += part.length;
    }
    // Rows appear in file order: a job's items are shown up to its first one still pending.
    while (jobs.some((j) => !j.done)) {
      let waiting = 0;
      for (const j of jobs) {
        if (j.done) continue;
        let job;
        try {
          // The items from the first one not shown yet (the API gives a page of them).
          job = await api('GET', `/api/jobs/${j.id}?offset=${j.shown}&limit=500`);
        } catch (err) {
          $('import-progress').textContent = err.message;
          continue;
        }
        j.importId = job.importId;
        j.total = job.total;
        j.status = job.status;
        let k = 0;
        while (k < job.items.length && job.items[k].status !== 'pending') {
          const item = asItem(job.items[k++]);
          j.shown++;
          totals[item.status] = (totals[item.status] || 0) + 1;
          body.append(row(item));
        }
        j.done = FINISHED.includes(job.status) && (k < job.items.length || j.shown >= job.itemsTotal);
        waiting += job.itemsTotal - j.shown;
        if (!j.done) break;
      }
      const processed = totals.imported + totals.duplicate + totals.failed;
      const expected = Math.max(processed, jobs.reduce((n, j) => n + j.total, 0));
      $('import-progress').textContent = `正在导入：${processed}/${expected} 个文件已处理（后台任务：离开本页也会继续，进度见任务中心）…`;
      if (jobs.some((j) => !j.done)) await wait(waiting ? 1000 : 300);
    }
    $('import-progress').textContent = '';
    const total = totals.imported + totals.duplicate + totals.failed;
    const stopped = jobs.filter((j) => j.status === 'cancelled').length;
    $('import-summary').textContent = `共 ${total} 个文件：已导入 ${totals.imported} 个，重复 ${totals.duplicate} 个，无法读取 ${totals.failed} 个。${stopped ? `${stopped} 个任务已取消。` : ''}`;
    const links = $('import-links');
    for (const j of jobs) {
      if (j.importId) links.append(el('a', { class: 'btn btn-small', href: `/reports?importId=${j.importId}` }, `查看批次 #${j.importId} 的报告`), ' ');
    }
    if (jobs.length) links.append(el('a', { class: 'btn btn-small', href: '/jobs' }, '任务中心'));
    $('import-start').disabled = chosen.length === 0;
  });
})();
