// 在编辑器中撰写汇总报告: creates the region's summary draft (POST /api/regions/{id}/summary-draft)
// and opens it in the editor; when the region's government already has that year's report, opens that one.
'use strict';

(() => {
  const { api } = window.ogi;
  const form = document.getElementById('summary-draft-form');
  if (!form) return;
  const status = document.getElementById('summary-draft-status');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    status.className = '';
    status.textContent = '正在逐格相加……';
    try {
      const draft = await api('POST', `/api/regions/${Number(form.dataset.region)}/summary-draft`, { year: Number(data.get('year')), reports: String(data.get('reports')) });
      location.assign(`/reports/${draft.id}/edit`);
    } catch (err) {
      if (err.status === 409 && err.details && err.details.reportId) {
        location.assign(`/reports/${Number(err.details.reportId)}/edit`);
        return;
      }
      status.className = 'error';
      status.textContent = err.message;
      button.disabled = false;
    }
  });
})();
