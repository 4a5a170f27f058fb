// The agency's ledger page: counts and the due list for everyone who sees the agency; for its own
// clerks and admins the applications register, the forms to register and decide, Excel import and
// the report from the ledger. ledger-registers.js keeps the other three registers with keep().
// Everything from the API is put in with textContent only.
'use strict';

(() => {
  const { api, el } = window.ogi;
  const $ = (id) => document.getElementById(id);
  const root = $('ledger');
  const agency = root.dataset.agency;
  const year = root.dataset.year;
  const own = root.dataset.own === '1';
  const base = `/api/agencies/${agency}/ledger`;
  // namedItem: a field named "item" would be shadowed by the collection's item() method.
  const field = (form, name) => form.elements.namedItem(name);
  const optionLabel = (form, name, value) => {
    const o = [...field(form, name).options].find((x) => x.value === value);
    return o ? o.textContent : value || '';
  };
  const say = (text) => { $('ledger-status').textContent = text; };
  /** A form field's trimmed value, null when empty. */
  const value = (form, name) => field(form, name).value.trim() || null;
  /** The registers' list loaders (keep() adds them); refresh() runs them after every change. */
  const loaders = [];
  let applications = [];

  async function loadSummary() {
    const s = await api('GET', `${base}/summary?year=${year}`);
    const body = $('ledger-counts').tBodies[0];
    body.textContent = '';
    body.append(el('tr', {}, ...Object.values(s.records).map((n) => el('td', { class: 'num-cell' }, String(n))), el('td', { class: 'num-cell' }, String(s.findings.length))));
  }

  async function loadDue() {
    const due = await api('GET', `${base}/due`);
    $('due-counts').textContent = `（${due.asOf}：已逾期 ${due.overdue.length} 件，5 个工作日内到期 ${due.dueSoon.length} 件）`;
    const body = $('due').tBodies[0];
    body.textContent = '';
    for (const d of [...due.overdue, ...due.dueSoon]) {
      body.append(el('tr', { class: d.overdue ? 'overdue' : 'due-soon', 'data-number': d.number },
        el('td', {}, d.number), el('td', {}, d.receivedOn), el('td', {}, optionLabelOf('category', d.applicantCategory)),
        el('td', {}, d.dueOn), el('td', {}, d.overdue ? '已逾期' : '5 个工作日内到期')));
    }
    if (!due.overdue.length && !due.dueSoon.length) body.append(el('tr', {}, el('td', { colspan: '5', class: 'muted' }, '没有逾期或即将到期的申请。')));
  }

  /** Labels come from the forms' options (rendered by the server from the schema); a supervisor's page has no forms. */
  function optionLabelOf(name, value) {
    const form = $(name === 'category' || name === 'channel' ? 'register-form' : 'result-form');
    return form ? optionLabel(form, name, value) : value;
  }

  const applicationCells = (a) => [
    a.number, a.receivedOn, optionLabelOf('channel', a.channel), optionLabelOf('category', a.applicant.category), a.applicant.name || '', a.request || '',
    a.result ? optionLabelOf('result', a.result) : '办理中', a.decidedOn || '', { text: a.fee ? String(a.fee.amount) : '', class: 'num-cell' },
  ];

  /** The result form picks among the applications just loaded. */
  function listForResults(records) {
    applications = records;
    const select = $('result-record');
    const chosen = select.value;
    select.textContent = '';
    for (const r of records) select.append(el('option', { value: String(r.id) }, `${r.number}（${r.data.receivedOn}）`));
    if (chosen) select.value = chosen;
  }

  /**
   * A register kept with a form and a list: the form adds a record (POST), or saves the one reopened
   * with 修改 (PUT of the whole record); 删除 asks first. spec: register, form and list ids, cells(data)
   * (a cell is text or { text, class }), record(form, current data or null), fill(form, data),
   * noun(record), empty text; optional shows(record), loaded(records), reset(form).
   */
  function keep(spec) {
    const form = $(spec.form);
    const submit = form.querySelector('button[type=submit]');
    const cancel = form.querySelector('[data-cancel]');
    const addText = submit.textContent;
    let editing = null;
    const stopEditing = () => {
      editing = null;
      form.reset();
      if (spec.reset) spec.reset(form);
      submit.textContent = addText;
      cancel.hidden = true;
    };
    cancel.addEventListener('click', stopEditing);
    onSubmit(spec.form, async (f) => {
      const was = editing;
      const body = spec.record(f, was ? was.data : null);
      const saved = was ? await api('PUT', `${base}/${spec.register}/${was.id}`, body) : await api('POST', `${base}/${spec.register}`, body);
      stopEditing();
      return `${was ? '已修改' : '已登记'}${spec.noun(saved)}`;
    });
    const reopen = (r) => {
      editing = r;
      form.reset();
      spec.fill(form, r.data);
      submit.textContent = '保存修改';
      cancel.hidden = false;
      say(`正在修改${spec.noun(r)}`);
      form.scrollIntoView({ block: 'nearest' });
    };
    const remove = async (r) => {
      if (!window.confirm(`删除${spec.noun(r)}？删除后不可恢复。`)) return;
      try {
        await api('DELETE', `${base}/${spec.register}/${r.id}`);
        if (editing && editing.id === r.id) stopEditing();
        say(`已删除${spec.noun(r)}`);
        await refresh();
      } catch (err) {
        say(err.message);
      }
    };
    const button = (text, action, run) => {
      const b = el('button', { type: 'button', class: 'btn btn-small', 'data-action': action }, text);
      b.addEventListener('click', run);
      return b;
    };
    loaders.push(async () => {
      const records = (await api('GET', `${base}/${spec.register}`)).filter(spec.shows || (() => true));
      const body = $(spec.list).tBodies[0];
      body.textContent = '';
      for (const r of records) {
        const cells = spec.cells(r.data).map((c) => (typeof c === 'object' ? el('td', { class: c.class }, c.text) : el('td', {}, c)));
        body.append(el('tr', { 'data-number': r.number }, ...cells,
          el('td', { class: 'row-actions' }, button('修改', 'edit', () => reopen(r)), ' ', button('删除', 'delete', () => remove(r)))));
      }
      if (!records.length) body.append(el('tr', {}, el('td', { colspan: String(body.parentElement.tHead.rows[0].cells.length), class: 'muted' }, spec.empty)));
      if (spec.loaded) spec.loaded(records);
    });
  }

  /** Puts values into the named fields of a form (null and undefined as empty). */
  function setFields(form, values) {
    for (const [name, v] of Object.entries(values)) field(form, name).value = v === null || v === undefined ? '' : String(v);
  }

  async function refresh() {
    try {
      await Promise.all([loadSummary(), loadDue(), ...loaders.map((load) => load())]);
    } catch (err) {
      say(err.message);
    }
  }

  /** Runs a change, then reloads the lists; the API's Chinese message is shown when it is refused. */
  function onSubmit(id, change) {
    const form = $(id);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        say(await change(form));
        await refresh();
      } catch (err) {
        say(err.message);
      }
    });
  }

  if (own) {
    keep({
      register: 'applications', form: 'register-form', list: 'applications', empty: '还没有登记申请。',
      cells: applicationCells, noun: (r) => `第 ${r.number} 号申请`, loaded: listForResults,
      // Reopened, the application keeps what this form does not show (result, fee, applicant's contact…).
      record: (f, current) => ({
        ...current, number: value(f, 'number'), receivedOn: value(f, 'receivedOn'), channel: value(f, 'channel'),
        applicant: { ...(current && current.applicant), category: value(f, 'category'), name: value(f, 'name') }, request: value(f, 'request'),
      }),
      fill: (f, a) => setFields(f, { number: a.number, receivedOn: a.receivedOn, channel: a.channel, category: a.applicant.category, name: a.applicant.name, request: a.request }),
    });
    onSubmit('result-form', async (f) => {
      const current = applications.find((r) => String(r.id) === f.elements.record.value);
      if (!current) throw new Error('请选择一件申请');
      const method = value(f, 'feeMethod');
      const fee = method ? { method, amount: Number(value(f, 'feeAmount') || 0), noticeOn: value(f, 'feeNoticeOn') || value(f, 'decidedOn'), paidOn: value(f, 'feePaidOn') } : null;
      await api('PUT', `${base}/applications/${current.id}`, { ...current.data, result: value(f, 'result'), decidedOn: value(f, 'decidedOn'), fee });
      f.reset();
      return `已记录第 ${current.number} 号申请的办理结果`;
    });
    onSubmit('import-form', async (f) => {
      const { added } = await api('POST', `${base}/import`, new FormData(f));
      f.reset();
      return `已导入：${Object.values(added).reduce((n, x) => n + x, 0)} 条记录`;
    });
    onSubmit('report-form', async (f) => {
      const made = await api('POST', `${base}/report?year=${encodeURIComponent(value(f, 'year'))}`);
      const slot = $('report-link');
      slot.textContent = '';
      slot.append(el('a', { href: `/reports/${made.reportId}/edit`, id: 'ledger-report' }, `打开报告草稿 #${made.reportId}`));
      return made.created ? '已由台账生成报告草稿' : '台账没有变化：这是此前生成的同一份报告';
    });
    $('purge').addEventListener('click', async () => {
      if (!window.confirm('删除超过保存期限的已办结申请中的申请人个人信息？删除后不可恢复。')) return;
      try {
        const done = await api('POST', `${base}/purge`);
        say(`已删除 ${done.decidedBefore} 以前办结的 ${done.purged} 件申请中的个人信息（保存期限 ${done.retentionYears} 年）`);
        await refresh();
      } catch (err) {
        say(err.message);
      }
    });
  }
  window.ogi.ledger = { year, own, keep, field, setFields, value };
  // After ledger-registers.js (also deferred) has added its registers.
  document.addEventListener('DOMContentLoaded', refresh);
})();
