/**
 * Business calendars: which instants are working time.
 *
 * Pure and deterministic (runs inside Temporal workflow sandboxes): no Node
 * built-ins, no `Date.now()`, no randomness, no global state. All instants are
 * integer epoch milliseconds (UTC); local wall times are mapped to instants
 * with luxon's IANA zone data.
 *
 * Local wall time → instant (window boundaries):
 * - Normal case: the unique instant at which the zone's clocks show that time.
 * - Spring-forward gap (the wall time never happens): the first valid instant
 *   after the gap, i.e. the transition instant — the first moment the clocks
 *   show a time at or past the boundary. (luxon's own default would shift by
 *   the gap length instead: 02:30 → 03:30; we map 02:30 → 03:00.)
 * - Fall-back overlap (the wall time happens twice): a window *opening* uses
 *   the earlier occurrence (earlier offset) and a window *close* uses the
 *   later occurrence (later offset), so a window spanning the repeated hour
 *   gets all of it. Overlapping instants that this creates between two
 *   touching windows are merged, never double-counted.
 * - A "24:00" close is the next local midnight.
 */
import { IANAZone } from 'luxon';
import { DomainValidationError } from '../errors';
import { parseInput } from '../validation';
import { dayNumberToIsoDate, isoDateToDayNumber } from './dates';
import { CalendarDefinitionSchema, parseTime } from './schema';
import { CalendarDefinition, WEEKDAYS, WorkingWindow } from './types';

export const BUILT_IN_24X7_ID = '24x7';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value as object)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** Round-the-clock calendar in UTC, no holidays (built-in id `24x7`). Frozen. */
export const CALENDAR_24X7: CalendarDefinition = deepFreeze({
  zone: 'UTC',
  week: {
    monday: [{ open: '00:00', close: '24:00' }],
    tuesday: [{ open: '00:00', close: '24:00' }],
    wednesday: [{ open: '00:00', close: '24:00' }],
    thursday: [{ open: '00:00', close: '24:00' }],
    friday: [{ open: '00:00', close: '24:00' }],
    saturday: [{ open: '00:00', close: '24:00' }],
    sunday: [{ open: '00:00', close: '24:00' }],
  },
  holidays: [],
  extraWorkingDays: [],
});

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/**
 * Offsets are within [-12 h, +14 h]: the local day `d` lies within
 * [d·DAY − 14 h, (d+1)·DAY + 12 h]. The zone offset is probed at the points
 * probe(k) = k·DAY − 15 h; day d uses probe(d) and probe(d+3), which bracket
 * it, so consecutive days share probes.
 */
const PROBE_SHIFT_MS = 15 * 3_600_000;
/** Bounds of the per-calendar memo tables (they only speed things up; results never depend on them). */
const MAX_MEMO = 20_000;
/** Safety net: an unbounded search that finds no working time for this many local days stops. */
const MAX_IDLE_DAYS = 3700;

export { civilFromDays, dayNumberToIsoDate, daysFromCivil, isoDateToDayNumber, weekdayOfDayNumber } from './dates';

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

function assertInstant(t: number, name: string): void {
  if (typeof t !== 'number' || !Number.isFinite(t)) {
    throw new DomainValidationError([{ path: name, message: 'must be a finite epoch-millisecond instant' }]);
  }
}

/**
 * Validates a calendar definition and returns a normalized copy (windows of each day sorted by
 * opening; missing `holidays` / `extraWorkingDays` read as empty). Throws one
 * {@link DomainValidationError} naming every problem; paths are prefixed with `path`
 * (e.g. "definition."). The rules are CalendarDefinitionSchema's.
 */
export function validateCalendar(def: unknown, path = ''): CalendarDefinition {
  return parseInput(
    CalendarDefinitionSchema,
    def,
    path || (def === null || typeof def !== 'object' || Array.isArray(def) ? 'calendar' : ''),
  );
}

// ---------------------------------------------------------------------------
// BusinessCalendar
// ---------------------------------------------------------------------------

/** Minutes since local midnight: [open, close), close ≤ 1440. */
type MinuteWindow = readonly [number, number];
/** An interval of instants [start, end), epoch ms. */
export type Interval = [number, number];

function toMinuteWindows(windows: WorkingWindow[]): MinuteWindow[] {
  return windows.map((w) => [parseTime(w.open, false) as number, parseTime(w.close, true) as number] as const);
}

/**
 * A validated, immutable business calendar. Build with {@link BusinessCalendar.of}.
 * All instants are epoch ms (UTC); intervals are half-open [start, end).
 */
export class BusinessCalendar {
  /** The normalized definition (frozen). */
  readonly definition: CalendarDefinition;
  readonly zone: string;
  private readonly tz: IANAZone;
  /** Windows per weekday, Monday = 0. */
  private readonly weekly: ReadonlyArray<ReadonlyArray<MinuteWindow>>;
  private readonly holidays: ReadonlySet<number>;
  private readonly extra: ReadonlyMap<number, ReadonlyArray<MinuteWindow>>;
  /** Memo: probe index → zone offset (ms). Deterministic, bounded. */
  private readonly probeMemo = new Map<number, number>();
  /** Memo: local day → its working intervals. Deterministic, bounded. */
  private readonly dayMemo = new Map<number, ReadonlyArray<Readonly<Interval>>>();

  private constructor(def: CalendarDefinition) {
    this.definition = deepFreeze(def);
    this.zone = def.zone;
    this.tz = IANAZone.create(def.zone);
    this.weekly = WEEKDAYS.map((w) => toMinuteWindows(def.week[w] ?? []));
    this.holidays = new Set(def.holidays.map((h) => isoDateToDayNumber(h) as number));
    this.extra = new Map(def.extraWorkingDays.map((x) => [isoDateToDayNumber(x.date) as number, toMinuteWindows(x.windows)] as const));
  }

  /** Validates `def` (throws {@link DomainValidationError}) and builds the calendar. */
  static of(def: unknown, path = ''): BusinessCalendar {
    return new BusinessCalendar(validateCalendar(def, path));
  }

  /** The built-in round-the-clock UTC calendar. */
  static twentyFourSeven(): BusinessCalendar {
    return BusinessCalendar.of(CALENDAR_24X7);
  }

  private offsetMs(t: number): number {
    return this.tz.offset(t) * MINUTE_MS;
  }

  private probeOffset(k: number): number {
    let o = this.probeMemo.get(k);
    if (o === undefined) {
      o = this.offsetMs(k * DAY_MS - PROBE_SHIFT_MS);
      if (this.probeMemo.size >= MAX_MEMO) this.probeMemo.clear();
      this.probeMemo.set(k, o);
    }
    return o;
  }

  /** Local date (day number, days since 1970-01-01) of an instant in the calendar's zone. */
  localDay(t: number): number {
    assertInstant(t, 'instant');
    return Math.floor((t + this.offsetMs(t)) / DAY_MS);
  }

  /** Local windows (minutes) that apply on a local date: extra day > holiday > weekly pattern. */
  private windowsOn(day: number): ReadonlyArray<MinuteWindow> {
    const extra = this.extra.get(day);
    if (extra) return extra;
    if (this.holidays.has(day)) return [];
    return this.weekly[(((day + 3) % 7) + 7) % 7];
  }

  /**
   * Instant of a local wall time (`minute` since local midnight of `day`, up
   * to 1440). `oA`/`oB` are the offsets (ms) probed before and after the day.
   */
  private wallToInstant(day: number, minute: number, role: 'open' | 'close', oA: number, oB: number): number {
    const local = day * DAY_MS + minute * MINUTE_MS;
    if (oA === oB) return Math.round(local - oA);
    const valid: number[] = [];
    for (const o of [oA, oB]) {
      const t = local - o;
      if (this.offsetMs(t) === o) valid.push(t);
    }
    if (valid.length === 2) {
      return Math.round(role === 'open' ? Math.min(valid[0], valid[1]) : Math.max(valid[0], valid[1]));
    }
    if (valid.length === 1) return Math.round(valid[0]);
    // Gap: the wall time does not exist. Find the transition instant, the
    // first valid instant after the gap, between the two candidate mappings.
    let lo = Math.floor(local - Math.max(oA, oB));
    let hi = Math.ceil(local - Math.min(oA, oB));
    const after = this.offsetMs(hi);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.offsetMs(mid) === after) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  /**
   * Working intervals of one local date (day number), in order, overlapping
   * parts merged. Empty when the date is not worked. A 24:00 close ends at the
   * next local midnight.
   */
  intervalsOfLocalDay(day: number): Interval[] {
    return this.dayIntervals(day).map(([s, e]): Interval => [s, e]);
  }

  /** Memoized {@link intervalsOfLocalDay} (shared, read-only arrays). */
  private dayIntervals(day: number): ReadonlyArray<Readonly<Interval>> {
    const cached = this.dayMemo.get(day);
    if (cached) return cached;
    const windows = this.windowsOn(day);
    const out: Interval[] = [];
    if (windows.length > 0) {
      const oA = this.probeOffset(day);
      const oB = this.probeOffset(day + 3);
      for (const [open, close] of windows) {
        const s = this.wallToInstant(day, open, 'open', oA, oB);
        const e = this.wallToInstant(day, close, 'close', oA, oB);
        if (e <= s) continue; // the whole window fell into a DST gap
        const last = out[out.length - 1];
        if (last && s < last[1]) last[1] = Math.max(last[1], e);
        else out.push([s, e]);
      }
    }
    if (this.dayMemo.size >= MAX_MEMO) this.dayMemo.clear();
    this.dayMemo.set(day, out);
    return out;
  }

  /** Working time (ms) of one local date. */
  workingMsOfLocalDay(day: number): number {
    let total = 0;
    for (const [s, e] of this.dayIntervals(day)) total += e - s;
    return total;
  }

  /**
   * Non-overlapping working segments from `t` onwards, in order, the first
   * clipped to start at `t`. Segments are per local day (touching segments are
   * not merged). Unbounded: the caller stops consuming.
   */
  *segmentsFrom(t: number): Generator<Interval, void, undefined> {
    let cursor = t;
    let idle = 0;
    for (let day = this.localDay(t) - 1; ; day++) {
      const intervals = this.dayIntervals(day);
      let yielded = false;
      for (const [s, e] of intervals) {
        const start = Math.max(s, cursor);
        if (e > start) {
          yielded = true;
          yield [start, e];
          cursor = e;
        }
      }
      if (yielded) idle = 0;
      else if (++idle > MAX_IDLE_DAYS) {
        throw new Error(`calendar has no working time in ${MAX_IDLE_DAYS} days after ${t}`);
      }
    }
  }

  /**
   * The working intervals within [from, to), clipped, in order, with adjacent
   * or overlapping intervals merged (including across midnight).
   */
  workingIntervals(from: number, to: number): Interval[] {
    assertInstant(from, 'from');
    assertInstant(to, 'to');
    const out: Interval[] = [];
    if (!(to > from)) return out;
    const lastDay = this.localDay(to) + 1;
    let cursor = from;
    for (let day = this.localDay(from) - 1; day <= lastDay; day++) {
      for (const [s, e] of this.dayIntervals(day)) {
        const start = Math.max(s, cursor);
        const end = Math.min(e, to);
        if (end <= start) continue;
        const last = out[out.length - 1];
        if (last && start <= last[1]) last[1] = Math.max(last[1], end);
        else out.push([start, end]);
        cursor = Math.max(cursor, end);
      }
    }
    return out;
  }

  /** Total working time (ms) within [from, to). */
  workingTime(from: number, to: number): number {
    let total = 0;
    for (const [s, e] of this.workingIntervals(from, to)) total += e - s;
    return total;
  }

  /** Whether `t` is working time (windows are half-open: a close instant is not working). */
  isWorking(t: number): boolean {
    return this.nextOpening(t) === t;
  }

  /** The first working instant at or after `t` (`t` itself when working). */
  nextOpening(t: number): number {
    for (const [s] of this.segmentsFrom(t)) return s;
    /* istanbul ignore next: segmentsFrom never ends normally */
    throw new Error('unreachable');
  }

  /** The next local date after `day` that has working time. */
  nextWorkingDay(day: number): number {
    for (let d = day + 1, n = 0; n <= MAX_IDLE_DAYS; d++, n++) {
      if (this.dayIntervals(d).length > 0) return d;
    }
    throw new Error(`calendar has no working day in ${MAX_IDLE_DAYS} days after ${dayNumberToIsoDate(day)}`);
  }
}
