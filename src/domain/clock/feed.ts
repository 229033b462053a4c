/**
 * Calendars that follow a region's public holidays (issue 14 item 10). The feed is read when the
 * calendar is saved and materialised into its `holidays` and `extraWorkingDays`, so an incident pins
 * the dates as they were when it started (the engine never reads a feed live). `holidayFeed.dates`
 * keeps which dates came from the feed (or an admin's override of one date). Pure: the feed's
 * entries are given by the caller (src/calendars/holiday-sources.ts).
 */
import { dayNumberToIsoDate, isoDateToDayNumber, weekdayOfDayNumber } from './dates';
import type { CalendarDefinition, WorkingWindow } from './types';

/** One date of a region's feed: a public holiday, or a weekend date worked instead (调休 make-up day). */
export interface FeedEntry {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export type FeedOverride = { date: string; as: 'holiday' | 'working' | 'weekly' };

export type FeedDate = FeedEntry & { source: 'feed' | 'override' };

/** The feed's entries with the admin's single-date overrides applied ('weekly': the weekly pattern decides). */
export function applyOverrides(entries: readonly FeedEntry[], overrides: readonly FeedOverride[]): FeedDate[] {
  const byDate = new Map<string, FeedDate>(entries.map((e) => [e.date, { ...e, source: 'feed' as const }]));
  for (const o of overrides) {
    const name = byDate.get(o.date)?.name ?? 'override';
    if (o.as === 'weekly') byDate.delete(o.date);
    else byDate.set(o.date, { date: o.date, kind: o.as === 'holiday' ? 'holiday' : 'workday', name, source: 'override' });
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The windows a make-up day is worked with: the ones given, else the first worked weekday's (Monday first). */
function makeUpWindows(def: CalendarDefinition, given?: WorkingWindow[]): WorkingWindow[] | undefined {
  if (given && given.length > 0) return given;
  for (const d of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const) {
    const w = def.week[d];
    if (w && w.length > 0) return w;
  }
  return undefined;
}

/**
 * The definition with the feed's dates merged in. Dates listed as the feed's last time (`previous`)
 * are taken out first, so re-saving a calendar read back from the API never keeps stale feed dates;
 * the admin's own holidays and extra working days stay and win over the feed on the same date. A
 * feed holiday on a day the weekly pattern does not work, or a make-up day the pattern works anyway,
 * changes nothing and is left out of the engine's lists (it stays in `holidayFeed.dates`).
 */
export function materialiseFeed(
  def: CalendarDefinition,
  dates: readonly FeedDate[],
  previous: readonly FeedDate[],
  windows?: WorkingWindow[],
): CalendarDefinition {
  const prevHolidays = new Set(previous.filter((d) => d.kind === 'holiday').map((d) => d.date));
  const prevWorkdays = new Set(previous.filter((d) => d.kind === 'workday').map((d) => d.date));
  const holidays = def.holidays.filter((h) => !prevHolidays.has(h));
  const extra = def.extraWorkingDays.filter((x) => !prevWorkdays.has(x.date));
  const own = new Set([...holidays, ...extra.map((x) => x.date)]);
  const worked = (date: string) => {
    const n = isoDateToDayNumber(date);
    return n !== null && (def.week[weekdayOfDayNumber(n)]?.length ?? 0) > 0;
  };
  const makeUp = makeUpWindows(def, windows);
  for (const d of dates) {
    if (own.has(d.date)) continue;
    if (d.kind === 'holiday' && worked(d.date)) holidays.push(d.date);
    else if (d.kind === 'workday' && !worked(d.date) && makeUp) extra.push({ date: d.date, windows: makeUp.map((w) => ({ ...w })) });
  }
  const byDay = (a: string, b: string) => (isoDateToDayNumber(a) ?? 0) - (isoDateToDayNumber(b) ?? 0);
  return {
    ...def,
    holidays: holidays.sort(byDay),
    extraWorkingDays: extra.sort((a, b) => byDay(a.date, b.date)),
  };
}

/** Every ISO date of a year (for feeds read day by day). */
export function datesOfYear(year: number): string[] {
  const first = isoDateToDayNumber(`${year}-01-01`)!;
  const last = isoDateToDayNumber(`${year}-12-31`)!;
  const out: string[] = [];
  for (let n = first; n <= last; n += 1) out.push(dayNumberToIsoDate(n));
  return out;
}
