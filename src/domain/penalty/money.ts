/**
 * Decimal money. Amounts are decimal strings on the wire and Decimal values in
 * arithmetic; they never pass through JS floats. Rounding is half-even
 * (banker's rounding) to the currency's ISO 4217 minor unit.
 *
 * A private Decimal constructor is used (precision 40, half-even) so the global
 * decimal.js configuration, which other code may rely on, is never mutated.
 */
import Decimal from 'decimal.js';
import { DomainValidationError } from '../errors';

/** The Decimal constructor used for all money arithmetic. */
export const MoneyDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });

/** Half-even rounding mode, re-exported for callers that round themselves. */
export const ROUND_HALF_EVEN = Decimal.ROUND_HALF_EVEN;

/** A money value in arithmetic: a Decimal or a decimal string — never a JS number. */
export type MoneyValue = Decimal | string;

/**
 * ISO 4217 minor units (number of decimal digits) of active currencies.
 * Funds codes and precious metals are left out on purpose.
 */
export const CURRENCY_MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze({
  // zero decimals
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  // three decimals
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  // four decimals
  CLF: 4,
  UYW: 4,
  // two decimals
  AED: 2,
  AFN: 2,
  ALL: 2,
  AMD: 2,
  ANG: 2,
  AOA: 2,
  ARS: 2,
  AUD: 2,
  AWG: 2,
  AZN: 2,
  BAM: 2,
  BBD: 2,
  BDT: 2,
  BGN: 2,
  BMD: 2,
  BND: 2,
  BOB: 2,
  BRL: 2,
  BSD: 2,
  BTN: 2,
  BWP: 2,
  BYN: 2,
  BZD: 2,
  CAD: 2,
  CDF: 2,
  CHF: 2,
  CNY: 2,
  COP: 2,
  CRC: 2,
  CUP: 2,
  CVE: 2,
  CZK: 2,
  DKK: 2,
  DOP: 2,
  DZD: 2,
  EGP: 2,
  ERN: 2,
  ETB: 2,
  EUR: 2,
  FJD: 2,
  FKP: 2,
  GBP: 2,
  GEL: 2,
  GHS: 2,
  GIP: 2,
  GMD: 2,
  GTQ: 2,
  GYD: 2,
  HKD: 2,
  HNL: 2,
  HTG: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  IRR: 2,
  JMD: 2,
  KES: 2,
  KGS: 2,
  KHR: 2,
  KPW: 2,
  KYD: 2,
  KZT: 2,
  LAK: 2,
  LBP: 2,
  LKR: 2,
  LRD: 2,
  LSL: 2,
  MAD: 2,
  MDL: 2,
  MGA: 2,
  MKD: 2,
  MMK: 2,
  MNT: 2,
  MOP: 2,
  MRU: 2,
  MUR: 2,
  MVR: 2,
  MWK: 2,
  MXN: 2,
  MYR: 2,
  MZN: 2,
  NAD: 2,
  NGN: 2,
  NIO: 2,
  NOK: 2,
  NPR: 2,
  NZD: 2,
  PAB: 2,
  PEN: 2,
  PGK: 2,
  PHP: 2,
  PKR: 2,
  PLN: 2,
  QAR: 2,
  RON: 2,
  RSD: 2,
  RUB: 2,
  SAR: 2,
  SBD: 2,
  SCR: 2,
  SDG: 2,
  SEK: 2,
  SGD: 2,
  SHP: 2,
  SLE: 2,
  SOS: 2,
  SRD: 2,
  SSP: 2,
  STN: 2,
  SVC: 2,
  SYP: 2,
  SZL: 2,
  THB: 2,
  TJS: 2,
  TMT: 2,
  TOP: 2,
  TRY: 2,
  TTD: 2,
  TWD: 2,
  TZS: 2,
  UAH: 2,
  USD: 2,
  UYU: 2,
  UZS: 2,
  VES: 2,
  WST: 2,
  XCD: 2,
  YER: 2,
  ZAR: 2,
  ZMW: 2,
  ZWG: 2,
});

/**
 * Largest number of integer digits accepted in an amount (10^18 − 1 of the
 * major unit): far beyond any contract, and small enough that every product
 * and sum stays exact at 40 significant digits.
 */
export const MAX_INTEGER_DIGITS = 18;

const DECIMAL_PATTERN = /^(\d+)(?:\.(\d+))?$/;

export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(CURRENCY_MINOR_UNITS, code);
}

/** The currency's number of minor digits; throws DomainValidationError for an unknown code. */
export function minorUnits(currency: string, path = 'currency'): number {
  if (!isCurrency(currency))
    throw new DomainValidationError([{ path, message: `unknown currency "${String(currency)}" (ISO 4217 code expected)` }]);
  return CURRENCY_MINOR_UNITS[currency];
}

/**
 * Why `value` is not a valid non-negative money amount in `currency`, or
 * undefined when it is. Decimal strings only: "1000000.00", "0.5", "12".
 */
export function moneyProblem(value: unknown, currency: string): string | undefined {
  if (typeof value !== 'string')
    return 'must be a decimal string such as "1000000.00" (numbers are refused so money never goes through floats)';
  const digits = isCurrency(currency) ? CURRENCY_MINOR_UNITS[currency] : undefined;
  if (digits === undefined) return `unknown currency "${String(currency)}"`;
  if (/^-\s*\d/.test(value.trim())) return 'must not be negative';
  const m = DECIMAL_PATTERN.exec(value);
  if (!m) return 'must be a plain decimal string (digits, optional "." and fraction digits; no sign, exponent, spaces or separators)';
  if (m[1].replace(/^0+(?=\d)/, '').length > MAX_INTEGER_DIGITS) return `must have at most ${MAX_INTEGER_DIGITS} integer digits`;
  const fraction = m[2] ?? '';
  if (fraction.length > digits) {
    return digits === 0
      ? `must be a whole amount (${currency} has no minor unit)`
      : `must have at most ${digits} decimal places for ${currency}`;
  }
  return undefined;
}

/**
 * Parses a non-negative money amount given as a decimal string with at most
 * the currency's minor digits. Throws DomainValidationError located at `path`.
 */
export function parseMoney(value: string, currency: string, path = 'amount'): Decimal {
  const problem = moneyProblem(value, currency);
  if (problem) throw new DomainValidationError([{ path, message: problem }]);
  return new MoneyDecimal(value);
}

/** Rounds half-even to the currency's minor unit (0.125 → 0.12, 0.135 → 0.14 in CNY). */
export function roundMoney(d: MoneyValue, currency: string): Decimal {
  const digits = minorUnits(currency);
  const rounded = new MoneyDecimal(d).toDecimalPlaces(digits, Decimal.ROUND_HALF_EVEN);
  // normalise −0 (e.g. −0.001 rounded) to 0 so it never prints as "-0.00"
  return rounded.isZero() ? new MoneyDecimal(0) : rounded;
}

/**
 * Plain decimal string with exactly the currency's minor digits, after
 * half-even rounding: "2500.00", "1500" (JPY), "0.125" (BHD). No exponent, no
 * thousands separators; negatives keep their sign ("-2500.00").
 */
export function formatMoney(d: MoneyValue, currency: string): string {
  return roundMoney(d, currency).toFixed(minorUnits(currency));
}

/** Sum of decimal strings, formatted in the currency (exact; rounding only at the end). */
export function sumMoney(amounts: readonly string[], currency: string): string {
  let total = new MoneyDecimal(0);
  for (const a of amounts) total = total.plus(new MoneyDecimal(a));
  return formatMoney(total, currency);
}

/** Compares two decimal strings/values exactly: −1, 0 or 1. */
export function compareMoney(a: MoneyValue, b: MoneyValue): number {
  return new MoneyDecimal(a).comparedTo(new MoneyDecimal(b));
}

/**
 * A NUMERIC from PostgreSQL ('2500.0000') as a plain decimal string with the currency's minor digits
 * ('2500.00'). Decimal arithmetic only; a currency the table does not know keeps the exact value.
 */
export function moneyOut(value: string, currency: string): string {
  return isCurrency(currency) ? formatMoney(value, currency) : new MoneyDecimal(value).toFixed();
}

/** A NUMERIC rate ('0.00250000') as its shortest plain decimal ('0.0025'). */
export function plainDecimal(value: string): string {
  return new MoneyDecimal(value).toFixed();
}
