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
import { DomainValidationError, IssueCollector } from '../errors';
import { CalendarDefinition, ExtraWorkingDay, WEEKDAYS, Weekday, WorkingWindow } from './types';

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

// ---------------------------------------------------------------------------
// Local dates as day numbers (days since 1970-01-01), pure integer arithmetic.
// ---------------------------------------------------------------------------

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link daysFromCivil}. */
export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Day number of an ISO local date "YYYY-MM-DD", or null when it is not a real date. */
export function isoDateToDayNumber(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const n = daysFromCivil(year, month, day);
  const back = civilFromDays(n);
  return back.year === year && back.month === month && back.day === day ? n : null;
}

/** ISO local date "YYYY-MM-DD" of a day number. */
export function dayNumberToIsoDate(dayNumber: number): string {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Weekday of a day number (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): Weekday {
  return WEEKDAYS[(((dayNumber + 3) % 7) + 7) % 7];
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since local midnight of "HH:mm" (00:00–23:59, or 24:00 when allowed), else null. */
function parseTime(value: unknown, allow24: boolean): number | null {
  if (typeof value !== 'string') return null;
  if (allow24 && value === '24:00') return 1440;
  const m = TIME_RE.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function assertInstant(t: number, name: string): void {
  if (typeof t !== 'number' || !Number.isFinite(t)) {
    throw new DomainValidationError([{ path: name, message: 'must be a finite epoch-millisecond instant' }]);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a list of windows of one day; returns them sorted by opening (valid ones only). */
function validateWindows(raw: unknown, path: string, issues: IssueCollector): WorkingWindow[] {
  if (!Array.isArray(raw)) {
    issues.add(path, 'must be an array of working windows');
    return [];
  }
  const parsed: Array<{ index: number; open: number; close: number; window: WorkingWindow }> = [];
  raw.forEach((w: unknown, index) => {
    const p = `${path}[${index}]`;
    if (!isPlainObject(w)) {
      issues.add(p, 'must be an object { open: "HH:mm", close: "HH:mm" }');
      return;
    }
    const open = parseTime(w.open, false);
    const close = parseTime(w.close, true);
    if (open === null) issues.add(`${p}.open`, 'must be a time "HH:mm" between 00:00 and 23:59');
    if (close === null) issues.add(`${p}.close`, 'must be a time "HH:mm" between 00:00 and 24:00');
    if (open === null || close === null) return;
    if (open >= close) {
      issues.add(`${p}.close`, `must be after open (${String(w.open)}); a window cannot be empty or inverted`);
      return;
    }
    parsed.push({ index, open, close, window: { open: w.open as string, close: w.close as string } });
  });
  const sorted = [...parsed].sort((a, b) => a.open - b.open || a.close - b.close);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (cur.open < prev.close) {
      issues.add(`${path}[${cur.index}]`, `overlaps ${path}[${prev.index}] (${prev.window.open}–${prev.window.close})`);
    }
  }
  return sorted.map((s) => s.window);
}

/**
 * Validates a calendar definition and returns a normalized copy (windows of
 * each day sorted by opening). Collects every problem and throws one
 * {@link DomainValidationError}; field paths are prefixed with `path` (e.g.
 * "definition."). Missing `holidays` / `extraWorkingDays` are read as empty.
 */
export function validateCalendar(def: unknown, path = ''): CalendarDefinition {
  const issues = new IssueCollector();
  if (!isPlainObject(def)) {
    issues.add(path ? path.replace(/\.$/, '') : 'calendar', 'must be an object');
    issues.throwIfAny();
  }
  const d = def as Record<string, unknown>;

  let zone = '';
  if (typeof d.zone !== 'string' || d.zone.trim() === '') {
    issues.add(`${path}zone`, 'must be an IANA time zone name, e.g. "Asia/Shanghai"');
  } else if (!IANAZone.isValidZone(d.zone)) {
    issues.add(`${path}zone`, `unknown IANA time zone "${d.zone}"`);
  } else {
    zone = d.zone;
  }

  const week: Partial<Record<Weekday, WorkingWindow[]>> = {};
  if (!isPlainObject(d.week)) {
    issues.add(`${path}week`, 'must be an object mapping weekdays (monday…sunday) to working windows');
  } else {
    let rawWindows = 0;
    for (const key of Object.keys(d.week)) {
      if (!(WEEKDAYS as readonly string[]).includes(key)) {
        issues.add(`${path}week.${key}`, `unknown weekday; expected one of ${WEEKDAYS.join(', ')}`);
        continue;
      }
      const value = d.week[key];
      if (value === undefined || value === null) continue; // a missing day is not worked
      if (Array.isArray(value)) rawWindows += value.length;
      week[key as Weekday] = validateWindows(value, `${path}week.${key}`, issues);
    }
    if (rawWindows === 0) issues.add(`${path}week`, 'must have at least one working window in the week');
  }

  const holidays: string[] = [];
  const holidayIndex = new Map<number, number>();
  if (d.holidays !== undefined && !Array.isArray(d.holidays)) {
    issues.add(`${path}holidays`, 'must be an array of ISO dates "YYYY-MM-DD"');
  } else {
    ((d.holidays as unknown[] | undefined) ?? []).forEach((h, i) => {
      const n = typeof h === 'string' ? isoDateToDayNumber(h) : null;
      if (n === null) {
        issues.add(`${path}holidays[${i}]`, 'must be a valid ISO date "YYYY-MM-DD"');
        return;
      }
      const dup = holidayIndex.get(n);
      if (dup !== undefined) {
        issues.add(`${path}holidays[${i}]`, `duplicate of holidays[${dup}] (${h as string})`);
        return;
      }
      holidayIndex.set(n, i);
      holidays.push(h as string);
    });
  }

  const extraWorkingDays: ExtraWorkingDay[] = [];
  const extraIndex = new Map<number, number>();
  if (d.extraWorkingDays !== undefined && !Array.isArray(d.extraWorkingDays)) {
    issues.add(`${path}extraWorkingDays`, 'must be an array of { date, windows }');
  } else {
    ((d.extraWorkingDays as unknown[] | undefined) ?? []).forEach((x, i) => {
      const p = `${path}extraWorkingDays[${i}]`;
      if (!isPlainObject(x)) {
        issues.add(p, 'must be an object { date: "YYYY-MM-DD", windows: [...] }');
        return;
      }
      let dateOk = false;
      const n = typeof x.date === 'string' ? isoDateToDayNumber(x.date) : null;
      if (n === null) {
        issues.add(`${p}.date`, 'must be a valid ISO date "YYYY-MM-DD"');
      } else if (extraIndex.has(n)) {
        issues.add(`${p}.date`, `duplicate of extraWorkingDays[${extraIndex.get(n)}] (${x.date as string})`);
      } else if (holidayIndex.has(n)) {
        issues.add(`${p}.date`, `also listed as a holiday (holidays[${holidayIndex.get(n)}])`);
      } else {
        extraIndex.set(n, i);
        dateOk = true;
      }
      let windows: WorkingWindow[] = [];
      if (Array.isArray(x.windows) && x.windows.length === 0) {
        issues.add(`${p}.windows`, 'an extra working day needs at least one working window');
      } else {
        windows = validateWindows(x.windows, `${p}.windows`, issues);
      }
      if (dateOk) extraWorkingDays.push({ date: x.date as string, windows });
    });
  }

  issues.throwIfAny();
  return { zone, week, holidays, extraWorkingDays };
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
