// Agencies: the region and the issuer type are saved as soon as a select changes.
'use strict';

(() => {
  const { api } = window.ogi;

  document.addEventListener('change', async (e) => {
    const select = e.target instanceof HTMLSelectElement ? e.target : null;
    if (!select || !(select.classList.contains('region-select') || select.classList.contains('issuer-select'))) return;
    const id = select.dataset.agency;
    const holder = select.closest('tr, .agency-settings');
    const state = holder && holder.querySelector('.save-state');
    const body = select.classList.contains('region-select')
      ? { regionId: select.value === '' ? null : Number(select.value) }
      : { issuerType: select.value };
    if (state) {
      state.textContent = '正在保存…';
      state.className = 'save-state';
    }
    select.disabled = true;
    try {
      await api('PATCH', `/api/agencies/${id}`, body);
      if (state) {
        state.textContent = '已保存';
        state.className = 'save-state saved';
      }
    } catch (err) {
      if (state) {
        state.textContent = err.message;
        state.className = 'save-state error';
      }
    } finally {
      select.disabled = false;
    }
  });
})();
