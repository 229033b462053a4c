/**
 * Pure penalty math (DESIGN §4.6). Amounts are decimal strings in and out;
 * arithmetic is decimal (see money.ts); each posted amount is rounded once,
 * half-even, to the currency's minor unit.
 *
 * Time model. Accrual runs on *running time*: milliseconds of interruption
 * with every pause removed. Offsets here are running-time offsets; the
 * workflow maps them to instants with the clock engine (which knows the
 * pauses). Period i (1-based) covers running interruption ((i−1)·p, i·p].
 *
 *  - partialPeriod 'started':   period i is owed once interruption exceeds (i−1)·p,
 *                               i.e. as soon as the period has begun (0 ms → nothing owed).
 *  - partialPeriod 'completed': period i is owed once interruption reaches i·p.
 *
 * isPeriodOwed() is the single rule; periodsOwed() counts it; accrualSchedule()
 * gives the running offset at which each period becomes postable.
 */
import Decimal from 'decimal.js';
import { DomainValidationError } from '../errors';
import { MoneyDecimal, formatMoney, moneyProblem, roundMoney } from './money';
import { PartialPeriod } from './terms';

const FRACTION_PATTERN = /^\d+(?:\.\d+)?$/;

function money(value: string, currency: string, path: string): Decimal {
  const problem = moneyProblem(value, currency);
  if (problem) throw new DomainValidationError([{ path, message: problem }]);
  return new MoneyDecimal(value);
}

function fraction(value: string, path: string): Decimal {
  if (typeof value !== 'string' || !FRACTION_PATTERN.test(value)) {
    throw new DomainValidationError([{ path, message: 'must be a decimal fraction string such as "0.0025"' }]);
  }
  const d = new MoneyDecimal(value);
  if (d.lte(0) || d.gt(1)) throw new DomainValidationError([{ path, message: 'must be greater than 0 and at most 1' }]);
  return d;
}

function nonNegativeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer number of milliseconds, got ${value}`);
}

function positiveInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

/** floor(a / b) for non-negative safe integers, exact (no float rounding at the boundary). */
function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  while (q * b > a) q -= 1;
  while ((q + 1) * b <= a) q += 1;
  return q;
}

// ---------------------------------------------------------------------------
// amounts

/**
 * The amount posted for one period: total × rate, rounded once (half-even) to
 * the minor unit. 1,000,000.00 CNY × 0.0025 → "2500.00".
 */
export function accrualPerPeriod(total: string, rate: string, currency: string): string {
  const t = money(total, currency, 'total');
  const r = fraction(rate, 'ratePerPeriod');
  return formatMoney(t.times(r), currency);
}

/** The most penalties may ever reach: total × capFraction, rounded half-even. 1,000,000.00 × 0.05 → "50000.00". */
export function capAmount(total: string, capFraction: string, currency: string): string {
  const t = money(total, currency, 'total');
  const c = fraction(capFraction, 'capFraction');
  return formatMoney(t.times(c), currency);
}

export interface ApplyCapInput {
  /** The amount the period would post. */
  amount: string;
  /** What is already posted against this cap (net of reversals), in the same currency. */
  alreadyPosted: string;
  /** The cap (see capAmount). */
  cap: string;
  currency: string;
}

export interface CappedAmount {
  /** What may be posted: the amount, or the headroom left under the cap. "0.00" means: do not post. */
  amount: string;
  /** True when the cap cut the amount (including cut to zero). */
  capped: boolean;
}

/**
 * Cuts an accrual to the headroom left under the cap. A zero result means the
 * period must not be posted (capped is true when the cap did it; a zero
 * amount that was zero anyway is returned uncapped).
 */
export function applyCap(input: ApplyCapInput): CappedAmount {
  const { currency } = input;
  const amount = money(input.amount, currency, 'amount');
  const posted = money(input.alreadyPosted, currency, 'alreadyPosted');
  const cap = money(input.cap, currency, 'cap');
  const headroom = MoneyDecimal.max(cap.minus(posted), 0);
  if (amount.lte(headroom)) return { amount: formatMoney(amount, currency), capped: false };
  return { amount: formatMoney(headroom, currency), capped: true };
}

// ---------------------------------------------------------------------------
// periods

export interface PeriodRuleInput {
  /** Running (unpaused) interruption time, ms, integer ≥ 0. */
  interruptionMs: number;
  /** Length of one period, ms, integer > 0 (see penaltyPeriodMs). */
  periodMs: number;
  partialPeriod: PartialPeriod;
}

/**
 * How many periods are owed for `interruptionMs` of running interruption:
 * 'started' → ceil(interruption / period) (0 ms → 0), 'completed' → floor.
 */
export function periodsOwed(input: PeriodRuleInput): number {
  const { interruptionMs, periodMs, partialPeriod } = input;
  nonNegativeInteger(interruptionMs, 'interruptionMs');
  positiveInteger(periodMs, 'periodMs');
  const full = floorDiv(interruptionMs, periodMs);
  if (partialPeriod === 'completed') return full;
  return full * periodMs < interruptionMs ? full + 1 : full;
}

/** Whether period `index` (1-based) is owed after `interruptionMs` of running interruption. */
export function isPeriodOwed(input: PeriodRuleInput & { index: number }): boolean {
  positiveInteger(input.index, 'index');
  return input.index <= periodsOwed(input);
}

export interface AccrualScheduleInput {
  /**
   * Running-time offset (ms) where interruption counting starts: the incident's
   * t0 for countFrom 'report' (usually 0), the restore target's offset for
   * countFrom 'breach'.
   */
  startAt: number;
  periodMs: number;
  partialPeriod: PartialPeriod;
  /**
   * Running-time offset before which nothing may be posted: the restore
   * target (penalty.restoreWithin). Defaults to startAt. With countFrom
   * 'report' every period that fell due before the breach is posted at the
   * breach.
   */
  notBefore?: number;
}

/**
 * Running-time offset at which period `index` (1-based) becomes postable:
 * 'started' → startAt + (index−1)·period (the first posting happens the
 * moment accrual starts), 'completed' → startAt + index·period; never before
 * `notBefore`.
 *
 * The workflow posts period i at postAt(i) if the service is still
 * interrupted then. Boundary rule (same as isPeriodOwed): for 'started', a
 * restore at exactly postAt(i) = startAt + (i−1)·p does not owe period i; for
 * 'completed', a restore at exactly startAt + i·p does owe it.
 */
export function accrualSchedule(input: AccrualScheduleInput): (index: number) => number {
  const { startAt, periodMs, partialPeriod } = input;
  nonNegativeInteger(startAt, 'startAt');
  positiveInteger(periodMs, 'periodMs');
  const notBefore = input.notBefore ?? startAt;
  nonNegativeInteger(notBefore, 'notBefore');
  return (index: number): number => {
    positiveInteger(index, 'index');
    const offset = startAt + (partialPeriod === 'started' ? index - 1 : index) * periodMs;
    return Math.max(offset, notBefore);
  };
}

// ---------------------------------------------------------------------------
// reconciliation

export interface ExpectedAccrual {
  /** 1-based period index. */
  index: number;
  /** Amount to post for the period after the cap ("0.00" once the cap is reached). */
  amount: string;
  /** The cap cut this period (partly or to zero). */
  capped: boolean;
  /** False when nothing is to be posted for this period (zero amount). */
  post: boolean;
}

interface ExpectedAccrualsBase {
  total: string;
  rate: string;
  capFraction: string;
  currency: string;
  /** Already posted against the cap before these periods (contract-scope caps); default "0". */
  alreadyPosted?: string;
}

export type ExpectedAccrualsInput = ExpectedAccrualsBase &
  ({ periods: number } | { interruptionMs: number; periodMs: number; partialPeriod: PartialPeriod });

/**
 * What one incident should have posted, period by period, with the cap
 * applied in period order: each period posts total × rate (rounded once) until
 * the cap; the period crossing the cap is cut to the headroom and flagged; the
 * ones after it are zero and not posted. Give either the number of periods
 * owed, or the interruption time and period rule to derive it.
 */
export function expectedAccruals(input: ExpectedAccrualsInput): ExpectedAccrual[] {
  const { total, rate, capFraction, currency } = input;
  const periods = 'periods' in input ? input.periods : periodsOwed(input);
  if (!Number.isSafeInteger(periods) || periods < 0) throw new RangeError(`periods must be a non-negative integer, got ${periods}`);
  const perPeriod = accrualPerPeriod(total, rate, currency);
  const cap = capAmount(total, capFraction, currency);
  let posted = roundMoney(money(input.alreadyPosted ?? '0', currency, 'alreadyPosted'), currency);
  const out: ExpectedAccrual[] = [];
  for (let index = 1; index <= periods; index += 1) {
    const r = applyCap({ amount: perPeriod, alreadyPosted: formatMoney(posted, currency), cap, currency });
    posted = posted.plus(new MoneyDecimal(r.amount));
    out.push({ index, amount: r.amount, capped: r.capped, post: !new MoneyDecimal(r.amount).isZero() });
  }
  return out;
}
