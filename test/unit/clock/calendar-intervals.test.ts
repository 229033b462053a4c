import { DateTime } from 'luxon';
import { BusinessCalendar, CALENDAR_24X7, CalendarDefinition, WorkingWindow, toZonedIso } from '../../../src/domain/clock';

const H = 3_600_000;
const MIN = 60_000;

/** Epoch ms of an ISO local date-time in a zone (an explicit offset in the string wins). */
function at(iso: string, zone: string): number {
  const dt = DateTime.fromISO(iso, { zone });
  if (!dt.isValid) throw new Error(`bad test instant ${iso}`);
  return dt.toMillis();
}
const utc = (iso: string) => at(iso, 'UTC');
const every = (windows: WorkingWindow[]): CalendarDefinition['week'] => ({
  monday: windows,
  tuesday: windows,
  wednesday: windows,
  thursday: windows,
  friday: windows,
  saturday: windows,
  sunday: windows,
});
const weekdays = (windows: WorkingWindow[]): CalendarDefinition['week'] => ({
  monday: windows,
  tuesday: windows,
  wednesday: windows,
  thursday: windows,
  friday: windows,
});
const isoIntervals = (list: Array<[number, number]>, zone: string) => list.map(([s, e]) => [toZonedIso(s, zone), toZonedIso(e, zone)]);

const SH = 'Asia/Shanghai';
const LUNCH = BusinessCalendar.of({
  zone: SH,
  week: weekdays([
    { open: '09:00', close: '12:00' },
    { open: '13:30', close: '18:00' },
  ]),
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkingDays: [
    { date: '2026-09-27', windows: [{ open: '09:00', close: '18:00' }] },
    { date: '2026-10-10', windows: [{ open: '09:00', close: '12:00' }] },
  ],
});

describe('BusinessCalendar.workingIntervals', () => {
  it('lists a lunch-break day as two intervals, clipped to the range', () => {
    // 2026-01-13 is a Tuesday.
    expect(isoIntervals(LUNCH.workingIntervals(at('2026-01-13T00:00', SH), at('2026-01-14T00:00', SH)), SH)).toEqual([
      ['2026-01-13T09:00:00.000+08:00', '2026-01-13T12:00:00.000+08:00'],
      ['2026-01-13T13:30:00.000+08:00', '2026-01-13T18:00:00.000+08:00'],
    ]);
    expect(isoIntervals(LUNCH.workingIntervals(at('2026-01-13T10:15', SH), at('2026-01-13T14:00', SH)), SH)).toEqual([
      ['2026-01-13T10:15:00.000+08:00', '2026-01-13T12:00:00.000+08:00'],
      ['2026-01-13T13:30:00.000+08:00', '2026-01-13T14:00:00.000+08:00'],
    ]);
    expect(LUNCH.workingIntervals(at('2026-01-13T12:00', SH), at('2026-01-13T13:30', SH))).toEqual([]);
    expect(LUNCH.workingIntervals(at('2026-01-13T14:00', SH), at('2026-01-13T14:00', SH))).toEqual([]);
    expect(LUNCH.workingIntervals(at('2026-01-13T15:00', SH), at('2026-01-13T14:00', SH))).toEqual([]);
    expect(LUNCH.workingTime(at('2026-01-12T00:00', SH), at('2026-01-19T00:00', SH))).toBe(5 * 7.5 * H);
  });

  it('skips holidays and works make-up days (China National Day 2026)', () => {
    const list = LUNCH.workingIntervals(at('2026-09-26T00:00', SH), at('2026-10-11T00:00', SH));
    const days = [...new Set(list.map(([s]) => toZonedIso(s, SH).slice(0, 10)))];
    expect(days).toEqual([
      '2026-09-27', // make-up Sunday
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10', // make-up Saturday (morning only)
    ]);
    // Oct 3-4 (weekend) are not worked either way; the make-up Sunday has its own single window.
    expect(isoIntervals(LUNCH.workingIntervals(at('2026-09-27T00:00', SH), at('2026-09-28T00:00', SH)), SH)).toEqual([
      ['2026-09-27T09:00:00.000+08:00', '2026-09-27T18:00:00.000+08:00'],
    ]);
    expect(LUNCH.workingTime(at('2026-10-10T00:00', SH), at('2026-10-11T00:00', SH))).toBe(3 * H);
  });

  it('merges adjacent intervals, including across midnight', () => {
    const night = BusinessCalendar.of({
      zone: 'Europe/Paris',
      week: every([
        { open: '00:00', close: '06:00' },
        { open: '22:00', close: '24:00' },
      ]),
      holidays: [],
      extraWorkingDays: [],
    });
    const P = 'Europe/Paris';
    expect(isoIntervals(night.workingIntervals(at('2026-01-12T12:00', P), at('2026-01-14T12:00', P)), P)).toEqual([
      ['2026-01-12T22:00:00.000+01:00', '2026-01-13T06:00:00.000+01:00'],
      ['2026-01-13T22:00:00.000+01:00', '2026-01-14T06:00:00.000+01:00'],
    ]);
    const touching = BusinessCalendar.of({
      zone: 'UTC',
      week: {
        monday: [
          { open: '09:00', close: '12:00' },
          { open: '12:00', close: '15:00' },
        ],
      },
      holidays: [],
      extraWorkingDays: [],
    });
    expect(touching.workingIntervals(utc('2026-01-12T00:00'), utc('2026-01-13T00:00'))).toEqual([
      [utc('2026-01-12T09:00'), utc('2026-01-12T15:00')],
    ]);
  });

  it('24x7 is one interval over any range', () => {
    const cal = BusinessCalendar.of(CALENDAR_24X7);
    const from = utc('2026-01-01T13:17:05.123');
    const to = utc('2027-06-30T01:02:03.004');
    expect(cal.workingIntervals(from, to)).toEqual([[from, to]]);
    expect(cal.workingTime(from, to)).toBe(to - from);
  });

  it('a 24:00 close ends at the next local midnight', () => {
    const cal = BusinessCalendar.of({
      zone: SH,
      week: { monday: [{ open: '20:00', close: '24:00' }] },
      holidays: [],
      extraWorkingDays: [],
    });
    expect(isoIntervals(cal.workingIntervals(at('2026-01-12T00:00', SH), at('2026-01-19T00:00', SH)), SH)).toEqual([
      ['2026-01-12T20:00:00.000+08:00', '2026-01-13T00:00:00.000+08:00'],
    ]);
    expect(cal.isWorking(at('2026-01-12T23:59:59.999', SH))).toBe(true);
    expect(cal.isWorking(at('2026-01-13T00:00', SH))).toBe(false);
  });
});

describe('BusinessCalendar.isWorking / nextOpening', () => {
  it('windows are half-open', () => {
    expect(LUNCH.isWorking(at('2026-01-13T09:00', SH))).toBe(true);
    expect(LUNCH.isWorking(at('2026-01-13T08:59:59.999', SH))).toBe(false);
    expect(LUNCH.isWorking(at('2026-01-13T11:59:59.999', SH))).toBe(true);
    expect(LUNCH.isWorking(at('2026-01-13T12:00', SH))).toBe(false);
    expect(LUNCH.isWorking(at('2026-01-13T18:00', SH))).toBe(false);
    expect(LUNCH.isWorking(at('2026-10-01T10:00', SH))).toBe(false); // holiday
    expect(LUNCH.isWorking(at('2026-09-27T10:00', SH))).toBe(true); // make-up Sunday
    expect(LUNCH.isWorking(at('2026-10-10T13:30', SH))).toBe(false); // make-up Saturday, morning only
  });

  it('nextOpening is t itself when working, else the next window opening', () => {
    const t = at('2026-01-13T10:00:00.001', SH);
    expect(LUNCH.nextOpening(t)).toBe(t);
    expect(toZonedIso(LUNCH.nextOpening(at('2026-01-13T12:00', SH)), SH)).toBe('2026-01-13T13:30:00.000+08:00');
    expect(toZonedIso(LUNCH.nextOpening(at('2026-01-16T18:00', SH)), SH)).toBe('2026-01-19T09:00:00.000+08:00');
    expect(toZonedIso(LUNCH.nextOpening(at('2026-09-30T18:00', SH)), SH)).toBe('2026-10-08T09:00:00.000+08:00');
    expect(toZonedIso(LUNCH.nextOpening(at('2026-09-26T11:00', SH)), SH)).toBe('2026-09-27T09:00:00.000+08:00');
  });
});

describe('DST: local window boundaries to instants', () => {
  const nightly = (zone: string) =>
    BusinessCalendar.of({ zone, week: every([{ open: '01:00', close: '04:00' }]), holidays: [], extraWorkingDays: [] });

  it.each([
    ['America/New_York', '2026-03-07', 3, '2026-03-07T01:00:00.000-05:00', '2026-03-07T04:00:00.000-05:00'],
    ['America/New_York', '2026-03-08', 2, '2026-03-08T01:00:00.000-05:00', '2026-03-08T04:00:00.000-04:00'],
    ['America/New_York', '2026-11-01', 4, '2026-11-01T01:00:00.000-04:00', '2026-11-01T04:00:00.000-05:00'],
    ['Europe/Berlin', '2026-03-29', 2, '2026-03-29T01:00:00.000+01:00', '2026-03-29T04:00:00.000+02:00'],
    ['Europe/Berlin', '2026-10-25', 4, '2026-10-25T01:00:00.000+02:00', '2026-10-25T04:00:00.000+01:00'],
    ['Europe/Berlin', '2026-10-26', 3, '2026-10-26T01:00:00.000+01:00', '2026-10-26T04:00:00.000+01:00'],
  ])('%s %s: a 01:00–04:00 window has %d h of working time', (zone, date, hours, open, close) => {
    const cal = nightly(zone);
    const list = cal.workingIntervals(at(`${date}T00:00`, zone), at(`${date}T12:00`, zone));
    expect(isoIntervals(list, zone)).toEqual([[open, close]]);
    expect(cal.workingTime(at(`${date}T00:00`, zone), at(`${date}T12:00`, zone))).toBe(hours * H);
  });

  it('a boundary inside a spring-forward gap maps to the first instant after the gap', () => {
    const NY = 'America/New_York';
    const cal = BusinessCalendar.of({
      zone: NY,
      week: { sunday: [{ open: '02:30', close: '05:00' }] },
      holidays: [],
      extraWorkingDays: [],
    });
    const [[s, e]] = cal.workingIntervals(at('2026-03-08T00:00', NY), at('2026-03-09T00:00', NY));
    expect(toZonedIso(s, NY)).toBe('2026-03-08T03:00:00.000-04:00');
    expect(toZonedIso(e, NY)).toBe('2026-03-08T05:00:00.000-04:00');
    // luxon's own default would have shifted 02:30 to 03:30 (by the gap length); we do not.
    expect(DateTime.fromObject({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, { zone: NY }).toISO()).toBe(
      '2026-03-08T03:30:00.000-04:00',
    );
    // A close in the gap also maps to 03:00; a window entirely in the gap vanishes.
    const gapOnly = BusinessCalendar.of({
      zone: NY,
      week: {
        sunday: [
          { open: '02:00', close: '02:30' },
          { open: '02:45', close: '03:30' },
        ],
      },
      holidays: [],
      extraWorkingDays: [],
    });
    expect(isoIntervals(gapOnly.workingIntervals(at('2026-03-08T00:00', NY), at('2026-03-09T00:00', NY)), NY)).toEqual([
      ['2026-03-08T03:00:00.000-04:00', '2026-03-08T03:30:00.000-04:00'],
    ]);
    expect(gapOnly.intervalsOfLocalDay(gapOnly.localDay(at('2026-03-08T12:00', NY)))).toHaveLength(1);
  });

  it('in a fall-back overlap an opening takes the earlier offset and a close the later one, never double-counting', () => {
    const NY = 'America/New_York';
    const cal = BusinessCalendar.of({
      zone: NY,
      week: {
        sunday: [
          { open: '00:00', close: '01:30' },
          { open: '01:30', close: '03:00' },
        ],
        saturday: [{ open: '01:30', close: '01:45' }],
      },
      holidays: [],
      extraWorkingDays: [{ date: '2026-10-31', windows: [{ open: '23:00', close: '24:00' }] }],
    });
    const day = cal.localDay(at('2026-11-01T12:00', NY));
    // 00:00 EDT → 01:30 EST and 01:30 EDT → 03:00 EST overlap between 01:30 EDT and 01:30 EST: merged.
    expect(isoIntervals(cal.intervalsOfLocalDay(day), NY)).toEqual([['2026-11-01T00:00:00.000-04:00', '2026-11-01T03:00:00.000-05:00']]);
    expect(cal.workingMsOfLocalDay(day)).toBe(4 * H);
    const oneHalf = BusinessCalendar.of({
      zone: NY,
      week: { sunday: [{ open: '01:30', close: '01:45' }] },
      holidays: [],
      extraWorkingDays: [],
    });
    // 01:30 EDT → 01:45 EST: 1 h 15 min.
    expect(oneHalf.workingTime(at('2026-11-01T00:00', NY), at('2026-11-02T00:00', NY))).toBe(75 * MIN);
    // With the previous day ending at 24:00 the ranges are merged across midnight.
    expect(isoIntervals(cal.workingIntervals(at('2026-10-31T20:00', NY), at('2026-11-01T12:00', NY)), NY)).toEqual([
      ['2026-10-31T23:00:00.000-04:00', '2026-11-01T03:00:00.000-05:00'],
    ]);
  });

  it('a working day over the DST change is 23 h / 25 h of working time on a 24x7 local calendar', () => {
    const B = 'Europe/Berlin';
    const cal = BusinessCalendar.of({ zone: B, week: every([{ open: '00:00', close: '24:00' }]), holidays: [], extraWorkingDays: [] });
    expect(cal.workingMsOfLocalDay(cal.localDay(at('2026-03-29T12:00', B)))).toBe(23 * H);
    expect(cal.workingMsOfLocalDay(cal.localDay(at('2026-10-25T12:00', B)))).toBe(25 * H);
    expect(cal.workingMsOfLocalDay(cal.localDay(at('2026-10-26T12:00', B)))).toBe(24 * H);
  });

  it('zones that change at midnight (America/Santiago) and half-hour zones (Australia/Lord_Howe)', () => {
    const S = 'America/Santiago';
    // 2026-09-06 00:00 does not exist in Santiago (clocks go 00:00 → 01:00).
    const cal = BusinessCalendar.of({ zone: S, week: every([{ open: '00:00', close: '24:00' }]), holidays: [], extraWorkingDays: [] });
    const day = cal.localDay(at('2026-09-06T12:00', S));
    const [[s, e]] = cal.intervalsOfLocalDay(day);
    expect(toZonedIso(s, S)).toBe('2026-09-06T01:00:00.000-03:00');
    expect(toZonedIso(e, S)).toBe('2026-09-07T00:00:00.000-03:00');
    expect(e - s).toBe(23 * H);
    const LH = 'Australia/Lord_Howe';
    const lh = BusinessCalendar.of({ zone: LH, week: every([{ open: '01:00', close: '03:00' }]), holidays: [], extraWorkingDays: [] });
    // 2026-10-04 02:00 → 02:30 (30-minute shift forward).
    expect(lh.workingTime(at('2026-10-04T00:00', LH), at('2026-10-04T12:00', LH))).toBe(90 * MIN);
    // 2026-04-05 02:00 → 01:30 (30-minute shift back).
    expect(lh.workingTime(at('2026-04-05T00:00', LH), at('2026-04-05T12:00', LH))).toBe(150 * MIN);
  });
});

describe('robustness', () => {
  it('returned intervals are copies: mutating them does not affect later answers', () => {
    const day = LUNCH.localDay(at('2026-01-13T12:00', SH));
    const first = LUNCH.intervalsOfLocalDay(day);
    first[0][0] = 0;
    first.pop();
    expect(LUNCH.intervalsOfLocalDay(day)).toEqual([
      [at('2026-01-13T09:00', SH), at('2026-01-13T12:00', SH)],
      [at('2026-01-13T13:30', SH), at('2026-01-13T18:00', SH)],
    ]);
    expect(LUNCH.workingMsOfLocalDay(day)).toBe(7.5 * H);
  });

  it('refuses non-finite instants', () => {
    expect(() => LUNCH.workingIntervals(0, Number.POSITIVE_INFINITY)).toThrow(/to/);
    expect(() => LUNCH.isWorking(Number.NaN)).toThrow(/instant/);
    expect(() => LUNCH.nextOpening(Number.NaN)).toThrow(/instant/);
  });

  it('a null weekday is read as not worked', () => {
    const cal = BusinessCalendar.of({
      zone: 'UTC',
      week: { monday: [{ open: '09:00', close: '10:00' }], sunday: null },
      holidays: [],
      extraWorkingDays: [],
    });
    expect(cal.workingTime(utc('2026-01-11T00:00'), utc('2026-01-13T00:00'))).toBe(H);
  });

  it('nextWorkingDay skips holidays and finds make-up days', () => {
    const day = (iso: string) => LUNCH.localDay(at(`${iso}T12:00`, SH));
    expect(LUNCH.nextWorkingDay(day('2026-09-30'))).toBe(day('2026-10-03') + 5); // Oct 8
    expect(LUNCH.nextWorkingDay(day('2026-09-25'))).toBe(day('2026-09-27'));
  });
});

describe('long spans', () => {
  // Speed is measured by the benchmark (bench/), never asserted here.
  it('two years of working intervals on a 5×8 calendar add up to every weekday', () => {
    const NY = 'America/New_York';
    const def = { zone: NY, week: weekdays([{ open: '09:00', close: '17:00' }]), holidays: [], extraWorkingDays: [] };
    const total = BusinessCalendar.of(def).workingTime(at('2026-01-01T00:00', NY), at('2028-01-01T00:00', NY));
    expect(total).toBe((261 + 261) * 8 * H); // weekdays in 2026 and 2027
  });
});
