// 我的账户: change one's own password.
'use strict';

(() => {
  const { api } = window.ogi;
  const $ = (id) => document.getElementById(id);
  const msg = (text, error) => {
    $('pw-msg').textContent = text;
    $('pw-msg').className = error ? 'msg error' : 'msg';
    $('pw-msg').hidden = false;
  };
  $('password-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const current = $('pw-current').value;
    const next = $('pw-next').value;
    if (next !== $('pw-again').value) return msg('两次输入的新密码不一样', true);
    try {
      const answer = await api('POST', '/api/session/password', { current, next });
      // The session was renewed: later requests of this page need the new token.
      document.querySelector('meta[name="csrf-token"]').setAttribute('content', answer.csrfToken);
      $('password-form').reset();
      msg('密码已修改；其他地方的登录已全部失效。');
    } catch (err) {
      msg(err.message, true);
    }
  });
})();
