// Times are UTC inside and shown in the calendar's zone, named; money in its currency's conventions
// for the reader's language; all through Intl. Renders exactly as src/i18n/format.ts does (the
// browser test compares them).
import { language, t } from './i18n.js';

const DATE_TIME = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
};

export function inZone(instant, zone, { offset = false } = {}) {
  if (instant === null || instant === undefined) return '—';
  const date = new Date(typeof instant === 'number' ? instant : Date.parse(instant));
  if (Number.isNaN(date.getTime())) return String(instant);
  return new Intl.DateTimeFormat(language(), {
    ...DATE_TIME,
    timeZone: zone || 'UTC',
    ...(offset ? { timeZoneName: 'shortOffset' } : {}),
  }).format(date);
}

/** "Asia/Shanghai (中国标准时间)": the IANA id people configure, and the name people say. */
export function zoneLabel(zone) {
  const id = zone || 'UTC';
  const part = new Intl.DateTimeFormat(language(), { timeZone: id, timeZoneName: 'longGeneric' })
    .formatToParts(0)
    .find((p) => p.type === 'timeZoneName');
  return part && part.value !== id ? t('app.zone', { id, name: part.value }) : id;
}

const UNITS = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** Three most significant units from the first that is not zero, down to minutes-and-seconds. */
export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  let rest = Math.floor(Math.abs(ms) / 1000) * 1000;
  const amounts = UNITS.map(([unit, size]) => {
    const n = Math.floor(rest / size);
    rest -= n * size;
    return [unit, n];
  });
  const nonZero = amounts.findIndex(([, n]) => n > 0);
  const start = Math.min(nonZero < 0 ? UNITS.length : nonZero, UNITS.length - 2);
  const parts = amounts
    .slice(start, start + 3)
    .map(([unit, n]) => new Intl.NumberFormat(language(), { style: 'unit', unit, unitDisplay: 'narrow' }).format(n));
  return (ms < 0 ? '−' : '') + new Intl.ListFormat(language(), { type: 'unit', style: 'narrow' }).format(parts);
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Money stays a decimal string: Intl formats the string exactly, no float in between. */
export function money(amount, currency) {
  const value = String(amount ?? '');
  if (!DECIMAL.test(value) || !currency) return `${value} ${currency || ''}`.trim();
  return new Intl.NumberFormat(language(), { style: 'currency', currency }).format(value);
}

export function percent(fraction) {
  const value = String(fraction ?? '');
  return DECIMAL.test(value) ? new Intl.NumberFormat(language(), { style: 'percent', maximumFractionDigits: 6 }).format(value) : value;
}

export function number(value, options) {
  return new Intl.NumberFormat(language(), options).format(value);
}

/** Exact sum of decimal strings (BigInt on the common scale): "2500.00" + "2500.00" = "5000.00". */
export function sumDecimals(values) {
  const scale = Math.max(0, ...values.map((v) => (String(v).split('.')[1] || '').length));
  const total = values.reduce((sum, v) => {
    const [int, frac = ''] = String(v).replace('-', '').split('.');
    const n = BigInt(int + frac.padEnd(scale, '0'));
    return sum + (String(v).startsWith('-') ? -n : n);
  }, 0n);
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const out = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${out}` : out;
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
