/** Holiday feeds (issue 14 item 10): materialised into the calendar's dates when it is saved. */
import { feedEntries } from '../../../src/calendars/holiday-sources';
import { calendarToIcs } from '../../../src/calendars/ical';
import { withHolidayFeed } from '../../../src/calendars/calendars.service';
import { BusinessCalendar, validateCalendar } from '../../../src/domain/clock/calendar';
import { deadlineOf } from '../../../src/domain/clock/engine';
import { applyOverrides, materialiseFeed } from '../../../src/domain/clock/feed';
import { DomainValidationError } from '../../../src/domain/errors';

const day = [{ open: '09:00', close: '18:00' }];
const FIVE_BY_EIGHT = { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day };
const cal = (extra: Record<string, unknown> = {}) => validateCalendar({ zone: 'Asia/Shanghai', week: FIVE_BY_EIGHT, ...extra });

const pathsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainValidationError) return e.issues.map((i) => i.path);
    throw e;
  }
  throw new Error('no validation error');
};

describe('sources', () => {
  it('China 2026: statutory weekday holidays and the weekend make-up days (调休)', () => {
    const got = feedEntries('CN', [2026], 'f');
    if ('issues' in got) throw new Error(JSON.stringify(got.issues));
    const by = new Map(got.entries.map((e) => [e.date, e]));
    expect(by.get('2026-10-01')).toMatchObject({ kind: 'holiday', name: expect.stringContaining('国庆节') });
    expect(by.get('2026-10-10')).toMatchObject({ kind: 'workday', name: expect.stringContaining('调休') }); // a Saturday worked
    expect(by.has('2026-10-03')).toBe(false); // a Saturday off anyway: nothing to say
    expect(by.has('2026-11-27')).toBe(false); // an ordinary Friday
  });

  it('other regions through date-holidays (public holidays only)', () => {
    const got = feedEntries('DE-BY', [2026], 'f');
    if ('issues' in got) throw new Error(JSON.stringify(got.issues));
    expect(got.entries.map((e) => e.date)).toEqual(expect.arrayContaining(['2026-01-01', '2026-01-06', '2026-12-25']));
    expect(got.entries.every((e) => e.kind === 'holiday')).toBe(true);
  });

  it('an unknown region or a year without data is a field-named problem', () => {
    expect(feedEntries('XX', [2026], 'definition.holidayFeed')).toEqual({
      issues: [{ path: 'definition.holidayFeed.region', message: expect.stringContaining('unknown region "XX"') }],
    });
    expect(feedEntries('DE-ZZ', [2026], 'f')).toEqual({
      issues: [{ path: 'f.region', message: expect.stringContaining('no subdivision ZZ') }],
    });
    expect(feedEntries('CN', [2026, 2031], 'f')).toEqual({ issues: [{ path: 'f.years[1]', message: expect.stringContaining('2031') }] });
  });
});

describe('materialised when saved', () => {
  it('feed dates go into holidays and extra working days, marked in holidayFeed.dates; the engine uses them', () => {
    const saved = withHolidayFeed(cal({ holidayFeed: { region: 'CN', years: [2026] } }));
    expect(saved.holidays).toContain('2026-10-01');
    expect(saved.extraWorkingDays).toContainEqual({ date: '2026-10-10', windows: day });
    expect(saved.holidayFeed!.dates).toContainEqual(expect.objectContaining({ date: '2026-10-01', kind: 'holiday', source: 'feed' }));
    const engine = BusinessCalendar.of(saved);
    const twoHours = { amount: 2, unit: 'workingHours' as const };
    // Wed 30 Sep 17:00 Shanghai + 2 working hours: 1 h that day, then 1–7 Oct off (国庆), Thu 8 Oct 10:00.
    expect(new Date(deadlineOf(engine, Date.parse('2026-09-30T09:00:00Z'), twoHours)!).toISOString()).toBe('2026-10-08T02:00:00.000Z');
    // Fri 9 Oct 17:30 + 2 working hours: Saturday 10 Oct is a make-up working day (调休): 10:30 that Saturday.
    expect(new Date(deadlineOf(engine, Date.parse('2026-10-09T09:30:00Z'), twoHours)!).toISOString()).toBe('2026-10-10T02:30:00.000Z');
  });

  it('an admin overrides single dates; the admin’s own dates stay and win; re-saving drops stale feed dates', () => {
    const first = withHolidayFeed(cal({ holidays: ['2026-12-24'], holidayFeed: { region: 'CN', years: [2026] } }));
    const second = withHolidayFeed(
      validateCalendar({
        ...first,
        holidayFeed: {
          ...first.holidayFeed,
          overrides: [
            { date: '2026-10-07', as: 'working' },
            { date: '2026-10-10', as: 'weekly' },
            { date: '2026-11-27', as: 'holiday' },
          ],
        },
      }),
      first.holidayFeed!.dates,
    );
    expect(second.holidays).toContain('2026-12-24');
    expect(second.holidays).not.toContain('2026-10-07');
    expect(second.holidays).toContain('2026-11-27');
    expect(second.extraWorkingDays.map((x) => x.date)).not.toContain('2026-10-10');
    expect(second.holidayFeed!.dates).toContainEqual(expect.objectContaining({ date: '2026-11-27', kind: 'holiday', source: 'override' }));
    expect(second.holidayFeed!.dates).toContainEqual(expect.objectContaining({ date: '2026-10-07', kind: 'workday', source: 'override' }));
    expect(second.holidayFeed!.dates!.some((d) => d.date === '2026-10-10')).toBe(false);
  });

  it('unknown region: a field-named error', () => {
    expect(pathsOf(() => withHolidayFeed(cal({ holidayFeed: { region: 'XX', years: [2026] } })))).toEqual([
      'definition.holidayFeed.region',
    ]);
    expect(pathsOf(() => validateCalendar({ zone: 'UTC', week: FIVE_BY_EIGHT, holidayFeed: { region: 'china', years: [] } }))).toEqual([
      'holidayFeed.region',
      'holidayFeed.years',
    ]);
  });

  it('pure merge: a feed holiday on a day off and a make-up day on a worked day change nothing', () => {
    const def = cal();
    const dates = applyOverrides(
      [
        { date: '2026-10-03', kind: 'holiday', name: 'x' }, // Saturday
        { date: '2026-10-09', kind: 'workday', name: 'y' }, // Friday
      ],
      [],
    );
    expect(materialiseFeed(def, dates, [])).toMatchObject({ holidays: [], extraWorkingDays: [] });
  });
});

describe('iCalendar', () => {
  it('one all-day event per holiday and working day, CRLF, folded, feed names kept', () => {
    const saved = withHolidayFeed(cal({ holidayFeed: { region: 'CN', years: [2026] } }));
    const ics = calendarToIcs({ id: 'cal-1', name: 'Hengzhong 5×8', definition: saved, updatedAt: new Date(Date.UTC(2026, 0, 1)) });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('DTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261002\r\n');
    expect(ics).toContain('UID:workday-2026-10-10@cal-1');
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:Holiday: 国庆节 National Day');
    expect((ics.match(/BEGIN:VEVENT/g) ?? []).length).toBe(saved.holidays.length + saved.extraWorkingDays.length);
  });
});
