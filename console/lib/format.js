// Times are UTC inside and shown in the calendar's zone, with the zone named.
export function inZone(instant, zone) {
  if (instant === null || instant === undefined) return '—';
  const d = typeof instant === 'number' ? new Date(instant) : new Date(instant);
  const text = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone || 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(d);
  return `${text.replace(',', '')}`;
}

export function zoneLabel(zone) {
  return zone || 'UTC';
}

export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  const sign = ms < 0 ? '−' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts = d ? [`${d}d`, `${h}h`, `${m}m`] : h ? [`${h}h`, `${m}m`, `${s}s`] : [`${m}m`, `${s}s`];
  return sign + parts.join(' ');
}

export function money(amount, currency) {
  return `${amount} ${currency || ''}`.trim();
}

export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Row urgency: red when breached or overdue, amber when under a quarter of the time is left. */
export function urgency(item, now = Date.now()) {
  if (item.breachCount > 0) return 'red';
  const clock = item.nextClock;
  if (!clock || clock.dueAt === null) return '';
  const left = clock.dueAt - now;
  if (left <= 0) return 'red';
  const span = clock.dueAt - clock.anchorAt;
  return span > 0 && left / span < 0.25 ? 'amber' : '';
}
