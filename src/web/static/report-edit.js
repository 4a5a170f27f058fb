// 编写报告: totals computed as one types, the checks run on the unsaved content (findings beside the
// grid, click one to go to its cell), save as a new version; Tab / Enter move between cells, a block
// pasted from Excel fills the cells from the focused one. Report text is untrusted: textContent only.
'use strict';

(() => {
  const { api, el } = window.ogi;
  const dataEl = document.getElementById('editor-data');
  if (!dataEl) return;
  const data = JSON.parse(dataEl.textContent);
  let version = data.version;
  let dirty = false;
  const inputs = [...document.querySelectorAll('input.cell[data-path]')];
  const byPath = new Map(inputs.map((i) => [i.dataset.path, i]));
  const derived = new Set(data.derived.map((d) => d.total));
  const saveState = document.getElementById('save-state');
  const error = document.getElementById('edit-error');
  const SEVERITY = { error: '错误', warning: '警告', info: '提示' };
  const KIND_TEXT = { count: '不小于 0 的整数', signed: '整数（可为负数）', money: '不小于 0 的数' };

  /** A cell's value: null when blank, a number, or undefined when what is typed is not a value of its kind. */
  function valueOf(input) {
    const text = input.value.trim().replace(/[，,]/g, '').replace(/^\+/, '');
    if (text === '') return null;
    if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
    const n = Number(text);
    const kind = data.kinds[input.dataset.path];
    if (kind === 'money') return n >= 0 ? n : undefined;
    if (!Number.isInteger(n)) return undefined;
    return kind === 'count' && n < 0 ? undefined : n;
  }

  /** Each derived total: the sum of its parts when all are filled, else blank (as the server derives it). */
  function computeTotals() {
    for (let pass = 0; pass < 2; pass++) {
      for (const d of data.derived) {
        const parts = d.parts.map((p) => (byPath.has(p) ? valueOf(byPath.get(p)) : null));
        const total = byPath.get(d.total);
        if (!total) continue;
        total.value = parts.every((v) => typeof v === 'number') ? String(Math.round(parts.reduce((a, b) => a + b, 0) * 1e6) / 1e6) : '';
      }
    }
  }

  function markInvalid(input) {
    const bad = valueOf(input) === undefined;
    input.classList.toggle('invalid', bad);
    input.title = bad ? `应为${KIND_TEXT[data.kinds[input.dataset.path]]}，或留空` : '';
    return bad;
  }

  /** The content as the API takes it: every cell (derived totals blank: the server computes them), the texts, the metadata. */
  function content() {
    const c = structuredClone(data.content);
    for (const input of inputs) {
      const path = input.dataset.path;
      const v = derived.has(path) ? null : valueOf(input);
      const parts = path.split('.');
      const table = parts[0];
      const column = parts[parts.length - 1];
      if (table === 'active') c.active[parts[1]][parts[2]][column] = v === undefined ? input.value.trim() : v;
      else {
        const row = parts.slice(1, -1).join('.');
        const index = data.columns[table].indexOf(column);
        c[table][row][index] = v === undefined ? input.value.trim() : v;
      }
    }
    for (const t of document.querySelectorAll('textarea.section-text')) c.sections[t.dataset.section] = t.value.trim() ? t.value : null;
    const preamble = document.getElementById('edit-preamble').value;
    c.preamble = preamble.trim() ? preamble : null;
    c.issuerType = document.getElementById('edit-issuer').value;
    c.signedOn = document.getElementById('edit-signed').value || null;
    return c;
  }

  function focusCell(path) {
    const input = byPath.get(path);
    if (!input) return;
    input.scrollIntoView({ block: 'center' });
    input.focus();
    input.closest('td').classList.add('flag');
    setTimeout(() => input.closest('td').classList.remove('flag'), 1500);
  }

  function showFindings(findings) {
    const list = document.getElementById('edit-findings');
    list.replaceChildren();
    for (const td of document.querySelectorAll('td.f-error, td.f-warning, td.f-info')) td.classList.remove('f-error', 'f-warning', 'f-info');
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of findings) {
      counts[f.severity]++;
      for (const p of f.paths) {
        const td = byPath.get(p)?.closest('td');
        if (td && !td.classList.contains('f-error')) td.classList.add(`f-${f.severity}`);
      }
      const item = el('li', { class: `finding sev-${f.severity}`, 'data-rule': f.rule },
        el('span', { class: `badge badge-${f.severity}`, text: SEVERITY[f.severity] }), ' ', el('strong', { text: f.rule }), ' ', el('span', { class: 'msg', text: f.message }));
      if (f.paths.length) {
        item.append(' ', el('button', { type: 'button', class: 'btn btn-small btn-link goto', text: '到单元格' }));
        item.addEventListener('click', () => focusCell(f.paths[0]));
        item.classList.add('clickable');
      }
      list.append(item);
    }
    if (!findings.length) list.append(el('li', { class: 'muted', text: '没有发现问题。' }));
    const badges = document.getElementById('edit-counts');
    badges.replaceChildren(...['error', 'warning', 'info'].map((k) => el('span', { class: `badge badge-${k}${counts[k] ? '' : ' zero'}`, text: `${SEVERITY[k]} ${counts[k]}` })));
  }

  let checkTimer = null;
  let checkSeq = 0;
  async function runCheck() {
    const seq = ++checkSeq;
    const state = document.getElementById('check-state');
    if (inputs.some((i) => i.classList.contains('invalid'))) {
      state.textContent = '（有格式不对的格，未核查）';
      return;
    }
    state.textContent = '（核查中…）';
    try {
      const answer = await api('POST', `/api/reports/${data.id}/content/check`, { content: content() });
      if (seq !== checkSeq) return;
      showFindings(answer.findings);
      state.textContent = '';
    } catch (err) {
      if (seq !== checkSeq) return;
      state.textContent = `（${err.message}）`;
    }
  }
  const scheduleCheck = () => {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(runCheck, 400);
  };

  function changed() {
    dirty = true;
    saveState.textContent = `第 ${version} 版，有未保存的修改`;
    scheduleCheck();
  }

  document.addEventListener('input', (e) => {
    const t = e.target;
    if (t instanceof HTMLInputElement && t.classList.contains('cell')) {
      markInvalid(t);
      computeTotals();
    }
    if (t.closest && t.closest('.editor-main')) changed();
  });
  document.getElementById('edit-issuer').addEventListener('change', changed);

  async function save() {
    error.hidden = true;
    const bad = inputs.filter((i) => markInvalid(i));
    if (bad.length) {
      error.textContent = `有 ${bad.length} 个格填写的不是数字（已标红），请改正后再保存`;
      error.hidden = false;
      bad[0].focus();
      return;
    }
    const button = document.getElementById('save-draft');
    button.disabled = true;
    try {
      const answer = await api('PUT', `/api/reports/${data.id}/content`, { baseVersion: version, content: content() });
      version = answer.version;
      dirty = false;
      saveState.dataset.version = String(version);
      saveState.textContent = answer.changed ? `已保存为第 ${version} 版` : `第 ${version} 版，内容没有变化`;
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  }
  document.getElementById('save-draft').addEventListener('click', save);
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') {
      e.preventDefault();
      save();
    }
  });
  window.addEventListener('beforeunload', (e) => {
    if (dirty) e.preventDefault();
  });

  // Rows of value inputs per table (rows without inputs skipped), for Enter and for pasting blocks.
  const rowsOf = (table) => [...table.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('input.cell')]).filter((r) => r.length);
  function place(input) {
    const rows = rowsOf(input.closest('table'));
    const r = rows.findIndex((row) => row.includes(input));
    return { rows, r, c: rows[r].indexOf(input) };
  }
  /** The editable cell nearest below (or above) in the same column position. */
  function vertical(input, step) {
    const { rows, r } = place(input);
    const x = input.getBoundingClientRect().left;
    for (let i = r + step; i >= 0 && i < rows.length; i += step) {
      const editable = rows[i].filter((x2) => !x2.readOnly);
      if (!editable.length) continue;
      return editable.reduce((best, cand) => (Math.abs(cand.getBoundingClientRect().left - x) < Math.abs(best.getBoundingClientRect().left - x) ? cand : best));
    }
    return null;
  }
  for (const input of inputs) {
    input.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      e.preventDefault();
      const next = vertical(input, e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey) ? -1 : 1);
      if (next) {
        next.focus();
        next.select();
      }
    });
    input.addEventListener('focus', () => input.select());
    input.addEventListener('paste', (e) => {
      const text = (e.clipboardData || window.clipboardData).getData('text');
      if (!/[\t\n]/.test(text.trim())) return;
      e.preventDefault();
      const lines = text.replace(/\r/g, '').replace(/\n+$/, '').split('\n').map((l) => l.split('\t'));
      const { rows, r, c } = place(input);
      let filled = 0;
      lines.forEach((cells, i) => {
        const row = rows[r + i];
        if (!row) return;
        cells.forEach((v, j) => {
          const target = row[c + j];
          if (!target || target.readOnly) return;
          target.value = v.trim();
          markInvalid(target);
          filled++;
        });
      });
      computeTotals();
      changed();
      saveState.textContent = `已粘贴 ${filled} 个格，尚未保存`;
    });
  }

  computeTotals();
  runCheck();
})();
