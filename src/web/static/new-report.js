// 新建报告: creates the draft of the agency and year (POST /api/drafts) or from a chosen file
// (POST /api/drafts/upload) and opens it to write; a report that already exists is offered instead.
'use strict';

(() => {
  const { api, el } = window.ogi;
  const form = document.getElementById('new-report');
  if (!form) return;
  const error = document.getElementById('new-report-error');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    const data = new FormData(form);
    const file = data.get('file');
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      let draft;
      if (file instanceof File && file.name) {
        const upload = new FormData();
        upload.append('agencyId', form.dataset.agency);
        upload.append('file', file);
        draft = await api('POST', '/api/drafts/upload', upload);
      } else {
        draft = await api('POST', '/api/drafts', { agencyId: Number(form.dataset.agency), year: Number(data.get('year')) });
      }
      location.assign(`/reports/${draft.id}/edit`);
    } catch (err) {
      error.replaceChildren(err.message);
      if (err.details && err.details.reportId) error.append(' ', el('a', { href: `/reports/${err.details.reportId}`, text: '打开已有报告' }));
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
})();
