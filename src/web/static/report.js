// The report page: original text beside the parsed tables. Clicking a number marks where it was read
// (provenance offsets into the text and, for PDF and image reports, its box on the page image);
// clicking a finding marks its cells and its source; a number is corrected in its cell and saved
// through the API as a new version.
'use strict';

(() => {
  const { api, el } = window.ogi;
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const source = document.getElementById('source');
  const lines = Array.from(source.querySelectorAll('.src-line'));
  const starts = lines.map((l) => Number(l.dataset.s));
  const lineText = new Map();
  const dataScroll = document.getElementById('data-scroll');
  const $ = (id) => document.getElementById(id);

  // ── Marking a span of the source text ──────────────────────────────
  let marked = [];

  function clearMarks() {
    for (const line of marked) {
      line.textContent = lineText.get(line);
      line.classList.remove('hit');
    }
    marked = [];
  }

  /** The index of the line holding offset `pos`. */
  function lineIndex(pos) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  function scrollWithin(container, node, ratio) {
    const c = container.getBoundingClientRect();
    const r = node.getBoundingClientRect();
    container.scrollTop += r.top - c.top - c.height * ratio;
  }

  /** Marks [start, end) of the text (a caret when empty) and scrolls it into the middle of the source pane. */
  function markSpan(span, kind) {
    clearMarks();
    if (!span || !lines.length) return;
    const end = Math.max(span.end, span.start);
    let first = null;
    for (let i = lineIndex(span.start); i < lines.length && (i === lineIndex(span.start) || starts[i] < end); i++) {
      const line = lines[i];
      if (!lineText.has(line)) lineText.set(line, line.textContent);
      const text = lineText.get(line);
      const a = Math.max(0, span.start - starts[i]);
      const b = Math.min(text.length, end - starts[i]);
      line.textContent = '';
      const m = el('mark', { class: `m-${kind}${b > a ? '' : ' caret'}` }, b > a ? text.slice(a, b) : '');
      line.append(text.slice(0, Math.min(a, text.length)), m, text.slice(Math.max(b, Math.min(a, text.length))));
      line.classList.add('hit');
      marked.push(line);
      first = first || line;
    }
    if (first) scrollWithin(source, first, 0.4);
  }

  // ── Page images (PDF, image): the box where a value was read ───────
  const pageView = $('page-view');
  let pageBox = null;

  /** Shows the page images (true) or the text (false). */
  function showPages(on) {
    if (!pageView) return;
    source.hidden = on;
    pageView.hidden = !on;
    for (const [id, pressed] of [['tab-text', !on], ['tab-pages', on]]) {
      $(id).setAttribute('aria-selected', String(pressed));
      $(id).setAttribute('aria-pressed', String(pressed));
    }
    if (on && pageBox) scrollWithin(pageView, pageBox, 0.4);
    else if (!on && marked.length) scrollWithin(source, marked[0], 0.4);
  }
  if (pageView) {
    $('tab-text').addEventListener('click', () => showPages(false));
    $('tab-pages').addEventListener('click', () => showPages(true));
  }

  /** Draws a rectangle at `span.box` on its page (PDF points × dpi/72, or image pixels) and shows that page. */
  function markBox(span, kind) {
    if (pageBox) pageBox.remove();
    pageBox = null;
    if (!pageView || !data.pages || !span || !span.page || !span.box) return;
    const fig = pageView.querySelector(`figure[data-page="${Number(span.page)}"]`);
    if (!fig) return;
    const img = fig.querySelector('img');
    const box = el('div', { class: `page-box m-${kind}`, 'data-page': span.page, 'aria-hidden': 'true' });
    pageBox = box;
    fig.append(box);
    const place = () => {
      if (pageBox !== box || !img.naturalWidth) return;
      const k = data.pages.scale;
      const [x, y, w, h] = span.box;
      const pct = (v, whole) => `${((v * k) / whole) * 100}%`;
      box.style.left = pct(x - 2, img.naturalWidth);
      box.style.top = pct(y - 2, img.naturalHeight);
      box.style.width = pct(Math.max(w, 2) + 4, img.naturalWidth);
      box.style.height = pct(Math.max(h, 2) + 4, img.naturalHeight);
      box.classList.add('placed');
      if (!pageView.hidden) scrollWithin(pageView, box, 0.4);
    };
    if (img.complete && img.naturalWidth) place();
    else {
      img.loading = 'eager';
      img.addEventListener('load', place, { once: true });
    }
  }

  // ── Selection of cells and findings ───────────────────────────────
  const cellEl = (path) => document.querySelector(`td.v[data-path="${CSS.escape(path)}"], td.meta-v[data-path="${CSS.escape(path)}"]`);
  const infoOf = (path) => data.cells[path] || data.meta[path];
  let selected = null;

  function clearSelection() {
    for (const n of document.querySelectorAll('.sel, .flag, .flag-block')) n.classList.remove('sel', 'flag', 'flag-block');
    for (const b of document.querySelectorAll('.finding[aria-pressed="true"]')) b.setAttribute('aria-pressed', 'false');
    selected = null;
  }

  const show = (node, on) => {
    node.hidden = !on;
  };

  function describeValue(v) {
    return v === null || v === undefined || v === '' ? '（空白）' : String(v);
  }

  function selectCell(path, scroll) {
    if (editing) cancelEdit();
    const td = cellEl(path);
    const info = infoOf(path);
    if (!td || !info) return;
    clearSelection();
    selected = path;
    td.classList.add('sel');
    markSpan(info.src, 'cell');
    markBox(info.src, 'cell');
    show($('insp-empty'), false);
    show($('insp-body'), true);
    $('insp-label').textContent = info.label;
    const shown = td.querySelector('.num').textContent;
    $('insp-value').textContent = shown === '' ? '（空白）' : shown;
    $('insp-src').textContent = info.src
      ? `原文第 ${info.src.line} 行${info.src.page ? `（第 ${info.src.page} 页）` : ''}：“${info.src.text || ''}”`
      : '原文中没有它的位置（未读出或没有印出）';
    $('insp-corr').textContent = info.by ? `导入时为 ${describeValue(info.imported)}；${info.by}` : '';
    show($('edit-start'), true);
    show($('edit-form'), false);
    history.replaceState(null, '', `#cell=${encodeURIComponent(path)}`);
    if (scroll) scrollWithin(dataScroll, td, 0.3);
  }

  function selectFinding(button) {
    if (editing) cancelEdit();
    const f = data.findings[Number(button.dataset.i)];
    clearSelection();
    button.setAttribute('aria-pressed', 'true');
    let first = null;
    for (const p of f.paths) {
      const td = cellEl(p);
      if (!td) continue;
      td.classList.add('flag');
      first = first || td;
    }
    if (!first && f.table) {
      const block = document.getElementById(`table-${f.table}`);
      if (block) {
        block.classList.add('flag-block');
        first = block;
      }
    }
    if (first) scrollWithin(dataScroll, first, 0.3);
    markSpan(f.span, 'finding');
    markBox(f.span, 'finding');
    show($('insp-empty'), true);
    show($('insp-body'), false);
  }

  document.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    if (!target || target.closest('.cell-input')) return;
    const finding = target.closest('.finding');
    if (finding) return selectFinding(finding);
    const td = target.closest('td.v[data-path], td.meta-v[data-path]');
    if (td && !td.classList.contains('editing')) selectCell(td.dataset.path, false);
  });

  // Keyboard: every value can be reached with Tab and chosen with Enter or Space.
  for (const td of document.querySelectorAll('td.v[data-path], td.meta-v[data-path]')) td.tabIndex = 0;
  document.addEventListener('keydown', (e) => {
    const td = e.target instanceof HTMLElement && e.target.matches('td.v[data-path], td.meta-v[data-path]') ? e.target : null;
    if (!td || (e.key !== 'Enter' && e.key !== ' ')) return;
    e.preventDefault();
    if (selected === td.dataset.path && !editing) startEdit();
    else selectCell(td.dataset.path, false);
  });

  // Severity filter of the finding list; findings dismissed as 误报 only when asked for.
  const showDismissed = document.getElementById('show-dismissed');
  let severity = 'all';
  function filterFindings() {
    for (const b of document.querySelectorAll('.finding')) {
      const li = b.parentElement;
      li.hidden = (severity !== 'all' && b.dataset.sev !== severity) || (li.classList.contains('dismissed') && !(showDismissed && showDismissed.checked));
    }
  }
  for (const chip of document.querySelectorAll('[data-filter]')) {
    chip.addEventListener('click', () => {
      severity = chip.dataset.filter;
      for (const c of document.querySelectorAll('[data-filter]')) c.setAttribute('aria-pressed', String(c === chip));
      filterFindings();
    });
  }
  if (showDismissed) showDismissed.addEventListener('change', filterFindings);

  // A reviewer's decision about a finding (确认 / 误报 / 待定): saved, then the page shows the new counts.
  for (const form of document.querySelectorAll('form.triage-form')) {
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const error = form.querySelector('.error');
      error.hidden = true;
      const fields = new FormData(form);
      try {
        await api('PUT', `/api/reports/${data.id}/triage`, {
          key: form.dataset.key, status: fields.get('status'), reason: fields.get('reason') || null, comment: fields.get('comment') || null,
        });
        location.reload();
      } catch (err) {
        error.textContent = err.message;
        error.hidden = false;
      }
    });
  }

  // ── Correcting a value in its cell ─────────────────────────────────
  let editing = null;

  function startEdit() {
    if (!selected) return;
    const path = selected;
    const td = cellEl(path);
    const info = infoOf(path);
    let input;
    if (info.kind === 'issuer') {
      input = el('select', {});
      for (const [k, label] of Object.entries(data.issuerLabels)) input.append(el('option', { value: k, selected: k === info.value }, label));
    } else {
      const current = path.startsWith('meta.') ? (info.value === null ? '' : String(info.value)) : td.querySelector('.num').textContent;
      input = el('input', { type: 'text', value: current, inputmode: path.startsWith('meta.') && info.kind !== 'year' ? 'text' : 'decimal', autocomplete: 'off' });
      if (info.kind === 'date') input.placeholder = 'YYYY-MM-DD';
    }
    input.classList.add('cell-input');
    input.id = 'edit-value';
    input.setAttribute('aria-label', `${info.label} 的新值`);
    td.classList.add('editing');
    td.querySelector('.num').hidden = true;
    td.append(input);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        $('edit-form').requestSubmit();
      } else if (e.key === 'Escape') cancelEdit();
    });
    show($('edit-start'), false);
    show($('edit-form'), true);
    show($('edit-error'), false);
    editing = { path, td, input, info };
    input.focus();
    if (input.select) input.select();
  }

  function cancelEdit() {
    if (!editing) return;
    editing.input.remove();
    editing.td.classList.remove('editing');
    editing.td.querySelector('.num').hidden = false;
    editing = null;
    show($('edit-form'), false);
    show($('edit-start'), true);
  }

  function fail(id, message) {
    const p = $(id);
    p.textContent = message;
    p.hidden = false;
  }

  /** The typed value as the API wants it, or an Error with the reason. */
  function parseValue(path, info, raw) {
    const text = raw.trim();
    if (info.kind === 'issuer') return text;
    if (text === '') return null;
    if (info.kind === 'text' || info.kind === 'date') return text;
    const norm = text.replace(/[,，\s]/g, '').replace(/^＋/, '+').replace(/^－/, '-');
    if (!/^[+-]?\d+(\.\d+)?$/.test(norm)) return new Error('请输入数字（留空表示空白）');
    return Number(norm);
  }

  $('edit-start').addEventListener('click', startEdit);
  $('edit-cancel').addEventListener('click', cancelEdit);
  $('edit-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!editing) return;
    const { path, info, input } = editing;
    const value = parseValue(path, info, input.value);
    if (value instanceof Error) return fail('edit-error', value.message);
    const reason = $('edit-reason').value.trim();
    if (!reason) return fail('edit-error', '请写明修改原因');
    $('edit-save').disabled = true;
    try {
      const v = await api('POST', `/api/reports/${data.id}/corrections`, { reason, baseVersion: data.version, changes: [{ path, value }] });
      location.assign(`/reports/${data.id}?saved=${v.version}#cell=${encodeURIComponent(path)}`);
    } catch (err) {
      fail('edit-error', err.message);
      $('edit-save').disabled = false;
    }
  });

  // ── Reverting to a version ─────────────────────────────────────────
  const revertForm = $('revert-form');
  let revertTo = null;
  for (const b of document.querySelectorAll('button.revert')) {
    b.addEventListener('click', () => {
      revertTo = Number(b.dataset.version);
      $('revert-version').textContent = String(revertTo);
      b.closest('li').append(revertForm);
      revertForm.hidden = false;
      show($('revert-error'), false);
      $('revert-reason').focus();
    });
  }
  $('revert-cancel').addEventListener('click', () => {
    revertForm.hidden = true;
  });
  revertForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const reason = $('revert-reason').value.trim();
    try {
      const v = await api('POST', `/api/reports/${data.id}/revert`, { version: revertTo, ...(reason ? { reason } : {}) });
      location.assign(`/reports/${data.id}?saved=${v.version}#history`);
    } catch (err) {
      fail('revert-error', err.message);
    }
  });

  // A cell named in the address (after saving, or from a roll-up's source list) is selected on arrival.
  const m = /^#cell=(.+)$/.exec(location.hash);
  if (m) selectCell(decodeURIComponent(m[1]), true);
})();
