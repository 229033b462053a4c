/**
 * Penalty terms of a contract (DESIGN §3, §4.6): "服务每中断一天我方向…支付合同总价的0.25%的违约金,
 * 最终违约金不超过合同总价的5%" becomes
 * `{ ratePerPeriod: '0.0025', period: 1 day, capFraction: '0.05', capScope: 'contract', … }`.
 * Rates and caps are decimal strings (never floats).
 */
import Decimal from 'decimal.js';
import { Duration, WALL_UNITS, WallUnit } from '../clock/types';
import { IssueCollector } from '../errors';
import { checkDuration, isPlainObject, joinPath, rootLabel } from '../policy/policy';

/** Whether the cap holds across all incidents of the contract or per incident. */
export const CAP_SCOPES = ['contract', 'incident'] as const;
export type CapScope = (typeof CAP_SCOPES)[number];

/** How a partial period counts: a started period is owed in full, or only completed periods are owed. */
export const PARTIAL_PERIODS = ['started', 'completed'] as const;
export type PartialPeriod = (typeof PARTIAL_PERIODS)[number];

/** Where interruption time is counted from: t0 (the report) or the restore-target breach. */
export const COUNT_FROM = ['report', 'breach'] as const;
export type CountFrom = (typeof COUNT_FROM)[number];

export interface PenaltyTerms {
  /** Decimal fraction of the contract total owed per period: '0.0025' = 0.25 %. In (0, 1]. */
  ratePerPeriod: string;
  /** Length of one accrual period, on the wall clock (running time, pauses excluded). Default 1 day. */
  period: Duration & { unit: WallUnit };
  /** Decimal fraction of the contract total that penalties may never exceed: '0.05'. In (0, 1]. */
  capFraction: string;
  capScope: CapScope;
  partialPeriod: PartialPeriod;
  countFrom: CountFrom;
}

export const DEFAULT_PENALTY_PERIOD: Readonly<Duration & { unit: WallUnit }> = Object.freeze({ amount: 1, unit: 'days' });

const TERM_FIELDS = ['ratePerPeriod', 'period', 'capFraction', 'capScope', 'partialPeriod', 'countFrom'] as const;
const FRACTION_PATTERN = /^\d+(?:\.\d{1,12})?$/;

const UNIT_MS: Record<WallUnit, number> = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** Length of one accrual period in milliseconds (wall units only, so it is fixed). */
export function penaltyPeriodMs(terms: Pick<PenaltyTerms, 'period'>): number {
  return Math.round(terms.period.amount * UNIT_MS[terms.period.unit]);
}

function checkFraction(input: unknown, path: string, issues: IssueCollector): string | undefined {
  if (input === undefined) {
    issues.add(path, 'missing');
    return undefined;
  }
  if (typeof input !== 'string' || !FRACTION_PATTERN.test(input)) {
    issues.add(path, 'must be a decimal fraction string such as "0.0025" (at most 12 decimal places; numbers are refused)');
    return undefined;
  }
  const d = new Decimal(input);
  if (d.lte(0) || d.gt(1)) {
    issues.add(path, 'must be greater than 0 and at most 1 (a fraction of the contract total: "0.05" = 5%)');
    return undefined;
  }
  return input;
}

function checkChoice<T extends string>(input: unknown, choices: readonly T[], fallback: T, path: string, issues: IssueCollector): T {
  if (input === undefined) return fallback;
  if (typeof input !== 'string' || !(choices as readonly string[]).includes(input)) {
    issues.add(path, `must be one of ${choices.join(', ')}`);
    return fallback;
  }
  return input as T;
}

/**
 * Checks penalty terms, recording every problem in `issues`; returns the
 * normalized terms (defaults filled in) or undefined when there were problems.
 */
export function checkPenaltyTerms(input: unknown, path: string, issues: IssueCollector): PenaltyTerms | undefined {
  if (!isPlainObject(input)) {
    issues.add(rootLabel(path), 'must be an object { ratePerPeriod, capFraction, period?, capScope?, partialPeriod?, countFrom? }');
    return undefined;
  }
  const before = issues.issues.length;
  for (const key of Object.keys(input)) {
    if (!(TERM_FIELDS as readonly string[]).includes(key)) issues.add(joinPath(path, key), 'unknown field');
  }
  const ratePerPeriod = checkFraction(input.ratePerPeriod, joinPath(path, 'ratePerPeriod'), issues);
  const capFraction = checkFraction(input.capFraction, joinPath(path, 'capFraction'), issues);
  let period: (Duration & { unit: WallUnit }) | undefined = { ...DEFAULT_PENALTY_PERIOD };
  if (input.period !== undefined) {
    period = checkDuration(input.period, joinPath(path, 'period'), issues, { units: WALL_UNITS }) as
      (Duration & { unit: WallUnit }) | undefined;
    if (period && penaltyPeriodMs({ period }) < 1_000) {
      issues.add(joinPath(path, 'period'), 'must be at least one second');
    }
  }
  const capScope = checkChoice(input.capScope, CAP_SCOPES, 'contract', joinPath(path, 'capScope'), issues);
  const partialPeriod = checkChoice(input.partialPeriod, PARTIAL_PERIODS, 'started', joinPath(path, 'partialPeriod'), issues);
  const countFrom = checkChoice(input.countFrom, COUNT_FROM, 'report', joinPath(path, 'countFrom'), issues);

  if (issues.issues.length > before || !ratePerPeriod || !capFraction || !period) return undefined;
  return { ratePerPeriod, period, capFraction, capScope, partialPeriod, countFrom };
}

/**
 * Validates penalty terms. Defaults: period 1 day, capScope 'contract',
 * partialPeriod 'started', countFrom 'report'. Throws DomainValidationError
 * listing every problem with its field path (prefixed by `path`).
 */
export function validatePenaltyTerms(input: unknown, path = ''): PenaltyTerms {
  const issues = new IssueCollector();
  const terms = checkPenaltyTerms(input, path, issues);
  issues.throwIfAny();
  return terms as PenaltyTerms;
}
