// The agency's ledger page: counts and the due list for everyone who sees the agency; for its own
// clerks and admins the applications register, the forms to register and decide, Excel import and
// the report from the ledger. Everything from the API is put in with textContent only.
'use strict';

(() => {
  const { api, el } = window.ogi;
  const $ = (id) => document.getElementById(id);
  const root = $('ledger');
  const agency = root.dataset.agency;
  const year = root.dataset.year;
  const own = root.dataset.own === '1';
  const base = `/api/agencies/${agency}/ledger`;
  const optionLabel = (form, name, value) => {
    const o = [...form.elements[name].options].find((x) => x.value === value);
    return o ? o.textContent : value || '';
  };
  const say = (text) => { $('ledger-status').textContent = text; };
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

  async function loadApplications() {
    applications = await api('GET', `${base}/applications`);
    const body = $('applications').tBodies[0];
    body.textContent = '';
    const select = $('result-record');
    const chosen = select.value;
    select.textContent = '';
    for (const r of applications) {
      const a = r.data;
      body.append(el('tr', { 'data-number': r.number },
        el('td', {}, r.number), el('td', {}, a.receivedOn), el('td', {}, optionLabelOf('channel', a.channel)),
        el('td', {}, optionLabelOf('category', a.applicant.category)), el('td', {}, a.applicant.name || ''), el('td', {}, a.request || ''),
        el('td', {}, a.result ? optionLabelOf('result', a.result) : '办理中'), el('td', {}, a.decidedOn || ''),
        el('td', { class: 'num-cell' }, a.fee ? String(a.fee.amount) : '')));
      select.append(el('option', { value: String(r.id) }, `${r.number}（${a.receivedOn}）`));
    }
    if (chosen) select.value = chosen;
    if (!applications.length) body.append(el('tr', {}, el('td', { colspan: '9', class: 'muted' }, '还没有登记申请。')));
  }

  async function refresh() {
    try {
      await Promise.all([loadSummary(), loadDue(), own ? loadApplications() : null]);
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
    const value = (form, name) => form.elements[name].value.trim() || null;
    onSubmit('register-form', async (f) => {
      const record = {
        number: value(f, 'number'), receivedOn: value(f, 'receivedOn'), channel: value(f, 'channel'),
        applicant: { category: value(f, 'category'), name: value(f, 'name') }, request: value(f, 'request'),
      };
      await api('POST', `${base}/applications`, record);
      f.reset();
      return `已登记第 ${record.number} 号申请`;
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
  refresh();
})();
