import { DateTime } from 'luxon';
import {
  BusinessCalendar,
  CALENDAR_24X7,
  CalendarDefinition,
  Duration,
  Pause,
  WorkingWindow,
  clockStatus,
  deadlineOf,
  normalizePauses,
  runningTime,
  toZonedIso,
} from '../../../src/domain/clock';
import { DomainValidationError } from '../../../src/domain/errors';

const H = 3_600_000;
const MIN = 60_000;
const SH = 'Asia/Shanghai';

function at(iso: string, zone = SH): number {
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
const FIVE_BY_NINE = BusinessCalendar.of({
  zone: SH,
  week: weekdays([{ open: '09:00', close: '18:00' }]),
  holidays: [],
  extraWorkingDays: [],
});
const TWENTY_FOUR_SEVEN = BusinessCalendar.of(CALENDAR_24X7);
const p = (from: string, to: string | null): Pause => ({ from: at(from), to: to === null ? null : at(to) });

function due(c: BusinessCalendar, startIso: string, duration: Duration, pauses: Pause[]): string | null {
  const d = deadlineOf(c, at(startIso, c.zone), duration, pauses);
  return d === null ? null : toZonedIso(d, c.zone);
}

// Friday 2026-01-16 16:00 + 4 working hours = Monday 2026-01-19 11:00 (09–18 Mon–Fri, Shanghai).
const START = '2026-01-16T16:00';
const FOUR_WH: Duration = { amount: 4, unit: 'workingHours' };

describe('runningTime', () => {
  it('wall: elapsed minus paused overlap, overlapping pauses counted once', () => {
    const from = at('2026-01-16T10:00');
    const to = at('2026-01-16T20:00');
    expect(runningTime(FIVE_BY_NINE, 'wall', from, to)).toBe(10 * H);
    expect(runningTime(FIVE_BY_NINE, 'wall', from, to, [p('2026-01-16T11:00', '2026-01-16T12:00')])).toBe(9 * H);
    expect(
      runningTime(FIVE_BY_NINE, 'wall', from, to, [
        p('2026-01-16T11:00', '2026-01-16T13:00'),
        p('2026-01-16T12:00', '2026-01-16T14:00'),
        p('2026-01-16T11:30', '2026-01-16T11:45'),
      ]),
    ).toBe(7 * H);
    // Clipped to the range; open pause extends to the end.
    expect(runningTime(FIVE_BY_NINE, 'wall', from, to, [p('2026-01-16T08:00', '2026-01-16T11:00')])).toBe(9 * H);
    expect(runningTime(FIVE_BY_NINE, 'wall', from, to, [p('2026-01-16T19:00', null)])).toBe(9 * H);
    expect(runningTime(FIVE_BY_NINE, 'wall', from, to, [p('2026-01-16T05:00', null)])).toBe(0);
  });

  it('working: working time minus paused working time', () => {
    const from = at('2026-01-16T10:00');
    const to = at('2026-01-19T12:00');
    expect(runningTime(FIVE_BY_NINE, 'working', from, to)).toBe(11 * H);
    // A pause over the weekend removes nothing.
    expect(runningTime(FIVE_BY_NINE, 'working', from, to, [p('2026-01-16T18:00', '2026-01-19T09:00')])).toBe(11 * H);
    // A pause from Fri 17:00 to Mon 10:00 removes 2 working hours.
    expect(runningTime(FIVE_BY_NINE, 'working', from, to, [p('2026-01-16T17:00', '2026-01-19T10:00')])).toBe(9 * H);
    expect(
      runningTime(FIVE_BY_NINE, 'working', from, to, [
        p('2026-01-16T17:00', '2026-01-19T10:00'),
        p('2026-01-16T17:30', '2026-01-19T09:30'),
      ]),
    ).toBe(9 * H);
  });

  it('is 0 for an empty or reversed range', () => {
    const t = at('2026-01-16T10:00');
    expect(runningTime(FIVE_BY_NINE, 'working', t, t)).toBe(0);
    expect(runningTime(FIVE_BY_NINE, 'wall', t, t - H)).toBe(0);
  });

  it('refuses a pause that ends before it starts', () => {
    const t = at('2026-01-16T10:00');
    expect(() => runningTime(FIVE_BY_NINE, 'wall', t, t + H, [{ from: t + 10, to: t }])).toThrow(DomainValidationError);
    expect(() => runningTime(FIVE_BY_NINE, 'wall', t, t + H, [{ from: Number.NaN, to: t }])).toThrow(/pauses\[0\]/);
  });

  it('normalizePauses sorts, clips and merges', () => {
    expect(
      normalizePauses(
        [
          { from: 50, to: 60 },
          { from: 10, to: 20 },
          { from: 15, to: 30 },
          { from: 30, to: 35 },
          { from: 5, to: 5 },
          { from: 70, to: null },
          { from: 80, to: 90 },
        ],
        12,
        100,
      ),
    ).toEqual([
      [12, 35],
      [50, 60],
      [70, 100],
    ]);
  });
});

describe('deadlines with pauses', () => {
  it('no pause → base deadline', () => {
    expect(due(FIVE_BY_NINE, START, FOUR_WH, [])).toBe('2026-01-19T11:00:00.000+08:00');
  });

  it('a pause over the weekend (non-working time) moves a working deadline by nothing', () => {
    expect(due(FIVE_BY_NINE, START, FOUR_WH, [p('2026-01-16T18:00', '2026-01-19T09:00')])).toBe('2026-01-19T11:00:00.000+08:00');
    expect(due(FIVE_BY_NINE, START, FOUR_WH, [p('2026-01-17T00:00', '2026-01-18T23:59')])).toBe('2026-01-19T11:00:00.000+08:00');
  });

  it('a pause inside working hours moves it by exactly the overlap', () => {
    expect(due(FIVE_BY_NINE, START, FOUR_WH, [p('2026-01-16T16:30', '2026-01-16T17:00')])).toBe('2026-01-19T11:30:00.000+08:00');
    // Fri 17:00 → Mon 10:00 overlaps 1 h Friday + 1 h Monday.
    expect(due(FIVE_BY_NINE, START, FOUR_WH, [p('2026-01-16T17:00', '2026-01-19T10:00')])).toBe('2026-01-19T13:00:00.000+08:00');
  });

  it('overlapping pauses are not double-counted', () => {
    const pauses = [
      p('2026-01-16T16:30', '2026-01-16T17:00'),
      p('2026-01-16T16:45', '2026-01-16T17:15'),
      p('2026-01-16T16:30', '2026-01-16T17:00'),
    ];
    expect(due(FIVE_BY_NINE, START, FOUR_WH, pauses)).toBe('2026-01-19T11:45:00.000+08:00');
  });

  it('pauses before the start or after the deadline change nothing; a pause straddling the start counts from the start', () => {
    expect(due(FIVE_BY_NINE, START, FOUR_WH, [p('2026-01-16T10:00', '2026-01-16T15:00')])).toBe('2026-01-19T11:00:00.000+08:00');
    expect(due(FIVE_BY_NINE, START, FOUR_WH, [p('2026-01-19T11:00', '2026-01-19T15:00')])).toBe('2026-01-19T11:00:00.000+08:00');
    expect(due(FIVE_BY_NINE, START, FOUR_WH, [p('2026-01-16T15:00', '2026-01-16T16:30')])).toBe('2026-01-19T11:30:00.000+08:00');
  });

  it('an open pause before the deadline → null; at or after it → the deadline stands', () => {
    expect(due(FIVE_BY_NINE, START, FOUR_WH, [p('2026-01-16T17:00', null)])).toBeNull();
    expect(due(FIVE_BY_NINE, START, FOUR_WH, [p('2026-01-17T10:00', null)])).toBeNull();
    expect(due(FIVE_BY_NINE, START, FOUR_WH, [p('2026-01-15T10:00', null)])).toBeNull(); // started before the clock
    expect(due(FIVE_BY_NINE, START, FOUR_WH, [p('2026-01-19T11:00', null)])).toBe('2026-01-19T11:00:00.000+08:00');
    expect(due(FIVE_BY_NINE, START, FOUR_WH, [p('2026-01-19T12:00', null)])).toBe('2026-01-19T11:00:00.000+08:00');
    // A closed pause and then an open one.
    expect(due(FIVE_BY_NINE, START, FOUR_WH, [p('2026-01-16T16:30', '2026-01-16T17:00'), p('2026-01-19T11:30', null)])).toBe(
      '2026-01-19T11:30:00.000+08:00',
    );
  });

  it('wall clock: moved by the paused time', () => {
    const two: Duration = { amount: 2, unit: 'hours' };
    expect(due(FIVE_BY_NINE, START, two, [p('2026-01-16T16:30', '2026-01-16T17:00')])).toBe('2026-01-16T18:30:00.000+08:00');
    expect(due(FIVE_BY_NINE, START, two, [p('2026-01-16T16:30', '2026-01-16T17:00'), p('2026-01-16T16:50', '2026-01-16T17:20')])).toBe(
      '2026-01-16T18:50:00.000+08:00',
    );
    expect(due(FIVE_BY_NINE, START, two, [p('2026-01-16T17:00', null)])).toBeNull();
    expect(due(FIVE_BY_NINE, START, two, [p('2026-01-16T18:00', null)])).toBe('2026-01-16T18:00:00.000+08:00');
    expect(due(FIVE_BY_NINE, START, { amount: 1, unit: 'days' }, [p('2026-01-16T20:00', '2026-01-17T02:00')])).toBe(
      '2026-01-17T22:00:00.000+08:00',
    );
  });

  it('working days: a working-day deadline at an opening moves to where the clock resumes', () => {
    // Saturday + 1 working day = Tuesday 09:00 (Monday is the base day).
    const sat = '2026-01-17T10:00';
    const oneDay: Duration = { amount: 1, unit: 'workingDays' };
    expect(due(FIVE_BY_NINE, sat, oneDay, [])).toBe('2026-01-20T09:00:00.000+08:00');
    // Pauses in non-working time change nothing.
    expect(due(FIVE_BY_NINE, sat, oneDay, [p('2026-01-17T10:00', '2026-01-19T09:00')])).toBe('2026-01-20T09:00:00.000+08:00');
    expect(due(FIVE_BY_NINE, sat, oneDay, [p('2026-01-19T18:00', '2026-01-20T09:00')])).toBe('2026-01-20T09:00:00.000+08:00');
    // A pause at Tuesday's opening moves it by the overlap.
    expect(due(FIVE_BY_NINE, sat, oneDay, [p('2026-01-20T08:00', '2026-01-20T09:30')])).toBe('2026-01-20T09:30:00.000+08:00');
    // A pause on Monday moves it by the overlap.
    expect(due(FIVE_BY_NINE, sat, oneDay, [p('2026-01-19T10:00', '2026-01-19T11:00')])).toBe('2026-01-20T10:00:00.000+08:00');
    // An open pause in the night before the deadline: unknown.
    expect(due(FIVE_BY_NINE, sat, oneDay, [p('2026-01-19T20:00', null)])).toBeNull();
  });

  it('working days: a mid-day deadline moves by the overlap', () => {
    const two: Duration = { amount: 2, unit: 'workingDays' };
    expect(due(FIVE_BY_NINE, '2026-01-13T14:00', two, [p('2026-01-14T10:00', '2026-01-14T12:00')])).toBe('2026-01-15T16:00:00.000+08:00');
    expect(due(FIVE_BY_NINE, '2026-01-13T14:00', two, [p('2026-01-14T18:00', '2026-01-15T09:00')])).toBe('2026-01-15T14:00:00.000+08:00');
  });

  it('24x7 working clocks behave like wall clocks under pauses', () => {
    const start = at('2026-01-16T16:00', 'UTC');
    const pauses: Pause[] = [{ from: start + H, to: start + 3 * H }];
    expect(deadlineOf(TWENTY_FOUR_SEVEN, start, { amount: 5, unit: 'workingHours' }, pauses)).toBe(start + 7 * H);
    expect(deadlineOf(TWENTY_FOUR_SEVEN, start, { amount: 5, unit: 'hours' }, pauses)).toBe(start + 7 * H);
  });
});

describe('clockStatus', () => {
  const start = at('2026-01-19T09:00'); // Monday

  it('reports elapsed running time, pauses, remaining time and percent used', () => {
    const pauses = [p('2026-01-19T10:00', '2026-01-19T10:30')];
    expect(clockStatus(FIVE_BY_NINE, start, FOUR_WH, at('2026-01-19T11:00'), pauses)).toEqual({
      dueAt: at('2026-01-19T13:30'),
      elapsedMs: 90 * MIN,
      remainingMs: 150 * MIN,
      pausedMs: 30 * MIN,
      targetMs: 4 * H,
      percentUsed: 37.5,
      breached: false,
    });
  });

  it('is breached from the due instant on; percent can exceed 100', () => {
    const s = clockStatus(FIVE_BY_NINE, start, FOUR_WH, at('2026-01-19T13:00'));
    expect(s.breached).toBe(true);
    expect(s.remainingMs).toBe(0);
    expect(s.percentUsed).toBe(100);
    const later = clockStatus(FIVE_BY_NINE, start, FOUR_WH, at('2026-01-19T18:00'));
    expect(later).toMatchObject({ breached: true, remainingMs: -5 * H, elapsedMs: 9 * H, percentUsed: 225 });
    const before = clockStatus(FIVE_BY_NINE, start, FOUR_WH, at('2026-01-19T12:59:59.999'));
    expect(before.breached).toBe(false);
  });

  it('rounds percent to one decimal', () => {
    const s = clockStatus(FIVE_BY_NINE, start, { amount: 3, unit: 'workingHours' }, at('2026-01-19T10:00'));
    expect(s.percentUsed).toBe(33.3);
    const w = clockStatus(FIVE_BY_NINE, start, { amount: 3, unit: 'hours' }, start + 2 * H);
    expect(w.percentUsed).toBe(66.7);
  });

  it('before the start nothing has elapsed', () => {
    const s = clockStatus(FIVE_BY_NINE, start, FOUR_WH, start - H);
    expect(s).toMatchObject({ elapsedMs: 0, pausedMs: 0, percentUsed: 0, breached: false, remainingMs: 5 * H });
  });

  it('an open pause: due date unknown, not breached, paused time keeps growing', () => {
    const pauses = [p('2026-01-19T10:00', null)];
    const s = clockStatus(FIVE_BY_NINE, start, FOUR_WH, at('2026-01-20T12:00'), pauses);
    expect(s).toEqual({
      dueAt: null,
      elapsedMs: H,
      remainingMs: null,
      pausedMs: 8 * H + 3 * H,
      targetMs: 4 * H,
      percentUsed: 25,
      breached: false,
    });
  });

  it('an open pause after the deadline: still breached', () => {
    const s = clockStatus(FIVE_BY_NINE, start, FOUR_WH, at('2026-01-19T15:00'), [p('2026-01-19T14:00', null)]);
    expect(s).toMatchObject({ dueAt: at('2026-01-19T13:00'), breached: true, elapsedMs: 5 * H, pausedMs: H });
  });

  it('working clock read over a weekend does not move', () => {
    const fri = at('2026-01-16T17:00');
    const a = clockStatus(FIVE_BY_NINE, fri, FOUR_WH, at('2026-01-17T12:00'));
    const b = clockStatus(FIVE_BY_NINE, fri, FOUR_WH, at('2026-01-19T09:00'));
    expect(a.elapsedMs).toBe(H);
    expect(b.elapsedMs).toBe(H);
    expect(a.percentUsed).toBe(25);
    expect(a.dueAt).toBe(at('2026-01-19T12:00'));
    expect(a.remainingMs).toBe(at('2026-01-19T12:00') - at('2026-01-17T12:00'));
  });

  it('working days: target running time is the working time to the deadline', () => {
    const s = clockStatus(FIVE_BY_NINE, at('2026-01-13T14:00'), { amount: 2, unit: 'workingDays' }, at('2026-01-14T14:00'));
    expect(s).toMatchObject({ dueAt: at('2026-01-15T14:00'), targetMs: 18 * H, elapsedMs: 9 * H, percentUsed: 50, breached: false });
  });

  it('validates its inputs', () => {
    expect(() => clockStatus(FIVE_BY_NINE, start, { amount: -1, unit: 'hours' }, start)).toThrow(DomainValidationError);
    expect(() => clockStatus(FIVE_BY_NINE, start, FOUR_WH, Number.NaN)).toThrow(/now/);
  });
});
