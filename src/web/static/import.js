// The import page: files chosen or dropped (one or many, or .zip archives) are uploaded to the API in
// batches, and each file's result — imported, duplicate or unreadable with its reason — is listed.
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
    const ids = [];
    const parts = batches(files);
    let done = 0;
    for (const part of parts) {
      $('import-progress').textContent = `正在导入：${done}/${files.length} 个文件已处理…`;
      const fd = new FormData();
      for (const f of part) fd.append('files', f, f.name);
      let items;
      try {
        const result = await api('POST', '/api/imports', fd);
        items = result.items;
        ids.push(result.id);
      } catch (err) {
        items = part.map((f) => ({ name: f.name, status: 'failed', reason: err.message }));
      }
      for (const item of items) {
        totals[item.status] = (totals[item.status] || 0) + 1;
        body.append(row(item));
      }
      done += part.length;
    }
    $('import-progress').textContent = '';
    const total = totals.imported + totals.duplicate + totals.failed;
    $('import-summary').textContent = `共 ${total} 个文件：已导入 ${totals.imported} 个，重复 ${totals.duplicate} 个，无法读取 ${totals.failed} 个。`;
    const links = $('import-links');
    for (const id of ids) {
      links.append(el('a', { class: 'btn btn-small', href: `/reports?importId=${id}` }, `查看批次 #${id} 的报告`), ' ');
    }
    $('import-start').disabled = chosen.length === 0;
  });
})();
