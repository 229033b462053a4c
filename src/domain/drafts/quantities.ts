/**
 * Quantities in a (normalised, Simplified Chinese or English) piece of text:
 * durations ("半小时", "两个工作日", "4工作小时", "within 4 working hours"),
 * service-hour patterns (7×24, 5×8, "周一至周五 9:00-18:00"), rates
 * (0.25 %, 千分之三, 百分之五), recurrences (每三月一次, 每年两次, quarterly),
 * "immediately", "the same day", vague words ("及时"), and money.
 *
 * Scanners run in a fixed order and each claims its characters, so "每周一至五"
 * is a weekday range (not "weekly") and "7×24小时" is a calendar (not 24 hours).
 * Spans are offsets into the scanned string.
 */
import { MAX_DURATION_AMOUNT } from '../policy/schema';
import { Span } from './traced-text';
import { EN_NUMBER_WORDS, ZH_NUMERAL_CHARS, parseChineseDecimal, parseNumber, perMilleToFraction, percentToFraction } from './numerals';

/** Units a letter writes durations in (weeks, months and years exist in letters, not on clocks). */
export type WrittenUnit =
  'seconds' | 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years' | 'workingMinutes' | 'workingHours' | 'workingDays';

export interface WrittenDuration {
  amount: number;
  unit: WrittenUnit;
}

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export type Quantity =
  | ({ kind: 'duration' } & WrittenDuration & { span: Span })
  | { kind: 'immediate'; span: Span }
  | { kind: 'same-day'; span: Span }
  | { kind: 'vague'; word: string; span: Span }
  | { kind: 'service-pattern'; daysPerWeek: number; hoursPerDay: number; span: Span }
  | { kind: 'hours'; open: string; close: string; span: Span }
  | { kind: 'weekdays'; from: Weekday; to: Weekday; span: Span }
  | { kind: 'fraction'; value: string; span: Span }
  | { kind: 'recurrence'; every: WrittenDuration; times: number; span: Span }
  | { kind: 'money'; amount: string; currency?: string; span: Span };

export type QuantityKind = Quantity['kind'];

// A Chinese numeral starts where a run of numeral characters starts and is at most 20 long: without
// the look-behind and the bound, a long run ("一一一…" pasted by mistake) backtracks quadratically.
const NUM_ZH = `(?<![\\d.])\\d+(?:\\.\\d+)?|(?<![${ZH_NUMERAL_CHARS}])[${ZH_NUMERAL_CHARS}]{1,20}|半`;
/** A duration amount the policy can hold (a run of digits is not a time; it would make the draft's policy invalid). */
function plausible(amount: number | undefined): amount is number {
  return amount !== undefined && Number.isFinite(amount) && amount > 0 && amount <= MAX_DURATION_AMOUNT;
}

const NUM_EN = `\\d+(?:\\.\\d+)?|${EN_NUMBER_WORDS}`;

interface Scanner {
  pattern: RegExp;
  /** Builds the quantity from a match, or undefined to leave the characters unclaimed. */
  build: (m: RegExpExecArray, span: Span) => Quantity | undefined;
}

const ZH_WEEKDAY: Record<string, Weekday> = {
  一: 'monday',
  二: 'tuesday',
  三: 'wednesday',
  四: 'thursday',
  五: 'friday',
  六: 'saturday',
  日: 'sunday',
  天: 'sunday',
};

const EN_WEEKDAY: Record<string, Weekday> = {
  mon: 'monday',
  tue: 'tuesday',
  wed: 'wednesday',
  thu: 'thursday',
  fri: 'friday',
  sat: 'saturday',
  sun: 'sunday',
};

function hhmm(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** A clock time as written: 晚12:00 is midnight at the end of the day, "6 pm" is 18:00, "18:00 pm" stays 18:00. */
function clockTime(hourText: string, minuteText: string | undefined, marker: string | undefined, isClose: boolean): string | undefined {
  let hour = Number(hourText);
  const minute = minuteText ? Number(minuteText) : 0;
  const m = (marker ?? '').toLowerCase().replace(/\./g, '');
  const evening = m === 'pm' || m === '晚' || m === '下午' || m === '晚上';
  if (evening && hour < 12) hour += 12;
  else if (evening && hour === 12 && isClose && (m === '晚' || m === '晚上')) hour = 24;
  if ((m === 'am' || m === '早' || m === '上午') && hour === 12) hour = 0;
  if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) return undefined;
  return hhmm(hour, minute);
}

function durationUnitZh(unit: string): WrittenUnit {
  const u = unit.replace(/\s+/g, '');
  if (u.endsWith('工作日') || u === '工作天') return 'workingDays';
  if (u === '工作小时') return 'workingHours';
  if (u === '小时' || u === '钟头') return 'hours';
  if (u === '分钟') return 'minutes';
  if (u.startsWith('秒')) return 'seconds';
  if (u === '星期' || u === '周') return 'weeks';
  if (u === '月') return 'months';
  if (u === '年') return 'years';
  return 'days';
}

function durationUnitEn(qualifier: string | undefined, unit: string): WrittenUnit {
  const u = unit.toLowerCase();
  const working = !!qualifier;
  if (u.startsWith('min')) return working ? 'workingMinutes' : 'minutes';
  if (u.startsWith('h')) return working ? 'workingHours' : 'hours';
  if (u.startsWith('d')) return working ? 'workingDays' : 'days';
  if (u.startsWith('w')) return 'weeks';
  if (u.startsWith('mo')) return 'months';
  if (u.startsWith('y')) return 'years';
  return 'seconds';
}

/** Half an hour is 30 minutes and half a day 12 hours: clocks want whole-ish numbers in the natural unit. */
function tidyDuration(amount: number, unit: WrittenUnit): WrittenDuration {
  if (!Number.isInteger(amount)) {
    if (unit === 'hours') return { amount: Math.round(amount * 60), unit: 'minutes' };
    if (unit === 'workingHours') return { amount: Math.round(amount * 60), unit: 'workingMinutes' };
    if (unit === 'days') return { amount: amount * 24, unit: 'hours' };
  }
  return { amount, unit };
}

const RECURRENCE_UNIT_ZH: Record<string, WrittenUnit> = {
  月: 'months',
  季度: 'months',
  季: 'months',
  年: 'years',
  周: 'weeks',
  星期: 'weeks',
  天: 'days',
  日: 'days',
};

const SCANNERS: Scanner[] = [
  // Dates are claimed first so "2014年12月2日" is not read as years, months and days.
  {
    pattern:
      /[\dXx*]{2,4}\s*年\s*[\dXx*]{1,2}\s*月(?:\s*[\dXx*]{1,2}\s*日)?|\d{2,4}[-/.](?:\d{1,2}|xx)[-/.]\d{1,2}|\d{2}xx-\d{1,2}-\d{1,2}|年\s*月\s*日/g,
    build: () => undefined,
  },
  {
    pattern: /(?:每)?(?:周|星期|礼拜)([一二三四五六日天])\s*(?:至|到|-|–|—|~|～)\s*(?:周|星期|礼拜)?([一二三四五六日天])/g,
    build: (m, span) => ({ kind: 'weekdays', from: ZH_WEEKDAY[m[1]], to: ZH_WEEKDAY[m[2]], span }),
  },
  {
    pattern: /\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*(?:to|through|thru|-|–|—)\s*(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/gi,
    build: (m, span) => ({ kind: 'weekdays', from: EN_WEEKDAY[m[1].toLowerCase()], to: EN_WEEKDAY[m[2].toLowerCase()], span }),
  },
  {
    pattern:
      /(早上?|上午|晚上?|下午)?\s*(\d{1,2})[::](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?\s*(?:至|到|-|–|—|~|～|to|until)\s*(早上?|上午|晚上?|下午)?\s*(\d{1,2})[::](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?/gi,
    build: (m, span) => {
      const open = clockTime(m[2], m[3], m[1] ?? m[4], false);
      const close = clockTime(m[6], m[7], m[5] ?? m[8], true);
      return open && close ? { kind: 'hours', open, close, span } : undefined;
    },
  },
  {
    pattern: /\b(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.)\s*(?:to|until|-|–|—)\s*(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.)/gi,
    build: (m, span) => {
      const open = clockTime(m[1], undefined, m[2], false);
      const close = clockTime(m[3], undefined, m[4], true);
      return open && close ? { kind: 'hours', open, close, span } : undefined;
    },
  },
  {
    pattern: /(?<![\d.])([5-7])\s*(?:天|days?)?\s*[×xX*✕]\s*(8|10|12|16|24)\s*(?:小\s*时|hours?|hrs?|h\b)?(?![\d])/g,
    build: (m, span) => ({ kind: 'service-pattern', daysPerWeek: Number(m[1]), hoursPerDay: Number(m[2]), span }),
  },
  {
    pattern: /(?<![\d.])24\s*(?:[x×*]|\/)\s*7(?![\d])|全天候|round[- ]the[- ]clock|around[- ]the[- ]clock/gi,
    build: (_m, span) => ({ kind: 'service-pattern', daysPerWeek: 7, hoursPerDay: 24, span }),
  },
  {
    pattern: new RegExp(`每(?:隔)?(${NUM_ZH})?\\s*个?(季度|季|星期|月|年|周|天|日)(?:[\\u4e00-\\u9fff]{0,6}?(${NUM_ZH})次)?`, 'g'),
    build: (m, span) => {
      const n = m[1] ? parseNumber(m[1]) : 1;
      const unit = RECURRENCE_UNIT_ZH[m[2]];
      const quarter = m[2] === '季度' || m[2] === '季';
      const times = m[3] ? parseNumber(m[3]) : 1;
      if (n === undefined || times === undefined) return undefined;
      return { kind: 'recurrence', every: { amount: quarter ? 3 * n : n, unit }, times, span };
    },
  },
  {
    pattern: new RegExp(
      `\\b(?:(quarterly)|(monthly)|(weekly)|(annually|yearly)|(semi-?annually|bi-?annually|twice a year)|(once a (year|quarter|month))|every (${NUM_EN}) (months?|quarters?|weeks?|years?)|(${NUM_EN}) times (?:a|per) (year|month|quarter))\\b`,
      'gi',
    ),
    build: (m, span) => {
      if (m[1]) return { kind: 'recurrence', every: { amount: 3, unit: 'months' }, times: 1, span };
      if (m[2]) return { kind: 'recurrence', every: { amount: 1, unit: 'months' }, times: 1, span };
      if (m[3]) return { kind: 'recurrence', every: { amount: 1, unit: 'weeks' }, times: 1, span };
      if (m[4]) return { kind: 'recurrence', every: { amount: 1, unit: 'years' }, times: 1, span };
      if (m[5]) return { kind: 'recurrence', every: { amount: 1, unit: 'years' }, times: 2, span };
      const per = (word: string): WrittenDuration =>
        word.startsWith('quarter') ? { amount: 3, unit: 'months' } : { amount: 1, unit: durationUnitEn(undefined, word) };
      if (m[6]) return { kind: 'recurrence', every: per(m[7]), times: 1, span };
      if (m[8]) {
        const n = parseNumber(m[8]);
        const unit = per(m[9]);
        return n === undefined ? undefined : { kind: 'recurrence', every: { amount: unit.amount * n, unit: unit.unit }, times: 1, span };
      }
      const times = parseNumber(m[10]);
      return times === undefined ? undefined : { kind: 'recurrence', every: per(m[11]), times, span };
    },
  },
  {
    pattern:
      /(?<![\d.])(\d+(?:\.\d+)?)\s*(?:%|％|per\s?cent\b)|百分之([零〇一二两三四五六七八九十百点\d.]{1,20})|千分之([零〇一二两三四五六七八九十点\d.]{1,20})|(?<![\d.])(\d+(?:\.\d+)?)\s*‰/gi,
    build: (m, span) => {
      if (m[1]) return { kind: 'fraction', value: percentToFraction(m[1]), span };
      if (m[2]) {
        const v = parseChineseDecimal(m[2]);
        return v === undefined ? undefined : { kind: 'fraction', value: percentToFraction(v), span };
      }
      const perMille = m[3] ? parseChineseDecimal(m[3]) : m[4];
      return perMille === undefined ? undefined : { kind: 'fraction', value: perMilleToFraction(perMille), span };
    },
  },
  {
    pattern:
      /(?:¥|￥|RMB|CNY|人民币)\s*(?<![\d,.])(\d[\d,]*(?:\.\d+)?)\s*(万)?\s*元?|(?<![\d,.])(\d[\d,]*(?:\.\d+)?)\s*(万)?元|(?:US\$|\$|USD|EUR|€)\s*(?<![\d,.])(\d[\d,]*(?:\.\d+)?)|(?<![\d,.])(\d[\d,]*(?:\.\d+)?)\s*(USD|EUR|CNY|RMB|dollars|euros|yuan)\b/gi,
    build: (m, span) => {
      const text = m[0];
      const currency = /\$|USD|dollar/i.test(text) ? 'USD' : /EUR|€|euro/i.test(text) ? 'EUR' : 'CNY';
      const raw = (m[1] ?? m[3] ?? m[5] ?? m[6]).replace(/,/g, '');
      const tenThousands = m[2] ?? m[4];
      const amount = tenThousands ? String(Number(raw) * 10000) : raw;
      return { kind: 'money', amount, currency, span };
    },
  },
  {
    pattern: new RegExp(`\\bhalf an? hour\\b|(${NUM_ZH})个半(?:小时|钟头)`, 'gi'),
    build: (m, span) => {
      const whole = m[1] ? parseNumber(m[1]) : 0;
      return whole === undefined || !plausible(whole * 60 + 30)
        ? undefined
        : { kind: 'duration', amount: whole * 60 + 30, unit: 'minutes', span };
    },
  },
  {
    pattern: new RegExp(
      `(?<![\\d.])(${NUM_ZH})\\s*个?\\s*(有效工作日|工作日|工作小时|工作天|小\\s?时|钟头|分钟|秒钟?|星期|天|日|周|月|年)`,
      'g',
    ),
    build: (m, span) => {
      const amount = parseNumber(m[1]);
      if (!plausible(amount)) return undefined;
      return { kind: 'duration', ...tidyDuration(amount, durationUnitZh(m[2])), span };
    },
  },
  {
    pattern: new RegExp(
      `\\b(${NUM_EN})\\s*-?\\s*(business|working|work)?\\s*-?\\s*(minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?|seconds?|secs?)\\b`,
      'gi',
    ),
    build: (m, span) => {
      const amount = parseNumber(m[1]);
      if (!plausible(amount)) return undefined;
      return { kind: 'duration', ...tidyDuration(amount, durationUnitEn(m[2], m[3])), span };
    },
  },
  {
    pattern: /立即|立刻|即刻|马上|第一时间|\bimmediately\b|\bat once\b|\bwithout delay\b/gi,
    build: (_m, span) => ({ kind: 'immediate', span }),
  },
  {
    pattern: /当日|当天|同日|同一天|\bsame (?:business |working )?day\b|\b(?:by )?(?:the )?end of (?:the )?(?:business |working )?day\b/gi,
    build: (_m, span) => ({ kind: 'same-day', span }),
  },
  {
    pattern: /及时|尽快|迅速|尽早|\bpromptly\b|\bas soon as possible\b|\bin a timely manner\b|\btimely\b/gi,
    build: (m, span) => ({ kind: 'vague', word: m[0], span }),
  },
];

/** Every quantity in `text`, in text order. */
export function scanQuantities(text: string): Quantity[] {
  const claimed = new Uint8Array(text.length);
  const found: Quantity[] = [];
  for (const scanner of SCANNERS) {
    scanner.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = scanner.pattern.exec(text)) !== null) {
      if (m[0].length === 0) {
        scanner.pattern.lastIndex++;
        continue;
      }
      const span = { start: m.index, end: m.index + m[0].length };
      if (claimed.subarray(span.start, span.end).some((c) => c === 1)) continue;
      const q = scanner.build(m, span);
      claimed.fill(1, span.start, span.end);
      if (q) found.push(q);
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start);
}
