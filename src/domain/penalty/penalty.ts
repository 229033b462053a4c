/**
 * Pure penalty money math (DESIGN §4.6): the amount one period owes, the cap, and how the cap cuts
 * a posting. Amounts are decimal strings in and out; arithmetic is decimal (see money.ts); each
 * posted amount is rounded once, half-even, to the currency's minor unit. Which periods are owed,
 * and when, is the ladder engine's accrual schedule (src/domain/ladder/accrual.ts).
 */
import Decimal from 'decimal.js';
import { DomainValidationError } from '../errors';
import { MoneyDecimal, formatMoney, moneyProblem } from './money';

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
