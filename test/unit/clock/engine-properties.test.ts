import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  BusinessCalendar,
  CALENDAR_24X7,
  CalendarDefinition,
  Duration,
  Pause,
  WorkingWindow,
  clockKind,
  clockStatus,
  deadlineOf,
  durationToMs,
  runningTime,
} from '../../../src/domain/clock';

const H = 3_600_000;
const DAY = 24 * H;
const RUNS = { numRuns: 150 };

const weekdays = (windows: WorkingWindow[]): CalendarDefinition['week'] => ({
  monday: windows,
  tuesday: windows,
  wednesday: windows,
  thursday: windows,
  friday: windows,
});
const CALENDARS: Record<string, BusinessCalendar> = {
  '24x7': BusinessCalendar.of(CALENDAR_24X7),
  'Shanghai 5×8 with lunch and holidays': BusinessCalendar.of({
    zone: 'Asia/Shanghai',
    week: weekdays([
      { open: '09:00', close: '12:00' },
      { open: '13:30', close: '18:00' },
    ]),
    holidays: [
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-10-01',
      '2026-10-02',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ],
    extraWorkingDays: [
      {
        date: '2026-02-14',
        windows: [
          { open: '09:00', close: '12:00' },
          { open: '13:30', close: '18:00' },
        ],
      },
      {
        date: '2026-09-27',
        windows: [
          { open: '09:00', close: '12:00' },
          { open: '13:30', close: '18:00' },
        ],
      },
      { date: '2026-10-10', windows: [{ open: '09:00', close: '12:00' }] },
    ],
  }),
  'New York 5×8': BusinessCalendar.of({
    zone: 'America/New_York',
    week: weekdays([{ open: '09:00', close: '17:00' }]),
    holidays: ['2026-07-03', '2026-11-26', '2026-12-25'],
    extraWorkingDays: [],
  }),
  'Berlin night shift across DST': BusinessCalendar.of({
    zone: 'Europe/Berlin',
    week: {
      friday: [{ open: '22:00', close: '24:00' }],
      saturday: [
        { open: '00:00', close: '04:00' },
        { open: '22:00', close: '24:00' },
      ],
      sunday: [{ open: '00:00', close: '04:00' }],
    },
    holidays: [],
    extraWorkingDays: [],
  }),
};
const calendarNames = Object.keys(CALENDARS);
const calArb = fc.constantFrom(...calendarNames).map((n) => CALENDARS[n]);

const T0 = Date.UTC(2025, 9, 1);
const T1 = Date.UTC(2027, 3, 1);
const instantArb = fc.integer({ min: T0, max: T1 });
/** Instants that often sit on round local times (openings, closes, DST changes). */
const roundInstantArb = fc.oneof(
  instantArb,
  fc.integer({ min: T0 / (15 * 60_000), max: T1 / (15 * 60_000) }).map((q) => q * 15 * 60_000),
);

const workingMinHourArb: fc.Arbitrary<Duration> = fc.oneof(
  fc.integer({ min: 1, max: 20_000 }).map((amount) => ({ amount, unit: 'workingMinutes' as const })),
  fc.integer({ min: 1, max: 300 }).map((amount) => ({ amount, unit: 'workingHours' as const })),
);
const wallArb: fc.Arbitrary<Duration> = fc.oneof(
  fc.integer({ min: 1, max: 5_000_000 }).map((amount) => ({ amount, unit: 'seconds' as const })),
  fc.double({ min: 0.01, max: 50_000, noNaN: true }).map((amount) => ({ amount, unit: 'minutes' as const })),
  fc.integer({ min: 1, max: 2_000 }).map((amount) => ({ amount, unit: 'hours' as const })),
  fc.integer({ min: 1, max: 90 }).map((amount) => ({ amount, unit: 'days' as const })),
);
const workingDaysArb: fc.Arbitrary<Duration> = fc.integer({ min: 1, max: 40 }).map((amount) => ({ amount, unit: 'workingDays' as const }));
const anyDurationArb = fc.oneof(workingMinHourArb, wallArb, workingDaysArb);

/** Pauses near a start: some before it, most after, a few open. */
const pausesArb = (start: number): fc.Arbitrary<Pause[]> =>
  fc
    .array(
      fc.record({
        offset: fc.integer({ min: -2 * DAY, max: 40 * DAY }),
        len: fc.option(fc.integer({ min: 0, max: 4 * DAY }), { freq: 8 }),
      }),
      { maxLength: 4 },
    )
    .map((list) => list.map(({ offset, len }) => ({ from: start + offset, to: len === null ? null : start + offset + len })));

const runningMs = (cal: BusinessCalendar, start: number, d: Duration, due: number) => runningTime(cal, clockKind(d.unit), start, due);

describe('deadline properties', () => {
  it('wall deadlines without pauses are start + ms', () => {
    fc.assert(
      fc.property(calArb, instantArb, wallArb, (cal, start, d) => {
        expect(deadlineOf(cal, start, d)).toBe(start + durationToMs(d));
      }),
      RUNS,
    );
  });

  it('runningTime(start, deadlineOf(start, d)) equals the running ms of d', () => {
    fc.assert(
      fc.property(calArb, roundInstantArb, fc.oneof(workingMinHourArb, wallArb), (cal, start, d) => {
        const due = deadlineOf(cal, start, d) as number;
        const ms = clockKind(d.unit) === 'wall' ? durationToMs(d) : d.amount * (d.unit === 'workingHours' ? H : 60_000);
        expect(runningMs(cal, start, d, due)).toBe(ms);
        // and it is the first such instant: one ms earlier the target is not reached yet
        expect(runningMs(cal, start, d, due - 1)).toBe(ms - 1);
      }),
      RUNS,
    );
  });

  it('deadlines are monotonic in the amount (strictly for working minutes/hours)', () => {
    fc.assert(
      fc.property(calArb, roundInstantArb, anyDurationArb, fc.integer({ min: 1, max: 500 }), (cal, start, d, extra) => {
        const bigger: Duration = { ...d, amount: d.amount + extra };
        const a = deadlineOf(cal, start, d) as number;
        const b = deadlineOf(cal, start, bigger) as number;
        if (d.unit === 'workingMinutes' || d.unit === 'workingHours' || clockKind(d.unit) === 'wall') expect(b).toBeGreaterThan(a);
        else expect(b).toBeGreaterThanOrEqual(a);
      }),
      RUNS,
    );
  });

  it('for working minutes/hours, adding a then b equals adding a + b', () => {
    fc.assert(
      fc.property(
        calArb,
        roundInstantArb,
        fc.constantFrom('workingMinutes' as const, 'workingHours' as const),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 3000 }),
        (cal, start, unit, a, b) => {
          const scale = unit === 'workingHours' ? 20 : 1;
          const [x, y] = [Math.ceil(a / scale), Math.ceil(b / scale)];
          const mid = deadlineOf(cal, start, { amount: x, unit }) as number;
          expect(deadlineOf(cal, mid, { amount: y, unit })).toBe(deadlineOf(cal, start, { amount: x + y, unit }));
        },
      ),
      RUNS,
    );
  });

  it('a pause never makes a deadline earlier, and a paused working deadline still has the full running time', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(calArb, roundInstantArb, anyDurationArb)
          .chain(([cal, start, d]) => pausesArb(start).map((pauses) => [cal, start, d, pauses] as const)),
        ([cal, start, d, pauses]) => {
          const base = deadlineOf(cal, start, d) as number;
          const paused = deadlineOf(cal, start, d, pauses);
          if (paused === null) {
            // Only an open pause can make it unknown.
            expect(pauses.some((p) => p.to === null)).toBe(true);
            return;
          }
          expect(paused).toBeGreaterThanOrEqual(base);
          const kind = clockKind(d.unit);
          const target = clockStatus(cal, start, d, start).targetMs;
          expect(runningTime(cal, kind, start, paused, pauses)).toBe(target);
        },
      ),
      RUNS,
    );
  });

  it('a closed pause of wall time L inside a wall clock moves its deadline by exactly L', () => {
    fc.assert(
      fc.property(
        calArb,
        instantArb,
        wallArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 10 * DAY }),
        (cal, start, d, where, len) => {
          const base = deadlineOf(cal, start, d) as number;
          const from = start + Math.floor((base - start) * where * 0.999);
          expect(deadlineOf(cal, start, d, [{ from, to: from + len }])).toBe(base + len);
        },
      ),
      RUNS,
    );
  });

  it('a pause covering only non-working time does not move a working deadline', () => {
    fc.assert(
      fc.property(calArb, roundInstantArb, fc.oneof(workingMinHourArb, workingDaysArb), instantArb, (cal, start, d, x) => {
        const from = Math.max(start, x);
        const to = cal.nextOpening(from);
        const base = deadlineOf(cal, start, d);
        expect(deadlineOf(cal, start, d, [{ from, to }])).toBe(base);
      }),
      RUNS,
    );
  });

  it('pause order and splitting a pause in two do not matter', () => {
    fc.assert(
      fc.property(
        calArb,
        roundInstantArb,
        anyDurationArb,
        fc.integer({ min: 0, max: 10 * DAY }),
        fc.integer({ min: 1, max: 3 * DAY }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (cal, start, d, offset, len, cut) => {
          const from = start + offset;
          const mid = from + Math.floor(len * cut);
          const other: Pause = { from: start + 2 * H, to: start + 5 * H };
          const whole = deadlineOf(cal, start, d, [{ from, to: from + len }, other]);
          const split = deadlineOf(cal, start, d, [other, { from: mid, to: from + len }, { from, to: mid }]);
          expect(split).toBe(whole);
        },
      ),
      RUNS,
    );
  });

  it('working days on a regular 5×8 calendar keep the local time of day (across DST)', () => {
    const cal = CALENDARS['New York 5×8'];
    fc.assert(
      fc.property(instantArb, workingDaysArb, (t, d) => {
        const start = cal.nextOpening(t) + 1; // strictly inside a window
        const due = deadlineOf(cal, start, d) as number;
        const local = (ms: number) => DateTime.fromMillis(ms, { zone: cal.zone }).toFormat('HH:mm:ss.SSS');
        expect(local(due)).toBe(local(start));
        expect(cal.isWorking(due)).toBe(true);
      }),
      RUNS,
    );
  });

  it('working days on 24x7 are exactly N × 24 h', () => {
    const cal = CALENDARS['24x7'];
    fc.assert(
      fc.property(instantArb, workingDaysArb, (start, d) => {
        expect(deadlineOf(cal, start, d)).toBe(start + d.amount * DAY);
      }),
      RUNS,
    );
  });
});

describe('calendar properties', () => {
  it('workingIntervals are ordered, disjoint, non-touching and inside the range; workingTime is additive', () => {
    fc.assert(
      fc.property(
        calArb,
        roundInstantArb,
        fc.integer({ min: 0, max: 20 * DAY }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (cal, from, len, cut) => {
          const to = from + len;
          const list = cal.workingIntervals(from, to);
          let prevEnd = -Infinity;
          for (const [s, e] of list) {
            expect(s).toBeGreaterThan(prevEnd);
            expect(e).toBeGreaterThan(s);
            expect(s).toBeGreaterThanOrEqual(from);
            expect(e).toBeLessThanOrEqual(to);
            prevEnd = e;
          }
          const mid = from + Math.floor(len * cut);
          expect(cal.workingTime(from, mid) + cal.workingTime(mid, to)).toBe(cal.workingTime(from, to));
        },
      ),
      RUNS,
    );
  });

  it('isWorking agrees with workingIntervals; nextOpening is the first working instant', () => {
    fc.assert(
      fc.property(calArb, roundInstantArb, (cal, t) => {
        const inside = cal.workingIntervals(t - 2 * DAY, t + 2 * DAY).some(([s, e]) => s <= t && t < e);
        expect(cal.isWorking(t)).toBe(inside);
        const next = cal.nextOpening(t);
        expect(next).toBeGreaterThanOrEqual(t);
        expect(cal.isWorking(next)).toBe(true);
        expect(cal.workingTime(t, next)).toBe(0);
        if (next > t) expect(cal.isWorking(next - 1)).toBe(false);
      }),
      RUNS,
    );
  });
});
