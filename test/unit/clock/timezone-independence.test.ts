/**
 * Results must not depend on the machine's time zone (process TZ) nor on
 * luxon's default zone: the engine only ever uses the calendar's zone.
 * Run this suite under an exotic TZ too: `TZ=Pacific/Chatham npx jest ...`
 * (UTC+12:45/+13:45, a date line away from UTC: local dates differ from UTC
 * dates most of the day, so any accidental use of local time shows up).
 */
import { Settings } from 'luxon';
import {
  BusinessCalendar,
  CALENDAR_24X7,
  CalendarDefinition,
  WorkingWindow,
  clockStatus,
  deadlineOf,
  runningTime,
  toUtcIso,
  toZonedIso,
} from '../../../src/domain/clock';

const weekdays = (windows: WorkingWindow[]): CalendarDefinition['week'] => ({
  monday: windows,
  tuesday: windows,
  wednesday: windows,
  thursday: windows,
  friday: windows,
});
const UTC_5X8 = BusinessCalendar.of({
  zone: 'UTC',
  week: weekdays([{ open: '09:00', close: '17:00' }]),
  holidays: ['2026-01-20'],
  extraWorkingDays: [],
});
const SH = BusinessCalendar.of({
  zone: 'Asia/Shanghai',
  week: weekdays([
    { open: '09:00', close: '12:00' },
    { open: '13:30', close: '18:00' },
  ]),
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkingDays: [{ date: '2026-09-27', windows: [{ open: '09:00', close: '18:00' }] }],
});
const NY_NIGHT = BusinessCalendar.of({
  zone: 'America/New_York',
  week: { sunday: [{ open: '01:00', close: '04:00' }], monday: [{ open: '01:00', close: '04:00' }] },
  holidays: [],
  extraWorkingDays: [],
});
const CHATHAM = BusinessCalendar.of({
  zone: 'Pacific/Chatham',
  week: { ...weekdays([{ open: '09:00', close: '17:00' }]), sunday: [{ open: '02:00', close: '05:00' }] },
  holidays: [],
  extraWorkingDays: [],
});
const ALL_DAY = BusinessCalendar.of(CALENDAR_24X7);

/** A fixed battery of computations, rendered as strings. Inputs built with Date.UTC only. */
function battery(): Record<string, unknown> {
  const u = Date.UTC;
  const iso = (t: number | null) => (t === null ? null : toUtcIso(t));
  return {
    utcFridayPlus2h: iso(deadlineOf(UTC_5X8, u(2026, 0, 16, 16), { amount: 2, unit: 'workingHours' })),
    utcLateEvening: iso(deadlineOf(UTC_5X8, u(2026, 0, 15, 23, 30), { amount: 30, unit: 'workingMinutes' })),
    utcWorkingDaysOverHoliday: iso(deadlineOf(UTC_5X8, u(2026, 0, 16, 14), { amount: 2, unit: 'workingDays' })),
    utcMidnightIsWorking: [
      UTC_5X8.isWorking(u(2026, 0, 16, 0)),
      UTC_5X8.isWorking(u(2026, 0, 16, 9)),
      UTC_5X8.isWorking(u(2026, 0, 17, 9)),
    ],
    utcElapsedOverWeekend: runningTime(UTC_5X8, 'working', u(2026, 0, 16, 21), u(2026, 0, 19, 9, 30)),
    shanghaiNationalDay: iso(deadlineOf(SH, u(2026, 8, 30, 9), { amount: 16, unit: 'workingHours' })),
    shanghaiMakeUpSunday: iso(deadlineOf(SH, u(2026, 8, 26, 2), { amount: 1, unit: 'workingDays' })),
    shanghaiLocalDayBoundary: iso(SH.nextOpening(u(2026, 0, 13, 15, 59))),
    newYorkSpringForward: iso(deadlineOf(NY_NIGHT, u(2026, 2, 8, 6), { amount: 2, unit: 'workingHours' })),
    newYorkFallBackWindow: NY_NIGHT.workingTime(u(2026, 10, 1, 0), u(2026, 10, 2, 0)),
    chathamWorkingDay: iso(deadlineOf(CHATHAM, u(2026, 0, 15, 22), { amount: 1, unit: 'workingDays' })),
    chathamDstEndSunday: CHATHAM.workingTime(u(2026, 3, 4, 0), u(2026, 3, 5, 12)),
    chathamDstStartSunday: CHATHAM.workingTime(u(2026, 8, 26, 0), u(2026, 8, 27, 12)),
    wallDay: iso(deadlineOf(ALL_DAY, u(2026, 2, 28, 12), { amount: 1, unit: 'days' })),
    status: clockStatus(UTC_5X8, u(2026, 0, 16, 16), { amount: 4, unit: 'workingHours' }, u(2026, 0, 19, 10), [
      { from: u(2026, 0, 16, 16, 30), to: u(2026, 0, 16, 17) },
    ]),
    zoned: [
      toZonedIso(u(2026, 0, 1), 'Pacific/Chatham'),
      toZonedIso(u(2026, 6, 1), 'Pacific/Chatham'),
      toZonedIso(u(2026, 2, 8, 7), 'America/New_York'),
      toZonedIso(u(2026, 9, 25, 1), 'Europe/Berlin'),
    ],
  };
}

const EXPECTED = {
  utcFridayPlus2h: '2026-01-19T10:00:00.000Z',
  utcLateEvening: '2026-01-16T09:30:00.000Z',
  // Fri 14:00 (position 5 h) → Mon 19 (1st) → Tue 20 is a holiday → Wed 21 (2nd) 14:00.
  utcWorkingDaysOverHoliday: '2026-01-21T14:00:00.000Z',
  utcMidnightIsWorking: [false, true, false],
  utcElapsedOverWeekend: 30 * 60_000,
  // 2026-09-30T09:00Z is Wed 17:00 in Shanghai: 1 h that day, Oct 1–7 off, Oct 8 and 9 7.5 h each → Oct 9 18:00+08.
  shanghaiNationalDay: '2026-10-09T10:00:00.000Z',
  // Sat Sep 26 10:00+08 → base day is the make-up Sunday Sep 27, +1 → Mon Sep 28 09:00+08.
  shanghaiMakeUpSunday: '2026-09-28T01:00:00.000Z',
  // 2026-01-13T15:59Z is Jan 13 23:59 in Shanghai → next opening Jan 14 09:00+08.
  shanghaiLocalDayBoundary: '2026-01-14T01:00:00.000Z',
  newYorkSpringForward: '2026-03-08T08:00:00.000Z',
  newYorkFallBackWindow: 4 * 3_600_000,
  // 2026-01-15T22:00Z is Fri Jan 16 11:45 in Chatham (+13:45) → position 2 h 45; the next working day is
  // Sunday Jan 18 (02:00–05:00) → 04:45 local = Jan 17 15:00Z.
  chathamWorkingDay: '2026-01-17T15:00:00.000Z',
  // Chatham DST ends Sun 2026-04-05 03:45 → 02:45: a 02:00–05:00 window holds 4 h.
  chathamDstEndSunday: 4 * 3_600_000,
  // Chatham DST starts Sun 2026-09-27 02:45 → 03:45: a 02:00–05:00 window holds 2 h.
  chathamDstStartSunday: 2 * 3_600_000,
  wallDay: '2026-03-29T12:00:00.000Z',
  status: {
    // Fri 16:00–17:00 minus the 30 min pause = 30 min; Mon 09:00 + 3 h 30 → 12:30.
    dueAt: Date.UTC(2026, 0, 19, 12, 30),
    elapsedMs: 1.5 * 3_600_000,
    remainingMs: 2.5 * 3_600_000,
    pausedMs: 30 * 60_000,
    targetMs: 4 * 3_600_000,
    percentUsed: 37.5,
    breached: false,
  },
  zoned: [
    '2026-01-01T13:45:00.000+13:45',
    '2026-07-01T12:45:00.000+12:45',
    '2026-03-08T03:00:00.000-04:00',
    '2026-10-25T02:00:00.000+01:00',
  ],
};

const processZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

describe(`time-zone independence (process TZ: ${processZone}, local offset ${-new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()} min)`, () => {
  const originalDefault = Settings.defaultZone;
  afterEach(() => {
    Settings.defaultZone = originalDefault;
  });

  it('gives the expected UTC results', () => {
    expect(battery()).toEqual(EXPECTED);
  });

  it.each(['Pacific/Chatham', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/St_Johns', 'Asia/Kathmandu'])(
    'gives the same results when luxon’s default zone is %s',
    (zone) => {
      Settings.defaultZone = zone;
      expect(battery()).toEqual(EXPECTED);
    },
  );

  it('is meaningful under an exotic process TZ', () => {
    // When run with TZ=Pacific/Chatham the local calendar date differs from the UTC date for most of the day:
    // e.g. 2026-01-15T22:00Z is already Friday in Chatham while still Thursday in UTC.
    const d = new Date(Date.UTC(2026, 0, 15, 22));
    if (processZone === 'Pacific/Chatham') {
      expect(d.getDate()).toBe(16);
      expect(d.getTimezoneOffset()).toBe(-825);
    } else if (processZone === 'UTC' || processZone === 'Etc/UTC') {
      expect(d.getDate()).toBe(15);
    }
    // Either way the engine's answers are the same (asserted above).
    expect(toUtcIso(d.getTime())).toBe('2026-01-15T22:00:00.000Z');
  });
});
