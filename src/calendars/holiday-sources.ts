/**
 * The maintained holiday sources behind a calendar's `holidayFeed` (issue 14 item 10): China with its
 * make-up working days from `chinese-days`, every other region's public holidays from `date-holidays`.
 * Read only when a calendar is saved (see src/domain/clock/feed.ts); never by the clock engine.
 */
import { getDayDetail } from 'chinese-days';
import Holidays from 'date-holidays';
import { datesOfYear, type FeedEntry } from '../domain/clock/feed';
import type { FieldIssue } from '../domain/errors';

const WEEKDAY_NAMES = new Set(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
const WEEKEND = new Set(['Saturday', 'Sunday']);

/** China: a weekday off is a statutory holiday; a weekend day worked is a make-up day (调休). */
function chinaYear(year: number): FeedEntry[] | null {
  const out: FeedEntry[] = [];
  let named = 0;
  for (const date of datesOfYear(year)) {
    const d = getDayDetail(date);
    const weekday = new Date(`${date}T00:00:00Z`).toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
    if (!WEEKDAY_NAMES.has(d.name)) named += 1;
    // name "National Day,国庆节,3": English, Chinese, days.
    const [en, zh] = d.name.split(',');
    const name = zh ? `${zh} ${en}` : d.name;
    if (!d.work && !WEEKEND.has(weekday) && !WEEKDAY_NAMES.has(d.name)) out.push({ date, kind: 'holiday', name });
    else if (d.work && WEEKEND.has(weekday)) out.push({ date, kind: 'workday', name: `${name} (调休)` });
  }
  // chinese-days knows a year once the State Council has published it: no named day = no data.
  return named === 0 ? null : out;
}

function otherRegion(region: string, year: number): FeedEntry[] {
  const [country, state] = region.split('-');
  const hd = new Holidays(country, state);
  return hd
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), kind: 'holiday' as const, name: h.name }));
}

/** Why `region` is not a region the sources know, or undefined. */
export function regionProblem(region: string): string | undefined {
  if (region === 'CN') return undefined;
  const [country, state] = region.split('-');
  const hd = new Holidays();
  const countries = hd.getCountries() ?? {};
  if (!Object.prototype.hasOwnProperty.call(countries, country))
    return `unknown region "${region}": no holiday source knows country ${country}`;
  if (state !== undefined) {
    const states = hd.getStates(country) ?? {};
    if (!Object.prototype.hasOwnProperty.call(states, state)) return `unknown region "${region}": ${country} has no subdivision ${state}`;
  }
  return undefined;
}

/**
 * The feed's dates for the region and years, or the field issues (path under `path`: an unknown
 * region, a year the source has no data for yet).
 */
export function feedEntries(region: string, years: readonly number[], path: string): { entries: FeedEntry[] } | { issues: FieldIssue[] } {
  const problem = regionProblem(region);
  if (problem) return { issues: [{ path: `${path}.region`, message: problem }] };
  const issues: FieldIssue[] = [];
  const entries: FeedEntry[] = [];
  years.forEach((year, i) => {
    if (region === 'CN') {
      const got = chinaYear(year);
      if (got === null) issues.push({ path: `${path}.years[${i}]`, message: `chinese-days has no holiday data for ${year} yet` });
      else entries.push(...got);
    } else entries.push(...otherRegion(region, year));
  });
  return issues.length ? { issues } : { entries };
}
