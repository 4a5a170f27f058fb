// The roll-up page: clicking a summed cell lists the reports behind it, each with its own value
// (fetched per cell: a province's roll-up has tens of thousands of reports).
'use strict';

(() => {
  const { api, el } = window.ogi;
  const data = JSON.parse(document.getElementById('rollup-data').textContent);
  const panel = document.getElementById('sources-panel');
  const $ = (id) => document.getElementById(id);
  const show = (v) => (v === null || v === undefined ? '空白' : String(v));
  let asked = 0;

  async function open(td) {
    const group = data.groups[Number(td.closest('[data-group]').dataset.group)];
    const path = td.dataset.path;
    const cell = group && group.cells[path];
    if (!cell) return;
    for (const n of document.querySelectorAll('td.sel')) n.classList.remove('sel');
    td.classList.add('sel');
    $('sources-cell').textContent = cell.label;
    $('sources-sum').textContent = `合计 ${cell.sum === null ? '（全部空白）' : cell.sum}` +
      `：${cell.reported} 份填报${cell.blanks ? `，${cell.blanks} 份空白（不计入合计）` : ''}`;
    const body = $('sources-body');
    body.textContent = '';
    body.append(el('tr', {}, el('td', { colspan: 2, class: 'muted' }, '正在读取来源……')));
    panel.hidden = false;
    const mine = ++asked;
    let answer;
    try {
      const q = new URLSearchParams({ year: String(data.year), template: group.template, path });
      answer = await api('GET', `/api/regions/${data.regionId}/rollup/sources?${q}`);
    } catch (err) {
      if (mine !== asked) return;
      body.textContent = '';
      body.append(el('tr', {}, el('td', { colspan: 2, class: 'error' }, `来源读取失败：${err.message}`)));
      return;
    }
    if (mine !== asked) return; // another cell was clicked meanwhile
    body.textContent = '';
    for (const r of answer.sources) {
      body.append(el('tr', { class: r.value === null ? 'blank-row' : '' },
        el('td', {}, el('a', { href: `/reports/${r.reportId}#cell=${encodeURIComponent(path)}` }, r.agency), el('span', { class: 'muted sub' }, r.regionPath.join(' / '))),
        el('td', { class: 'num-cell' }, show(r.value))));
    }
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
