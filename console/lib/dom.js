import { errorText } from './api.js';

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

export function showError(container, error) {
  container.innerHTML = '';
  const box = document.createElement('div');
  box.className = 'error';
  box.setAttribute('role', 'alert');
  box.style.whiteSpace = 'pre-line';
  box.textContent = errorText(error);
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
export function every(ms, fn) {
  const id = setInterval(fn, ms);
  timers.add(id);
  return id;
}
export function clearTimers() {
  for (const id of timers) clearInterval(id);
  timers.clear();
}
