import { describeError } from './api.js';
import { t } from './i18n.js';

export const $ = (sel, root = document) => root.querySelector(sel);

export function render(html) {
  const main = $('#main');
  main.innerHTML = html;
  return main;
}

export function toast(text) {
  const box = document.createElement('div');
  box.className = 'msg';
  box.textContent = text;
  $('#toast').appendChild(box);
  setTimeout(() => box.remove(), 6000);
}

/** An error box (role=alert): the reader's-language message, each bad field named, the server's words as detail. */
export function showError(container, error) {
  const { message, fields, detail } = describeError(error);
  container.innerHTML = '';
  const box = document.createElement('div');
  box.className = 'error';
  box.setAttribute('role', 'alert');
  const head = document.createElement('p');
  head.textContent = message;
  box.appendChild(head);
  if (fields.length) {
    const list = document.createElement('ul');
    for (const f of fields) {
      const item = document.createElement('li');
      item.textContent = f.text;
      list.appendChild(item);
    }
    box.appendChild(list);
  }
  if (detail && detail !== message) {
    const more = document.createElement('p');
    more.className = 'detail';
    more.textContent = `${t('error.detail')} ${detail}`;
    box.appendChild(more);
  }
  container.appendChild(box);
}

/** Form fields as an object; empty strings dropped. */
export function formData(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) if (v !== '') out[k] = v;
  return out;
}

/** Timers of the current view, cleared when the route changes. */
const timers = new Set();
let generation = 0;

/** Whether the view that asked is still the one on screen: a view left mid-load must not paint or start timers. */
export function liveness() {
  const mine = generation;
  return () => mine === generation;
}

export function every(ms, fn, alive = () => true) {
  if (!alive()) return undefined;
  const id = setInterval(fn, ms);
  timers.add(id);
  return id;
}
export function clearTimers() {
  generation += 1;
  for (const id of timers) clearInterval(id);
  timers.clear();
}

/** Saves a file the API answered (a CSV) under the name its Content-Disposition gives, else `fallback`. */
export async function download(res, fallback) {
  const blob = await res.blob();
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') || '')?.[1] || fallback;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
