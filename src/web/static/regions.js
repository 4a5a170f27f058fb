// The region tree page: add, rename, move and delete regions; import agencies → regions from CSV.
// Every change goes through the JSON API; the page reloads to show the new tree.
'use strict';

(() => {
  const { api, el, flash } = window.ogi;
  const { regions } = JSON.parse(document.getElementById('regions-data').textContent);
  const $ = (id) => document.getElementById(id);
  const byId = new Map(regions.map((r) => [r.id, r]));

  function message(text, bad) {
    const p = $('tree-msg');
    p.textContent = text;
    p.className = bad ? 'msg error' : 'msg';
    p.hidden = false;
  }

  function done(text) {
    flash.set(text);
    location.reload();
  }

  /** The region and all regions below it. */
  function subtree(id) {
    const out = new Set([id]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of regions) {
        if (r.parentId !== null && out.has(r.parentId) && !out.has(r.id)) {
          out.add(r.id);
          grew = true;
        }
      }
    }
    return out;
  }

  function pathOf(id) {
    const names = [];
    for (let r = byId.get(id); r; r = r.parentId === null ? undefined : byId.get(r.parentId)) names.unshift(r.name);
    return names.join(' / ');
  }

  /** An inline form under a node: fields, a submit label, and what to do with the form. */
  function inlineForm(li, fields, submit, onSubmit) {
    for (const f of document.querySelectorAll('.node-form')) f.remove();
    const form = el('form', { class: 'node-form inline-form' }, ...fields, el('button', { type: 'submit', class: 'btn btn-small btn-primary' }, submit),
      el('button', { type: 'button', class: 'btn btn-small', 'data-cancel': '' }, '取消'));
    form.querySelector('[data-cancel]').addEventListener('click', () => form.remove());
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await onSubmit(form);
      } catch (err) {
        message(err.message, true);
      }
    });
    li.querySelector('.node').after(form);
    const first = form.querySelector('input, select');
    if (first) first.focus();
  }

  $('region-tree').addEventListener('click', async (e) => {
    const button = e.target instanceof Element ? e.target.closest('button[data-act]') : null;
    if (!button) return;
    const li = button.closest('li[data-id]');
    const id = Number(li.dataset.id);
    const name = li.dataset.name;
    switch (button.dataset.act) {
      case 'add':
        inlineForm(li, [el('label', {}, `“${name}”的下级区域 `, el('input', { name: 'name', required: true, maxlength: 100 }))], '新建', async (form) => {
          const n = form.elements.name.value.trim();
          await api('POST', '/api/regions', { name: n, parentId: id });
          done(`已新建区域“${n}”`);
        });
        break;
      case 'rename':
        inlineForm(li, [el('label', {}, '新名称 ', el('input', { name: 'name', required: true, maxlength: 100, value: name }))], '保存', async (form) => {
          const n = form.elements.name.value.trim();
          await api('PATCH', `/api/regions/${id}`, { name: n });
          done(`已把“${name}”改名为“${n}”`);
        });
        break;
      case 'move': {
        const exclude = subtree(id);
        const select = el('select', { name: 'parent' }, el('option', { value: '' }, '（最上级）'));
        for (const r of regions) {
          if (!exclude.has(r.id)) select.append(el('option', { value: r.id, selected: r.id === byId.get(id).parentId }, pathOf(r.id)));
        }
        inlineForm(li, [el('label', {}, `把“${name}”移到 `, select, ' 之下')], '移动', async (form) => {
          const v = form.elements.parent.value;
          await api('PATCH', `/api/regions/${id}`, { parentId: v === '' ? null : Number(v) });
          done(`已移动区域“${name}”`);
        });
        break;
      }
      case 'delete':
        if (!window.confirm(`删除区域“${name}”？（只能删除没有下级区域和机关的区域）`)) return;
        try {
          await api('DELETE', `/api/regions/${id}`);
          done(`已删除区域“${name}”`);
        } catch (err) {
          message(err.message, true);
        }
        break;
    }
  });

  $('new-root').addEventListener('submit', async (e) => {
    e.preventDefault();
    const n = $('new-root-name').value.trim();
    try {
      await api('POST', '/api/regions', { name: n, parentId: null });
      done(`已新建区域“${n}”`);
    } catch (err) {
      message(err.message, true);
    }
  });

  $('csv-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = $('csv-file').files[0];
    const out = $('csv-result');
    out.textContent = '';
    if (!file) return;
    const fd = new FormData();
    fd.append('file', file, file.name);
    try {
      const r = await api('POST', '/api/agencies/import', fd);
      done(`CSV 已导入：${r.rows} 行；新建区域 ${r.regionsCreated.length} 个${r.regionsCreated.length ? `（${r.regionsCreated.join('、')}）` : ''}，` +
        `新建机关 ${r.agenciesCreated} 个，移动 ${r.agenciesMoved} 个，未变 ${r.agenciesUnchanged} 个。`);
    } catch (err) {
      out.append(el('p', { class: 'error' }, Array.isArray(err.details) ? `CSV 文件有 ${err.details.length} 处错误，未导入任何内容：` : err.message));
      if (Array.isArray(err.details)) out.append(el('ul', { class: 'errors' }, err.details.map((d) => el('li', {}, d.message))));
    }
  });
})();
