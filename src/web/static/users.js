// 用户 (admins): add users, change role and scope, reset passwords, disable and remove.
'use strict';

(() => {
  const { api, flash } = window.ogi;
  const $ = (id) => document.getElementById(id);
  const say = (text, error) => {
    $('users-msg').textContent = text;
    $('users-msg').className = error ? 'msg error' : 'msg';
    $('users-msg').hidden = false;
  };
  const num = (v) => (v === '' ? null : Number(v));

  function resetForm() {
    $('user-form').reset();
    $('user-id').value = '';
    $('user-name').disabled = false;
    $('user-form-title').textContent = '添加用户';
  }
  $('user-form-reset').addEventListener('click', resetForm);

  $('user-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const id = $('user-id').value;
    const role = $('user-role').value;
    const body = { role, regionId: num($('user-region').value), agencyId: num($('user-agency').value) };
    const password = $('user-password').value;
    if (password) body.password = password;
    try {
      if (id) {
        await api('PATCH', `/api/users/${id}`, body);
        flash.set('已保存；该用户需要重新登录。');
      } else {
        const user = await api('POST', '/api/users', { username: $('user-name').value.trim(), ...body });
        flash.set(user.password ? `已添加用户 ${user.username}，初始密码：${user.password}（只显示这一次，请转告本人并提醒修改）` : `已添加用户 ${user.username}`);
      }
      location.reload();
    } catch (err) {
      say(err.message, true);
    }
  });

  for (const button of document.querySelectorAll('#user-list button[data-action]')) {
    button.addEventListener('click', async () => {
      const row = button.closest('tr');
      const id = row.dataset.user;
      const name = row.dataset.username;
      try {
        if (button.dataset.action === 'edit') {
          $('user-id').value = id;
          $('user-name').value = name;
          $('user-name').disabled = true;
          $('user-form-title').textContent = `修改用户 ${name}`;
          $('user-name').scrollIntoView();
          return;
        }
        if (button.dataset.action === 'reset') {
          const password = prompt(`给 ${name} 设置新密码（至少 10 个字符）：`);
          if (!password) return;
          await api('PATCH', `/api/users/${id}`, { password });
          flash.set(`已重设 ${name} 的密码；其登录已全部失效。`);
        } else if (button.dataset.action === 'toggle') {
          await api('PATCH', `/api/users/${id}`, { disabled: button.dataset.disabled !== '1' });
          flash.set(button.dataset.disabled === '1' ? `已启用 ${name}` : `已停用 ${name}`);
        } else if (button.dataset.action === 'remove') {
          if (!confirm(`删除用户 ${name}？`)) return;
          await api('DELETE', `/api/users/${id}`);
          flash.set(`已删除 ${name}`);
        }
        location.reload();
      } catch (err) {
        say(err.message, true);
      }
    });
  }
})();
