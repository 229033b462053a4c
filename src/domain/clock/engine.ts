/**
 * SLA clock engine: running time, deadlines and status of a target on a
 * clock (DESIGN.md §3 "Duration").
 *
 * Pure and deterministic (safe in Temporal workflow sandboxes): no Node
 * built-ins, no `Date.now()`, no randomness, no global state. Instants are
 * epoch milliseconds (UTC).
 *
 * Two kinds of clock:
 * - wall (seconds/minutes/hours/days): elapsed time; a day is 24 h, whatever
 *   the calendar or DST says;
 * - working (workingMinutes/workingHours/workingDays): only the calendar's
 *   working time counts.
 * Pauses stop every clock; they never make a deadline earlier.
 */
import { DateTime, IANAZone } from 'luxon';
import { DomainValidationError } from '../errors';
import { BusinessCalendar, Interval } from './calendar';
import { Duration, DurationUnit, DURATION_UNITS, Pause, WallUnit, WALL_UNITS } from './types';

export type ClockKind = 'wall' | 'working';

const UNIT_MS: Record<Exclude<DurationUnit, 'workingDays'>, number> = {
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  workingMinutes: 60_000,
  workingHours: 3_600_000,
};

/** Upper bound of a target: the equivalent of 3650 days (10 years). */
const MAX_TARGET_MS = 3650 * 86_400_000;
const MAX_WORKING_DAYS = 3650;

function isUnit(u: unknown): u is DurationUnit {
  return typeof u === 'string' && (DURATION_UNITS as readonly string[]).includes(u);
}

/** Which clock a unit runs on. Throws {@link DomainValidationError} for an unknown unit. */
export function clockKind(unit: DurationUnit): ClockKind {
  if (!isUnit(unit)) {
    throw new DomainValidationError([
      { path: 'unit', message: `unknown unit "${String(unit)}"; expected one of ${DURATION_UNITS.join(', ')}` },
    ]);
  }
  return (WALL_UNITS as readonly string[]).includes(unit) ? 'wall' : 'working';
}

/**
 * Validates a duration: a known unit and a positive finite amount; workingDays
 * must be a whole number; fractional amounts of other units are rounded to
 * whole milliseconds (and must not round to 0). At most 3650 days' worth.
 * Field paths are prefixed with `path` (e.g. "triage.respondWithin.").
 */
/** What the engine cannot compute for a positive amount of `unit` (null when it can). */
export function durationLimitProblem(amount: number, unit: DurationUnit): string | null {
  if (unit === 'workingDays') {
    if (!Number.isInteger(amount)) return 'workingDays must be a whole number';
    if (amount > MAX_WORKING_DAYS) return `must be at most ${MAX_WORKING_DAYS} working days`;
    return null;
  }
  const ms = Math.round(amount * UNIT_MS[unit]);
  if (ms <= 0) return 'too small: rounds to 0 ms';
  if (ms > MAX_TARGET_MS) return 'too large: at most the equivalent of 3650 days';
  return null;
}

/**
 * What is wrong with an end-of-day target (null when nothing): "by the close of a working day"
 * counts working days, so it needs unit workingDays.
 */
export function endOfDayProblem(unit: unknown): string | null {
  return unit === 'workingDays' ? null : `endOfDay needs unit workingDays (a close is a working day's), not ${String(unit)}`;
}

export function validateDuration(d: unknown, path = ''): Duration {
  const issues: Array<{ path: string; message: string }> = [];
  if (typeof d !== 'object' || d === null || Array.isArray(d)) {
    throw new DomainValidationError([{ path: path ? path.replace(/\.$/, '') : 'duration', message: 'must be an object { amount, unit }' }]);
  }
  const { amount, unit, endOfDay } = d as { amount: unknown; unit: unknown; endOfDay?: unknown };
  if (endOfDay !== undefined && endOfDay !== true && endOfDay !== false) {
    issues.push({ path: `${path}endOfDay`, message: 'must be true or false' });
  } else if (endOfDay === true && isUnit(unit) && endOfDayProblem(unit)) {
    issues.push({ path: `${path}endOfDay`, message: endOfDayProblem(unit)! });
  }
  if (!isUnit(unit)) {
    issues.push({ path: `${path}unit`, message: `unknown unit "${String(unit)}"; expected one of ${DURATION_UNITS.join(', ')}` });
  }
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
    issues.push({ path: `${path}amount`, message: 'must be a positive finite number' });
  } else if (isUnit(unit)) {
    const problem = durationLimitProblem(amount, unit);
    if (problem) issues.push({ path: `${path}amount`, message: problem });
  }
  if (issues.length > 0) throw new DomainValidationError(issues);
  return { amount: amount as number, unit: unit as DurationUnit, ...(endOfDay === true ? { endOfDay: true as const } : {}) };
}

/** Milliseconds of a wall-clock duration (rounded to whole ms). Throws for working units. */
export function durationToMs(d: Duration): number {
  const v = validateDuration(d);
  if (clockKind(v.unit) !== 'wall') {
    throw new DomainValidationError([{ path: 'unit', message: `${v.unit} is a working-time unit; its length depends on the calendar` }]);
  }
  return Math.round(v.amount * UNIT_MS[v.unit as WallUnit]);
}

function checkInstant(t: unknown, path: string): void {
  if (typeof t !== 'number' || !Number.isFinite(t)) {
    throw new DomainValidationError([{ path, message: 'must be a finite epoch-millisecond instant' }]);
  }
}

/**
 * Pauses as sorted, disjoint intervals clipped to [lo, hi); an open pause
 * (`to: null`) ends at +Infinity. Throws for a pause that ends before it starts.
 */
export function normalizePauses(pauses: readonly Pause[], lo = -Infinity, hi = Infinity): Interval[] {
  const raw: Interval[] = [];
  pauses.forEach((p, i) => {
    const okFrom = typeof p?.from === 'number' && Number.isFinite(p.from);
    const okTo = p?.to === null || (typeof p?.to === 'number' && Number.isFinite(p.to));
    if (!okFrom || !okTo) {
      throw new DomainValidationError([{ path: `pauses[${i}]`, message: 'from must be an instant and to an instant or null' }]);
    }
    if (p.to !== null && p.to < p.from) {
      throw new DomainValidationError([{ path: `pauses[${i}].to`, message: 'must not be before from' }]);
    }
    const a = Math.max(p.from, lo);
    const b = Math.min(p.to === null ? Infinity : p.to, hi);
    if (b > a) raw.push([a, b]);
  });
  raw.sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [a, b] of raw) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * Milliseconds the clock ran in [from, to): wall → elapsed time, working →
 * working time; minus the paused part of it (overlapping pauses count once;
 * `to: null` pauses extend forever). 0 when `to <= from`.
 */
export function runningTime(cal: BusinessCalendar, kind: ClockKind, from: number, to: number, pauses: readonly Pause[] = []): number {
  checkInstant(from, 'from');
  checkInstant(to, 'to');
  if (to <= from) return 0;
  const paused = normalizePauses(pauses, from, to);
  if (kind === 'wall') {
    let total = to - from;
    for (const [a, b] of paused) total -= b - a;
    return total;
  }
  let total = cal.workingTime(from, to);
  for (const [a, b] of paused) total -= cal.workingTime(a, b);
  return total;
}

/** Running segments of a clock from `start`: working or wall time, pauses cut out. Ends at an open pause. */
function* runningSegments(cal: BusinessCalendar, kind: ClockKind, start: number, paused: Interval[]): Generator<Interval, void, undefined> {
  const source: Iterable<Interval> = kind === 'wall' ? [[start, Infinity]] : cal.segmentsFrom(start);
  let pi = 0;
  for (const [s, e] of source) {
    let cur = s;
    while (cur < e) {
      while (pi < paused.length && paused[pi][1] <= cur) pi++;
      if (pi < paused.length && paused[pi][0] < e) {
        const [a, b] = paused[pi];
        if (a > cur) yield [cur, a];
        if (b === Infinity) return;
        cur = Math.max(cur, b);
      } else {
        yield [cur, e];
        cur = e;
      }
    }
  }
}

/**
 * The instant at which the running time (pauses cut out) reaches `target`.
 * 'first': the first such instant (the end of the running stretch that
 * reaches it); 'last': the start of the next running stretch when the target
 * is reached exactly at the end of one (a working-day deadline at an opening).
 * null when an open pause stops the clock before.
 */
function instantOfRunningTime(
  cal: BusinessCalendar,
  kind: ClockKind,
  start: number,
  target: number,
  paused: Interval[],
  mode: 'first' | 'last',
): number | null {
  let acc = 0;
  let reached = target <= 0;
  for (const [s, e] of runningSegments(cal, kind, start, paused)) {
    if (reached) return s;
    const len = e - s;
    if (acc + len > target || (mode === 'first' && acc + len === target)) return s + (target - acc);
    acc += len;
    if (acc === target) reached = true;
  }
  return null;
}

interface BaseDeadline {
  kind: ClockKind;
  /** Deadline without pauses. */
  base: number;
  /** Running time (ms) of the target: the clock's running time from start to base. */
  targetMs: number;
  /** How a paused deadline is placed: see {@link instantOfRunningTime}. */
  mode: 'first' | 'last';
}

/** Position (working ms since the day's first opening) → instant within a working day. */
function instantAtPosition(intervals: Interval[], position: number): { at: number; atOpening: boolean } {
  if (position <= 0) return { at: intervals[0][0], atOpening: true };
  let acc = 0;
  for (const [s, e] of intervals) {
    if (acc + (e - s) >= position) return { at: s + (position - acc), atOpening: false };
    acc += e - s;
  }
  return { at: intervals[intervals.length - 1][1], atOpening: false };
}

function workingDaysDeadline(cal: BusinessCalendar, start: number, n: number): { at: number; atOpening: boolean } {
  const startDay = cal.localDay(start);
  const today = cal.intervalsOfLocalDay(startDay);
  let baseDay: number;
  let position = 0;
  if (today.length > 0 && start <= today[today.length - 1][1]) {
    baseDay = startDay;
    for (const [s, e] of today) {
      if (start <= s) break;
      position += Math.min(start, e) - s;
    }
  } else {
    baseDay = cal.nextWorkingDay(startDay);
  }
  let day = baseDay;
  for (let i = 0; i < n; i++) day = cal.nextWorkingDay(day);
  return instantAtPosition(cal.intervalsOfLocalDay(day), position);
}

/**
 * End of day N ("当日内" is N = 1): the last close of the N-th working day, counting the day the
 * clock starts when it starts before that day's last close; otherwise counting from the next
 * working day. Holidays, make-up days and DST come from the calendar's own days.
 */
function endOfDayDeadline(cal: BusinessCalendar, start: number, n: number): number {
  const startDay = cal.localDay(start);
  const today = cal.intervalsOfLocalDay(startDay);
  let day = today.length > 0 && start < today[today.length - 1][1] ? startDay : cal.nextWorkingDay(startDay);
  for (let i = 1; i < n; i++) day = cal.nextWorkingDay(day);
  const intervals = cal.intervalsOfLocalDay(day);
  return intervals[intervals.length - 1][1];
}

function baseDeadline(cal: BusinessCalendar, start: number, duration: Duration): BaseDeadline {
  checkInstant(start, 'start');
  const d = validateDuration(duration);
  const kind = clockKind(d.unit);
  if (d.endOfDay) {
    // Paused, it moves later by the working time the pause took, as every working target does.
    const at = endOfDayDeadline(cal, start, d.amount);
    return { kind, base: at, targetMs: cal.workingTime(start, at), mode: 'first' };
  }
  if (d.unit === 'workingDays') {
    const { at, atOpening } = workingDaysDeadline(cal, start, d.amount);
    return { kind, base: at, targetMs: cal.workingTime(start, at), mode: atOpening ? 'last' : 'first' };
  }
  const ms = Math.round(d.amount * UNIT_MS[d.unit]);
  if (kind === 'wall') return { kind, base: start + ms, targetMs: ms, mode: 'first' };
  const base = instantOfRunningTime(cal, kind, start, ms, [], 'first') as number;
  return { kind, base, targetMs: ms, mode: 'first' };
}

function pausedDeadline(cal: BusinessCalendar, start: number, b: BaseDeadline, pauses: readonly Pause[]): number | null {
  const paused = normalizePauses(pauses, start);
  if (paused.length === 0) return b.base;
  return instantOfRunningTime(cal, b.kind, start, b.targetMs, paused, b.mode);
}

/**
 * The instant a target `duration` on a clock started at `start` is due.
 *
 * - wall units: start + amount × unit, moved later by paused time;
 * - workingMinutes/workingHours: that much working time after start (a start
 *   outside working time begins at the next opening; a deadline landing
 *   exactly on a close is that close);
 * - workingDays N: the same working-time-of-day position (working ms since the
 *   day's first opening) on the N-th following working day, clamped to that
 *   day's last close; a start before the day's first opening has position 0; a
 *   start after the last close, or on a non-working day, starts from the next
 *   working day's opening. Working days are local calendar dates with working
 *   time; a start exactly at the last close keeps that day's full position.
 * - workingDays N with endOfDay: the last close of the N-th working day, the day the clock starts
 *   being day 1 when it starts before that day's last close (1 = "the same working day").
 * - pauses: the deadline is where the running time with pauses reaches the
 *   running time of the unpaused deadline; null if an open pause stops the
 *   clock before that. A pause never makes a deadline earlier.
 */
export function deadlineOf(cal: BusinessCalendar, start: number, duration: Duration, pauses: readonly Pause[] = []): number | null {
  return pausedDeadline(cal, start, baseDeadline(cal, start, duration), pauses);
}

export interface ClockStatus {
  /** When the target is due (null: unknown while an open pause holds the clock). */
  dueAt: number | null;
  /** Running time (ms) from start to now, pauses excluded. */
  elapsedMs: number;
  /** Wall ms from now until dueAt; negative once overdue; null when dueAt is null. */
  remainingMs: number | null;
  /** Running time (ms) lost to pauses between start and now. */
  pausedMs: number;
  /** Running time (ms) of the whole target. */
  targetMs: number;
  /** elapsedMs / targetMs × 100, one decimal (may exceed 100). */
  percentUsed: number;
  /** now ≥ dueAt. */
  breached: boolean;
}

/** Status of a target on a clock at `now`. */
export function clockStatus(
  cal: BusinessCalendar,
  start: number,
  duration: Duration,
  now: number,
  pauses: readonly Pause[] = [],
): ClockStatus {
  checkInstant(now, 'now');
  const b = baseDeadline(cal, start, duration);
  const dueAt = pausedDeadline(cal, start, b, pauses);
  const elapsedMs = runningTime(cal, b.kind, start, now, pauses);
  const pausedMs = runningTime(cal, b.kind, start, now) - elapsedMs;
  return {
    dueAt,
    elapsedMs,
    remainingMs: dueAt === null ? null : dueAt - now,
    pausedMs,
    targetMs: b.targetMs,
    percentUsed: b.targetMs > 0 ? Math.round((elapsedMs / b.targetMs) * 1000) / 10 : 0,
    breached: dueAt !== null && now >= dueAt,
  };
}

/** ISO 8601 with the zone's offset and ms precision, e.g. "2026-03-08T03:00:00.000-04:00" ("Z" for UTC). */
export function toZonedIso(instant: number, zone: string): string {
  checkInstant(instant, 'instant');
  if (typeof zone !== 'string' || !IANAZone.isValidZone(zone)) {
    throw new DomainValidationError([{ path: 'zone', message: `unknown IANA time zone "${String(zone)}"` }]);
  }
  return DateTime.fromMillis(instant, { zone }).toISO() as string;
}

/** ISO 8601 in UTC with ms precision, e.g. "2026-03-08T08:00:00.000Z". */
export function toUtcIso(instant: number): string {
  checkInstant(instant, 'instant');
  return DateTime.fromMillis(instant, { zone: 'UTC' }).toISO() as string;
}
