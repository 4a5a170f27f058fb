// The roll-up page: clicking a summed cell lists the reports behind it, each with its own value.
'use strict';

(() => {
  const { el } = window.ogi;
  const data = JSON.parse(document.getElementById('rollup-data').textContent);
  const panel = document.getElementById('sources-panel');
  const $ = (id) => document.getElementById(id);
  const show = (v) => (v === null || v === undefined ? '空白' : String(v));

  function open(td) {
    const group = data.groups[Number(td.closest('[data-group]').dataset.group)];
    const path = td.dataset.path;
    const cell = group && group.cells[path];
    if (!cell) return;
    for (const n of document.querySelectorAll('td.sel')) n.classList.remove('sel');
    td.classList.add('sel');
    $('sources-cell').textContent = cell.label;
    $('sources-sum').textContent = `合计 ${cell.sum === null ? '（全部空白）' : cell.sum}` +
      `：${group.reports.length - cell.blanks} 份填报${cell.blanks ? `，${cell.blanks} 份空白（不计入合计）` : ''}`;
    const body = $('sources-body');
    body.textContent = '';
    group.reports.forEach((r, i) => {
      const v = cell.values[i];
      body.append(el('tr', { class: v === null ? 'blank-row' : '' },
        el('td', {}, el('a', { href: `/reports/${r.reportId}#cell=${encodeURIComponent(path)}` }, r.agency), el('span', { class: 'muted sub' }, r.region)),
        el('td', { class: 'num-cell' }, show(v))));
    });
    panel.hidden = false;
  }

  document.addEventListener('click', (e) => {
    const td = e.target instanceof Element ? e.target.closest('section[data-group] td.v[data-path]') : null;
    if (td) open(td);
  });
  $('sources-close').addEventListener('click', () => {
    panel.hidden = true;
    for (const n of document.querySelectorAll('td.sel')) n.classList.remove('sel');
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') panel.hidden = true;
  });
})();
