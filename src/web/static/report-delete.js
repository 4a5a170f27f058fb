// The report page's delete button: asks for confirmation, deletes through the API, returns to the list.
'use strict';

(() => {
  const { api, flash } = window.ogi;
  const button = document.getElementById('delete-report');
  if (!button) return;
  button.addEventListener('click', async () => {
    const label = button.dataset.label || `报告 ${button.dataset.report}`;
    if (!window.confirm(`确定删除“${label}”？此操作记入审计日志`)) return;
    button.disabled = true;
    try {
      await api('DELETE', `/api/reports/${button.dataset.report}`);
      flash.set(`已删除“${label}”`);
      location.assign('/reports');
    } catch (err) {
      button.disabled = false;
      window.alert(err.message);
    }
  });
})();
