// Shared helpers of the ogi pages (plain JavaScript, no build step).
// Report content is untrusted: scripts put text into the page with textContent, never innerHTML.
'use strict';

window.ogi = (() => {
  /** Calls the JSON API; resolves to the answer, or throws an Error with the API's Chinese message. */
  async function api(method, url, body) {
    const init = { method, headers: {} };
    if (method !== 'GET' && method !== 'HEAD' && csrfToken()) init.headers['x-csrf-token'] = csrfToken();
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers['content-type'] = 'application/json';
    }
    let res;
    try {
      res = await fetch(url, init);
    } catch {
      throw new Error('无法连接服务器，请检查网络后重试');
    }
    if (res.status === 204) return null;
    let data = null;
    try {
      data = await res.json();
    } catch {
      /* not JSON */
    }
    if (!res.ok) {
      const err = new Error((data && data.error && data.error.message) || `请求失败（${res.status}）`);
      err.details = data && data.error && data.error.details;
      err.status = res.status;
      throw err;
    }
    return data;
  }

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
    return node;
  }

  /** The session's CSRF token (the layout puts it in a meta element); every change the pages make sends it. */
  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  const logout = document.getElementById('logout');
  if (logout) {
    logout.addEventListener('click', async () => {
      try {
        await api('DELETE', '/api/session');
      } finally {
        location.assign('/login');
      }
    });
  }

  // Filter forms submit when a select changes (the button stays for keyboards and no-script use).
  for (const form of document.querySelectorAll('form[data-autosubmit]')) {
    form.addEventListener('change', (e) => {
      if (e.target instanceof HTMLSelectElement || (e.target instanceof HTMLInputElement && e.target.type === 'checkbox')) form.requestSubmit();
    });
  }

  /** A message kept across one reload (shown by the next page in #flash-slot). */
  const flash = {
    set: (text) => sessionStorage.setItem('ogi-flash', text),
    show() {
      const text = sessionStorage.getItem('ogi-flash');
      const slot = document.getElementById('flash-slot');
      if (!text || !slot) return;
      sessionStorage.removeItem('ogi-flash');
      slot.textContent = text;
      slot.hidden = false;
    },
  };
  flash.show();

  return { api, el, flash };
})();
