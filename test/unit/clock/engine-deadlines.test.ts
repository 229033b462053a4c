import { DateTime } from 'luxon';
import {
  BusinessCalendar,
  CALENDAR_24X7,
  CalendarDefinition,
  Duration,
  WorkingWindow,
  clockKind,
  deadlineOf,
  durationToMs,
  runningTime,
  toUtcIso,
  toZonedIso,
} from '../../../src/domain/clock';

const H = 3_600_000;
const MIN = 60_000;

function at(iso: string, zone: string): number {
  const dt = DateTime.fromISO(iso, { zone });
  if (!dt.isValid) throw new Error(`bad test instant ${iso}`);
  return dt.toMillis();
}
const weekdays = (windows: WorkingWindow[]): CalendarDefinition['week'] => ({
  monday: windows,
  tuesday: windows,
  wednesday: windows,
  thursday: windows,
  friday: windows,
});
const every = (windows: WorkingWindow[]): CalendarDefinition['week'] => ({
  ...weekdays(windows),
  saturday: windows,
  sunday: windows,
});
const cal = (
  zone: string,
  week: CalendarDefinition['week'],
  holidays: string[] = [],
  extraWorkingDays: CalendarDefinition['extraWorkingDays'] = [],
) => BusinessCalendar.of({ zone, week, holidays, extraWorkingDays });

/** Deadline shown in the calendar's zone. */
function due(c: BusinessCalendar, startIso: string, duration: Duration): string | null {
  const d = deadlineOf(c, at(startIso, c.zone), duration);
  return d === null ? null : toZonedIso(d, c.zone);
}

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const BER = 'Europe/Berlin';
const FIVE_BY_NINE_SH = cal(SH, weekdays([{ open: '09:00', close: '18:00' }]));
const FIVE_BY_EIGHT_SH = cal(SH, weekdays([{ open: '09:00', close: '17:00' }]));
const LUNCH_SH = cal(
  SH,
  weekdays([
    { open: '09:00', close: '12:00' },
    { open: '13:30', close: '18:00' },
  ]),
);
/** China National Day 2026: Oct 1–7 off, make-up working Sunday Sep 27 and Saturday Oct 10. */
const NATIONAL_DAY = cal(
  SH,
  weekdays([
    { open: '09:00', close: '12:00' },
    { open: '13:30', close: '18:00' },
  ]),
  ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  [
    {
      date: '2026-09-27',
      windows: [
        { open: '09:00', close: '12:00' },
        { open: '13:30', close: '18:00' },
      ],
    },
    {
      date: '2026-10-10',
      windows: [
        { open: '09:00', close: '12:00' },
        { open: '13:30', close: '18:00' },
      ],
    },
  ],
);
const TWENTY_FOUR_SEVEN = BusinessCalendar.of(CALENDAR_24X7);

describe('clockKind / durationToMs', () => {
  it('classifies units', () => {
    for (const u of ['seconds', 'minutes', 'hours', 'days'] as const) expect(clockKind(u)).toBe('wall');
    for (const u of ['workingMinutes', 'workingHours', 'workingDays'] as const) expect(clockKind(u)).toBe('working');
    expect(() => clockKind('weeks' as never)).toThrow(/unknown unit/);
  });

  it('converts wall units to ms, rounding fractions to whole ms', () => {
    expect(durationToMs({ amount: 30, unit: 'seconds' })).toBe(30_000);
    expect(durationToMs({ amount: 1.5, unit: 'minutes' })).toBe(90_000);
    expect(durationToMs({ amount: 2, unit: 'hours' })).toBe(2 * H);
    expect(durationToMs({ amount: 1, unit: 'days' })).toBe(24 * H);
    expect(durationToMs({ amount: 0.0015, unit: 'seconds' })).toBe(2);
    expect(() => durationToMs({ amount: 1, unit: 'workingHours' })).toThrow(/working-time unit/);
  });
});

describe('public worked examples', () => {
  it('weekday 08:00–17:00: started Friday 21:00, read Monday 09:30 → 1 h 30 min elapsed', () => {
    const c = cal(SH, weekdays([{ open: '08:00', close: '17:00' }]));
    // 2026-01-09 is a Friday.
    expect(runningTime(c, 'working', at('2026-01-09T21:00', SH), at('2026-01-12T09:30', SH))).toBe(90 * MIN);
  });

  it('16 working hours from Monday 11:00 on Mon 09–17, Tue 09–16, Wed none, Thu 08–17 → Thursday 11:00', () => {
    const c = cal(SH, {
      monday: [{ open: '09:00', close: '17:00' }],
      tuesday: [{ open: '09:00', close: '16:00' }],
      thursday: [{ open: '08:00', close: '17:00' }],
    });
    expect(due(c, '2026-01-12T11:00', { amount: 16, unit: 'workingHours' })).toBe('2026-01-15T11:00:00.000+08:00');
    expect(due(c, '2026-01-12T11:00', { amount: 960, unit: 'workingMinutes' })).toBe('2026-01-15T11:00:00.000+08:00');
  });
});

describe('wall clock deadlines', () => {
  it('are start + amount whatever the calendar', () => {
    const start = at('2026-01-16T17:30', SH); // Friday evening, outside working time
    expect(deadlineOf(FIVE_BY_NINE_SH, start, { amount: 2, unit: 'hours' })).toBe(start + 2 * H);
    expect(deadlineOf(FIVE_BY_NINE_SH, start, { amount: 45, unit: 'seconds' })).toBe(start + 45_000);
    expect(deadlineOf(FIVE_BY_NINE_SH, start, { amount: 30, unit: 'minutes' })).toBe(start + 30 * MIN);
    expect(deadlineOf(FIVE_BY_NINE_SH, start, { amount: 3, unit: 'days' })).toBe(start + 72 * H);
    expect(deadlineOf(FIVE_BY_NINE_SH, start, { amount: 0.25, unit: 'hours' })).toBe(start + 15 * MIN);
    expect(deadlineOf(NATIONAL_DAY, at('2026-09-30T12:00', SH), { amount: 1, unit: 'days' })).toBe(at('2026-10-01T12:00', SH));
  });

  it.each([
    [NY, '2026-03-07T12:00', '2026-03-08T13:00:00.000-04:00'],
    [NY, '2026-10-31T12:00', '2026-11-01T11:00:00.000-05:00'],
    [BER, '2026-03-28T12:00', '2026-03-29T13:00:00.000+02:00'],
    [BER, '2026-10-24T12:00', '2026-10-25T11:00:00.000+01:00'],
  ])('a wall day is exactly 24 h across DST (%s, %s)', (zone, startIso, expected) => {
    const c = cal(zone, weekdays([{ open: '09:00', close: '17:00' }]));
    const start = at(startIso, zone);
    const d = deadlineOf(c, start, { amount: 1, unit: 'days' }) as number;
    expect(d - start).toBe(24 * H);
    expect(toZonedIso(d, zone)).toBe(expected);
    expect(deadlineOf(c, start, { amount: 24, unit: 'hours' })).toBe(d);
    expect(runningTime(c, 'wall', start, d)).toBe(24 * H);
  });
});

describe('working minutes / hours', () => {
  it('count only working time, skipping nights and weekends', () => {
    expect(due(FIVE_BY_NINE_SH, '2026-01-13T10:00', { amount: 4, unit: 'workingHours' })).toBe('2026-01-13T14:00:00.000+08:00');
    expect(due(FIVE_BY_NINE_SH, '2026-01-13T16:00', { amount: 4, unit: 'workingHours' })).toBe('2026-01-14T11:00:00.000+08:00');
    expect(due(FIVE_BY_NINE_SH, '2026-01-16T16:00', { amount: 4, unit: 'workingHours' })).toBe('2026-01-19T11:00:00.000+08:00');
    expect(due(FIVE_BY_NINE_SH, '2026-01-16T16:00', { amount: 30, unit: 'workingMinutes' })).toBe('2026-01-16T16:30:00.000+08:00');
    expect(due(FIVE_BY_NINE_SH, '2026-01-13T10:00', { amount: 9 * 5, unit: 'workingHours' })).toBe('2026-01-20T10:00:00.000+08:00');
  });

  it('a start outside working time begins at the next opening', () => {
    expect(due(FIVE_BY_NINE_SH, '2026-01-13T06:00', { amount: 1, unit: 'workingHours' })).toBe('2026-01-13T10:00:00.000+08:00');
    expect(due(FIVE_BY_NINE_SH, '2026-01-13T19:00', { amount: 1, unit: 'workingHours' })).toBe('2026-01-14T10:00:00.000+08:00');
    expect(due(FIVE_BY_NINE_SH, '2026-01-17T10:00', { amount: 1, unit: 'workingHours' })).toBe('2026-01-19T10:00:00.000+08:00');
  });

  it('a deadline landing exactly on a close is that close, not the next opening', () => {
    expect(due(FIVE_BY_NINE_SH, '2026-01-13T14:00', { amount: 4, unit: 'workingHours' })).toBe('2026-01-13T18:00:00.000+08:00');
    expect(due(FIVE_BY_NINE_SH, '2026-01-16T09:00', { amount: 9, unit: 'workingHours' })).toBe('2026-01-16T18:00:00.000+08:00');
    expect(due(LUNCH_SH, '2026-01-13T09:00', { amount: 3, unit: 'workingHours' })).toBe('2026-01-13T12:00:00.000+08:00');
  });

  it('skip a lunch break', () => {
    expect(due(LUNCH_SH, '2026-01-13T11:00', { amount: 2, unit: 'workingHours' })).toBe('2026-01-13T14:30:00.000+08:00');
    expect(due(LUNCH_SH, '2026-01-13T12:15', { amount: 30, unit: 'workingMinutes' })).toBe('2026-01-13T14:00:00.000+08:00');
    expect(due(LUNCH_SH, '2026-01-13T17:00', { amount: 4, unit: 'workingHours' })).toBe('2026-01-14T12:00:00.000+08:00');
    expect(due(LUNCH_SH, '2026-01-13T17:00', { amount: 241, unit: 'workingMinutes' })).toBe('2026-01-14T13:31:00.000+08:00');
    expect(due(LUNCH_SH, '2026-01-13T17:00', { amount: 4.5, unit: 'workingHours' })).toBe('2026-01-14T14:00:00.000+08:00');
  });

  it('fractional amounts are rounded to whole ms', () => {
    const start = at('2026-01-13T10:00', SH);
    expect(deadlineOf(FIVE_BY_NINE_SH, start, { amount: 0.5, unit: 'workingMinutes' })).toBe(start + 30_000);
    expect(deadlineOf(FIVE_BY_NINE_SH, start, { amount: 1 / 3, unit: 'workingHours' })).toBe(start + 1_200_000);
    expect(deadlineOf(FIVE_BY_NINE_SH, start, { amount: 0.00001, unit: 'workingMinutes' })).toBe(start + 1);
  });

  it('skip holidays and count make-up days (China National Day 2026)', () => {
    // Wed Sep 30 17:00: 1 h that day, then Oct 1–7 off, Thu Oct 8 and Fri Oct 9 7.5 h each → 16 h = Fri 18:00.
    expect(due(NATIONAL_DAY, '2026-09-30T17:00', { amount: 16, unit: 'workingHours' })).toBe('2026-10-09T18:00:00.000+08:00');
    expect(due(NATIONAL_DAY, '2026-09-30T17:00', { amount: 17, unit: 'workingHours' })).toBe('2026-10-10T10:00:00.000+08:00');
    expect(due(NATIONAL_DAY, '2026-09-30T17:00', { amount: 2, unit: 'workingHours' })).toBe('2026-10-08T10:00:00.000+08:00');
    // Saturday Sep 26: the next working time is the make-up Sunday.
    expect(due(NATIONAL_DAY, '2026-09-26T10:00', { amount: 1, unit: 'workingHours' })).toBe('2026-09-27T10:00:00.000+08:00');
    // A holiday start begins at the next opening after the holiday week.
    expect(due(NATIONAL_DAY, '2026-10-03T10:00', { amount: 30, unit: 'workingMinutes' })).toBe('2026-10-08T09:30:00.000+08:00');
  });

  it('a make-up Saturday on an otherwise 5-day calendar', () => {
    const c = cal(
      SH,
      weekdays([{ open: '09:00', close: '18:00' }]),
      [],
      [{ date: '2026-01-17', windows: [{ open: '09:00', close: '12:00' }] }],
    );
    expect(due(c, '2026-01-16T17:00', { amount: 3, unit: 'workingHours' })).toBe('2026-01-17T11:00:00.000+08:00');
    expect(due(c, '2026-01-16T17:00', { amount: 5, unit: 'workingHours' })).toBe('2026-01-19T10:00:00.000+08:00');
  });

  it('an extra working day overrides the windows of a weekday', () => {
    const c = cal(
      SH,
      weekdays([{ open: '09:00', close: '18:00' }]),
      [],
      [{ date: '2026-01-14', windows: [{ open: '14:00', close: '15:00' }] }],
    );
    expect(due(c, '2026-01-13T17:00', { amount: 2, unit: 'workingHours' })).toBe('2026-01-14T15:00:00.000+08:00');
    expect(due(c, '2026-01-13T17:00', { amount: 3, unit: 'workingHours' })).toBe('2026-01-15T10:00:00.000+08:00');
  });

  it('a night window crossing midnight', () => {
    const c = cal(
      SH,
      every([
        { open: '00:00', close: '06:00' },
        { open: '22:00', close: '24:00' },
      ]),
    );
    expect(due(c, '2026-01-13T12:00', { amount: 3, unit: 'workingHours' })).toBe('2026-01-14T01:00:00.000+08:00');
    expect(due(c, '2026-01-13T23:00', { amount: 90, unit: 'workingMinutes' })).toBe('2026-01-14T00:30:00.000+08:00');
    expect(due(c, '2026-01-13T23:00', { amount: 7, unit: 'workingHours' })).toBe('2026-01-14T06:00:00.000+08:00');
    expect(due(c, '2026-01-13T23:00', { amount: 8, unit: 'workingHours' })).toBe('2026-01-14T23:00:00.000+08:00');
    // A 22:00–24:00 window on Friday only, with Saturday 00:00–06:00.
    const fri = cal(SH, { friday: [{ open: '22:00', close: '24:00' }], saturday: [{ open: '00:00', close: '06:00' }] });
    expect(due(fri, '2026-01-14T12:00', { amount: 2, unit: 'workingHours' })).toBe('2026-01-17T00:00:00.000+08:00');
    expect(due(fri, '2026-01-14T12:00', { amount: 8, unit: 'workingHours' })).toBe('2026-01-17T06:00:00.000+08:00');
    expect(due(fri, '2026-01-14T12:00', { amount: 9, unit: 'workingHours' })).toBe('2026-01-23T23:00:00.000+08:00');
  });

  it('24x7 working time equals wall time', () => {
    const start = at('2026-03-07T12:34:56.789', 'UTC');
    expect(deadlineOf(TWENTY_FOUR_SEVEN, start, { amount: 100, unit: 'workingHours' })).toBe(start + 100 * H);
    expect(deadlineOf(TWENTY_FOUR_SEVEN, start, { amount: 7, unit: 'workingMinutes' })).toBe(start + 7 * MIN);
  });

  it.each([
    [NY, '2026-03-08T01:00-05:00', '2026-03-08T04:00:00.000-04:00', '2026-03-09T02:00:00.000-04:00', '2026-03-09T03:00:00.000-04:00'],
    [NY, '2026-11-01T01:00-04:00', '2026-11-01T02:00:00.000-05:00', '2026-11-01T03:00:00.000-05:00', '2026-11-01T04:00:00.000-05:00'],
    [BER, '2026-03-29T01:00+01:00', '2026-03-29T04:00:00.000+02:00', '2026-03-30T02:00:00.000+02:00', '2026-03-30T03:00:00.000+02:00'],
    [BER, '2026-10-25T01:00+02:00', '2026-10-25T02:00:00.000+01:00', '2026-10-25T03:00:00.000+01:00', '2026-10-25T04:00:00.000+01:00'],
  ])('a 01:00–04:00 window across a DST change (%s %s)', (zone, startIso, after2h, after3h, after4h) => {
    const c = cal(zone, every([{ open: '01:00', close: '04:00' }]));
    const start = at(startIso, zone);
    const show = (h: number) => toZonedIso(deadlineOf(c, start, { amount: h, unit: 'workingHours' }) as number, zone);
    expect(show(2)).toBe(after2h);
    expect(show(3)).toBe(after3h);
    expect(show(4)).toBe(after4h);
  });

  it('a 5×8 New York calendar across the spring-forward weekend', () => {
    const c = cal(NY, weekdays([{ open: '09:00', close: '17:00' }]));
    expect(due(c, '2026-03-06T16:00', { amount: 2, unit: 'workingHours' })).toBe('2026-03-09T10:00:00.000-04:00');
    expect(due(c, '2026-10-30T16:00', { amount: 2, unit: 'workingHours' })).toBe('2026-11-02T10:00:00.000-05:00');
  });

  // Speed is measured by the benchmark (bench/), never asserted here.
  it('a two-year deadline on a 5×8 calendar lands where a day-by-day walk says (fresh calendar, nothing memoized)', () => {
    const def = NATIONAL_DAY.definition;
    const start = at('2026-01-05T09:00', SH);
    const time = (f: (c: BusinessCalendar) => unknown) => ({ result: f(BusinessCalendar.of(def)) });
    const hours = time((c) => deadlineOf(c, start, { amount: 3750, unit: 'workingHours' }));
    const days = time((c) => deadlineOf(c, start, { amount: 500, unit: 'workingDays' }));
    const paused = time((c) =>
      deadlineOf(c, start, { amount: 3750, unit: 'workingHours' }, [{ from: start + 10 * H, to: start + 400 * H }]),
    );
    const elapsed = time((c) => runningTime(c, 'working', start, hours.result as number));
    expect(elapsed.result).toBe(3750 * H);
    // Independent oracle: walk local dates with luxon; every working date of this calendar has 7.5 h.
    const isWorkingDate = (d: DateTime) => {
      const iso = d.toISODate() as string;
      if (def.extraWorkingDays.some((x) => x.date === iso)) return true;
      return d.weekday <= 5 && !def.holidays.includes(iso);
    };
    const nthWorkingDate = (from: DateTime, n: number) => {
      let d = from;
      for (let k = 0; k < n;) {
        d = d.plus({ days: 1 });
        if (isWorkingDate(d)) k++;
      }
      return d;
    };
    const monday = DateTime.fromISO('2026-01-05', { zone: SH });
    // 3750 h = 500 full days: the 500th working date counting Monday itself, at 18:00.
    expect(toZonedIso(hours.result as number, SH)).toBe(`${nthWorkingDate(monday, 499).toISODate()}T18:00:00.000+08:00`);
    expect(toZonedIso(days.result as number, SH)).toBe(`${nthWorkingDate(monday, 500).toISODate()}T09:00:00.000+08:00`);
    expect(toZonedIso(days.result as number, SH).slice(0, 4)).toBe('2027');
    expect(paused.result as number).toBeGreaterThan(hours.result as number);
  });
});

describe('working days', () => {
  it('DESIGN examples: Tue 14:00 + 2 = Thu 14:00; Fri 17:00 + 2 = Tue 17:00; Saturday counts from Monday', () => {
    expect(due(FIVE_BY_NINE_SH, '2026-01-13T14:00', { amount: 2, unit: 'workingDays' })).toBe('2026-01-15T14:00:00.000+08:00');
    expect(due(FIVE_BY_NINE_SH, '2026-01-16T17:00', { amount: 2, unit: 'workingDays' })).toBe('2026-01-20T17:00:00.000+08:00');
    expect(due(FIVE_BY_NINE_SH, '2026-01-17T10:00', { amount: 1, unit: 'workingDays' })).toBe('2026-01-20T09:00:00.000+08:00');
    expect(due(FIVE_BY_NINE_SH, '2026-01-18T23:59', { amount: 1, unit: 'workingDays' })).toBe('2026-01-20T09:00:00.000+08:00');
  });

  it('a start exactly at the last close keeps the full-day position (09–17: Fri 17:00 + 2 = Tue 17:00)', () => {
    expect(due(FIVE_BY_EIGHT_SH, '2026-01-16T17:00', { amount: 2, unit: 'workingDays' })).toBe('2026-01-20T17:00:00.000+08:00');
  });

  it('a start after the last close counts from the next working day opening', () => {
    expect(due(FIVE_BY_EIGHT_SH, '2026-01-16T17:30', { amount: 2, unit: 'workingDays' })).toBe('2026-01-21T09:00:00.000+08:00');
    expect(due(FIVE_BY_EIGHT_SH, '2026-01-13T23:00', { amount: 1, unit: 'workingDays' })).toBe('2026-01-15T09:00:00.000+08:00');
  });

  it('a start before the opening of a working day has position 0', () => {
    expect(due(FIVE_BY_EIGHT_SH, '2026-01-13T07:00', { amount: 1, unit: 'workingDays' })).toBe('2026-01-14T09:00:00.000+08:00');
    expect(due(FIVE_BY_EIGHT_SH, '2026-01-13T09:00', { amount: 1, unit: 'workingDays' })).toBe('2026-01-14T09:00:00.000+08:00');
    expect(due(FIVE_BY_EIGHT_SH, '2026-01-13T00:00', { amount: 3, unit: 'workingDays' })).toBe('2026-01-16T09:00:00.000+08:00');
  });

  it('use the working-time-of-day position across a lunch break', () => {
    expect(due(LUNCH_SH, '2026-01-13T14:00', { amount: 1, unit: 'workingDays' })).toBe('2026-01-14T14:00:00.000+08:00');
    // During lunch the position is 3 h: the first instant with 3 h worked is the morning close.
    expect(due(LUNCH_SH, '2026-01-13T12:45', { amount: 1, unit: 'workingDays' })).toBe('2026-01-14T12:00:00.000+08:00');
    expect(due(LUNCH_SH, '2026-01-13T12:00', { amount: 1, unit: 'workingDays' })).toBe('2026-01-14T12:00:00.000+08:00');
  });

  it('position on a target day with different windows', () => {
    // Start Thu 10:00 on 09–18 (position 1 h); Friday opens 13:00–15:00 → Friday 14:00.
    const c = cal(SH, {
      thursday: [{ open: '09:00', close: '18:00' }],
      friday: [{ open: '13:00', close: '15:00' }],
    });
    expect(due(c, '2026-01-15T10:00', { amount: 1, unit: 'workingDays' })).toBe('2026-01-16T14:00:00.000+08:00');
    // Position 5 h is more than Friday's 2 h: Friday's last close.
    expect(due(c, '2026-01-15T14:00', { amount: 1, unit: 'workingDays' })).toBe('2026-01-16T15:00:00.000+08:00');
    // And back: Friday 14:30 (position 1.5 h) + 1 → Thursday 10:30.
    expect(due(c, '2026-01-16T14:30', { amount: 1, unit: 'workingDays' })).toBe('2026-01-22T10:30:00.000+08:00');
  });

  it('skip holidays and count make-up days (China National Day 2026)', () => {
    // Wed Sep 30 17:00 has position 6.5 h → Thu Oct 8 (1st) → Fri Oct 9 (2nd) 17:00.
    expect(due(NATIONAL_DAY, '2026-09-30T17:00', { amount: 2, unit: 'workingDays' })).toBe('2026-10-09T17:00:00.000+08:00');
    expect(due(NATIONAL_DAY, '2026-10-09T17:00', { amount: 1, unit: 'workingDays' })).toBe('2026-10-10T17:00:00.000+08:00');
    expect(due(NATIONAL_DAY, '2026-09-25T10:00', { amount: 1, unit: 'workingDays' })).toBe('2026-09-27T10:00:00.000+08:00');
    // Started on a holiday: counts from the next working day's opening (Oct 8) → Oct 9 09:00.
    expect(due(NATIONAL_DAY, '2026-10-02T10:00', { amount: 1, unit: 'workingDays' })).toBe('2026-10-09T09:00:00.000+08:00');
  });

  it('a short make-up day clamps the position to its last close', () => {
    const c = cal(
      SH,
      weekdays([{ open: '09:00', close: '18:00' }]),
      [],
      [{ date: '2026-01-17', windows: [{ open: '09:00', close: '12:00' }] }],
    );
    expect(due(c, '2026-01-16T15:00', { amount: 1, unit: 'workingDays' })).toBe('2026-01-17T12:00:00.000+08:00');
    expect(due(c, '2026-01-16T10:00', { amount: 1, unit: 'workingDays' })).toBe('2026-01-17T10:00:00.000+08:00');
    expect(due(c, '2026-01-16T15:00', { amount: 2, unit: 'workingDays' })).toBe('2026-01-19T15:00:00.000+08:00');
  });

  it('on 24x7, N working days = N × 24 h (except across DST in a local zone)', () => {
    const start = at('2026-01-13T14:00', 'UTC');
    expect(deadlineOf(TWENTY_FOUR_SEVEN, start, { amount: 3, unit: 'workingDays' })).toBe(start + 72 * H);
    const berlin = cal(BER, every([{ open: '00:00', close: '24:00' }]));
    // Same local time of day: Sat 14:00 CET + 1 working day = Sun 14:00 CEST (23 h later).
    expect(due(berlin, '2026-03-28T14:00', { amount: 1, unit: 'workingDays' })).toBe('2026-03-29T15:00:00.000+02:00');
  });

  it('across DST on a 5×8 New York calendar keeps the local time of day', () => {
    const c = cal(NY, weekdays([{ open: '09:00', close: '17:00' }]));
    expect(due(c, '2026-03-06T14:00', { amount: 1, unit: 'workingDays' })).toBe('2026-03-09T14:00:00.000-04:00');
    expect(due(c, '2026-10-30T14:00', { amount: 1, unit: 'workingDays' })).toBe('2026-11-02T14:00:00.000-05:00');
  });

  it('days with working time only in a DST gap are not working days', () => {
    const c = cal(NY, { sunday: [{ open: '02:00', close: '02:30' }], monday: [{ open: '09:00', close: '17:00' }] });
    // Saturday Mar 7: the next working day would be Sunday Mar 8, but its window does not exist.
    expect(due(c, '2026-03-07T10:00', { amount: 1, unit: 'workingDays' })).toBe('2026-03-15T02:00:00.000-04:00');
  });

  it('a night-shift calendar: working days are local dates', () => {
    const c = cal(
      SH,
      every([
        { open: '00:00', close: '06:00' },
        { open: '22:00', close: '24:00' },
      ]),
    );
    // Tue 23:00 has position 7 h (6 h + 1 h) → Wed 23:00.
    expect(due(c, '2026-01-13T23:00', { amount: 1, unit: 'workingDays' })).toBe('2026-01-14T23:00:00.000+08:00');
    // Tue 03:00 (position 3 h) → Wed 03:00.
    expect(due(c, '2026-01-13T03:00', { amount: 1, unit: 'workingDays' })).toBe('2026-01-14T03:00:00.000+08:00');
  });
});

describe('duration validation', () => {
  const start = at('2026-01-13T10:00', SH);
  const bad = (d: unknown) => {
    try {
      deadlineOf(FIVE_BY_NINE_SH, start, d as Duration);
    } catch (e) {
      return (e as { name: string; issues: Array<{ path: string }> }).issues.map((i) => i.path).join(',') + ':' + (e as Error).name;
    }
    return 'no error';
  };
  it.each([
    [{ amount: 0, unit: 'hours' }, 'amount'],
    [{ amount: -1, unit: 'workingHours' }, 'amount'],
    [{ amount: Number.NaN, unit: 'minutes' }, 'amount'],
    [{ amount: Number.POSITIVE_INFINITY, unit: 'seconds' }, 'amount'],
    [{ amount: '2', unit: 'hours' }, 'amount'],
    [{ amount: 1.5, unit: 'workingDays' }, 'amount'],
    [{ amount: 2, unit: 'weeks' }, 'unit'],
    [{ amount: 0, unit: 'weeks' }, 'unit,amount'],
    [{ amount: 1e-9, unit: 'seconds' }, 'amount'],
    [{ amount: 1e9, unit: 'hours' }, 'amount'],
    [{ amount: 5000, unit: 'workingDays' }, 'amount'],
    [null, 'duration'],
  ])('%j is refused at %s', (d, path) => {
    expect(bad(d)).toBe(`${path}:DomainValidationError`);
  });

  it('refuses a non-finite start', () => {
    expect(() => deadlineOf(FIVE_BY_NINE_SH, Number.NaN, { amount: 1, unit: 'hours' })).toThrow(/start/);
  });
});

describe('formatting', () => {
  it('toZonedIso gives ISO 8601 with the zone offset and ms', () => {
    expect(toZonedIso(Date.UTC(2026, 2, 8, 7, 0, 0), NY)).toBe('2026-03-08T03:00:00.000-04:00');
    expect(toZonedIso(Date.UTC(2026, 2, 8, 6, 59, 59, 999), NY)).toBe('2026-03-08T01:59:59.999-05:00');
    expect(toZonedIso(Date.UTC(2026, 9, 1, 1, 0, 0, 5), SH)).toBe('2026-10-01T09:00:00.005+08:00');
    expect(toZonedIso(Date.UTC(2026, 0, 1), 'Asia/Kolkata')).toBe('2026-01-01T05:30:00.000+05:30');
    expect(() => toZonedIso(0, 'Nowhere/Land')).toThrow(/zone/);
  });

  it('toUtcIso gives ISO 8601 in UTC', () => {
    expect(toUtcIso(Date.UTC(2026, 2, 8, 7, 0, 0, 12))).toBe('2026-03-08T07:00:00.012Z');
    expect(toUtcIso(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});
