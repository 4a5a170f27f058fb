// The login page: posts the name and password to /api/session, then goes where the user was headed.
'use strict';

(() => {
  const { api } = window.ogi;
  const form = document.getElementById('login-form');
  const error = document.getElementById('login-error');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    const username = document.getElementById('login-username').value.trim();
    const password = document.getElementById('login-password').value;
    try {
      await api('POST', '/api/session', { username, password });
      const next = form.dataset.next || '/reports';
      location.assign(next.startsWith('/') && !next.startsWith('//') ? next : '/reports');
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    }
  });
})();
