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

// The agency page: rename (the old name stays an alias) and merge another agency into this one, each after a confirmation.
(() => {
  const { api, flash } = window.ogi;
  const box = document.querySelector('.agency-names');
  if (!box) return;
  const id = box.dataset.agency;
  const state = box.querySelector('.names-state');
  const fail = (err) => {
    state.textContent = err.message;
    state.className = 'names-state error';
  };
  const rename = document.getElementById('rename-form');
  rename.addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = rename.elements.name.value.trim();
    if (!name || name === box.dataset.name) return;
    if (!window.confirm(`确定把“${box.dataset.name}”改名为“${name}”？原名称保留为曾用名，此操作记入审计日志`)) return;
    try {
      await api('PATCH', `/api/agencies/${id}`, { name });
      flash.set(`已改名为“${name}”，原名称“${box.dataset.name}”保留为曾用名`);
      location.reload();
    } catch (err) {
      fail(err);
    }
  });
  const merge = document.getElementById('merge-form');
  if (!merge) return;
  merge.addEventListener('submit', async (e) => {
    e.preventDefault();
    const select = merge.elements.from;
    if (!select.value) return;
    const other = select.options[select.selectedIndex].textContent;
    if (!window.confirm(`确定把“${other}”并入“${box.dataset.name}”？它的报告移到本机关，名称成为曾用名，原机关删除；此操作记入审计日志`)) return;
    try {
      await api('POST', `/api/agencies/${id}/merge`, { from: Number(select.value) });
      flash.set('已合并');
      location.reload();
    } catch (err) {
      fail(err);
    }
  });
})();
