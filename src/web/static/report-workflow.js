// The report page's workflow buttons: 报送, 退回修改 (a form), 通过, 登记发布 (a form); each goes through the API, then the page reloads.
'use strict';

(() => {
  const { api, flash } = window.ogi;
  const box = document.getElementById('workflow');
  if (!box) return;
  const id = box.dataset.report;
  const error = document.getElementById('workflow-error');
  const LABEL = { submit: '已报送', return: '已退回修改', accept: '已通过', publish: '已登记发布' };
  const showError = (message) => {
    error.textContent = message;
    error.hidden = false;
  };
  async function take(step, body) {
    error.hidden = true;
    try {
      await api('POST', `/api/reports/${id}/${step}`, body);
      flash.set(LABEL[step]);
      location.reload();
    } catch (err) {
      showError(err.message);
    }
  }
  for (const button of box.querySelectorAll('button[data-workflow]')) {
    button.addEventListener('click', () => {
      const step = button.dataset.workflow;
      const form = box.querySelector(`form[data-step="${step}"]`);
      if (form) {
        form.hidden = false;
        return;
      }
      if (step === 'accept' && !window.confirm('确定审核通过这份报告？')) return;
      button.disabled = true;
      take(step).finally(() => { button.disabled = false; });
    });
  }
  for (const form of box.querySelectorAll('form[data-step]')) {
    form.querySelector('.workflow-cancel')?.addEventListener('click', () => { form.hidden = true; });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const data = new FormData(form);
      if (form.dataset.step === 'return') {
        take('return', { comment: String(data.get('comment') || ''), cells: data.getAll('cells').map(String), findingKeys: data.getAll('findingKeys').map(String) });
      } else {
        take('publish', { url: String(data.get('url') || ''), date: String(data.get('date') || '') });
      }
    });
  }
})();
