/**
 * How times, money, numbers and durations read in each language: Intl only, no catalogue strings.
 * The console's console/lib/format.js renders the same way (the browser test compares the two).
 */
import type { Language } from './languages';

const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
};

/** An instant (epoch ms or ISO string with offset) in the calendar's zone; with `offset`, the zone's UTC offset then. */
export function formatDateTime(instant: number | string, zone: string, lng: Language, { offset = false } = {}): string {
  const date = new Date(typeof instant === 'number' ? instant : Date.parse(instant));
  if (Number.isNaN(date.getTime())) return String(instant);
  return new Intl.DateTimeFormat(lng, { ...DATE_TIME, timeZone: zone, ...(offset ? { timeZoneName: 'shortOffset' } : {}) }).format(date);
}

/** The zone as people call it, whatever the season ("中国标准时间", "Eastern Time"), to name beside its IANA id. */
export function zoneName(zone: string, lng: Language): string {
  const part = new Intl.DateTimeFormat(lng, { timeZone: zone, timeZoneName: 'longGeneric' })
    .formatToParts(0)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
/** Intl formats a decimal string exactly (no float in between); the lib typings predate that. */
type DecimalFormat = (value: string) => string;

/** Money in its currency's conventions: zh-CN ¥1,000,000.00, en CN¥1,000,000.00; the amount stays a decimal string. */
export function formatMoney(amount: string, currency: string, lng: Language): string {
  if (!DECIMAL.test(amount)) return `${amount} ${currency}`;
  const format = new Intl.NumberFormat(lng, { style: 'currency', currency }).format as unknown as DecimalFormat;
  return format(amount);
}

/** A fraction as a percentage ("0.0025" → 0.25%), exact. */
export function formatPercent(fraction: string, lng: Language): string {
  if (!DECIMAL.test(fraction)) return fraction;
  const format = new Intl.NumberFormat(lng, { style: 'percent', maximumFractionDigits: 6 }).format as unknown as DecimalFormat;
  return format(fraction);
}

export function formatNumber(value: number, lng: Language): string {
  return new Intl.NumberFormat(lng).format(value);
}

const UNITS = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
] as const;

/** Elapsed time in its three most significant units (2d 3h 0m, 2天3小时0分钟); negative values get a minus sign. */
export function formatDuration(ms: number, lng: Language): string {
  let rest = Math.floor(Math.abs(ms) / 1000) * 1000;
  const amounts = UNITS.map(([unit, size]) => {
    const n = Math.floor(rest / size);
    rest -= n * size;
    return [unit, n] as const;
  });
  // From the first unit that is not zero, at most down to minutes-and-seconds.
  const nonZero = amounts.findIndex(([, n]) => n > 0);
  const start = Math.min(nonZero < 0 ? UNITS.length : nonZero, UNITS.length - 2);
  const shown = amounts.slice(start, start + 3);
  const parts = shown.map(([unit, n]) => new Intl.NumberFormat(lng, { style: 'unit', unit, unitDisplay: 'narrow' }).format(n));
  return (ms < 0 ? '−' : '') + new Intl.ListFormat(lng, { type: 'unit', style: 'narrow' }).format(parts);
}
