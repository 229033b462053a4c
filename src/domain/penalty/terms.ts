/**
 * Penalty terms of a contract (DESIGN §3, §4.6): "服务每中断一天我方向…支付合同总价的0.25%的违约金,
 * 最终违约金不超过合同总价的5%" becomes
 * `{ ratePerPeriod: '0.0025', period: 1 day, capFraction: '0.05', capScope: 'contract', … }`.
 * Rates and caps are decimal strings (never floats).
 */
import Decimal from 'decimal.js';
import type { Duration, WallUnit } from '../clock/types';
import type { IssueCollector } from '../errors';
import { WallDurationSchema } from '../policy/schema';
import { fieldIssues, parseInput, z } from '../validation';

/** Whether the cap holds across all incidents of the contract or per incident. */
export const CAP_SCOPES = ['contract', 'incident'] as const;
export type CapScope = (typeof CAP_SCOPES)[number];

/** How a partial period counts: a started period is owed in full, or only completed periods are owed. */
export const PARTIAL_PERIODS = ['started', 'completed'] as const;
export type PartialPeriod = (typeof PARTIAL_PERIODS)[number];

/** Where interruption time is counted from: t0 (the report) or the restore-target breach. */
export const COUNT_FROM = ['report', 'breach'] as const;
export type CountFrom = (typeof COUNT_FROM)[number];

/** Penalty terms as validated by PenaltyTermsSchema (the one definition of the shape). */
export type PenaltyTerms = Omit<z.output<typeof PenaltyTermsSchema>, 'period'> & { period: Duration & { unit: WallUnit } };

export const DEFAULT_PENALTY_PERIOD: Readonly<Duration & { unit: WallUnit }> = Object.freeze({ amount: 1, unit: 'days' });

const FRACTION_PATTERN = /^\d+(?:\.\d{1,12})?$/;

const UNIT_MS: Record<WallUnit, number> = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** Length of one accrual period in milliseconds (wall units only, so it is fixed). */
export function penaltyPeriodMs(terms: { period: Duration & { unit: WallUnit } }): number {
  return Math.round(terms.period.amount * UNIT_MS[terms.period.unit]);
}

const FRACTION_FORMAT = 'must be a decimal fraction string such as "0.0025" (at most 12 decimal places; numbers are refused)';

const fractionSchema = z.string({ error: (iss) => (iss.input === undefined ? 'missing' : FRACTION_FORMAT) }).superRefine((v, ctx) => {
  if (!FRACTION_PATTERN.test(v)) ctx.addIssue({ code: 'custom', message: FRACTION_FORMAT });
  else if (!(new Decimal(v).gt(0) && new Decimal(v).lte(1))) {
    ctx.addIssue({ code: 'custom', message: 'must be greater than 0 and at most 1 (a fraction of the contract total: "0.05" = 5%)' });
  }
});

const choice = <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` }).default(fallback as never);

/** The penalty terms' input shape: one definition of their validation, type and OpenAPI schema. */
export const PenaltyTermsSchema = z
  .strictObject(
    {
      ratePerPeriod: fractionSchema.meta({
        example: '0.0025',
        description: "Fraction of the contract total owed per period ('0.0025' = 0.25 %)",
      }),
      period: WallDurationSchema.refine((p) => penaltyPeriodMs({ period: p as Duration & { unit: WallUnit } }) >= 1_000, {
        error: 'must be at least one second',
        when: (payload) => payload.issues.length === 0,
      })
        .default({ ...DEFAULT_PENALTY_PERIOD })
        .meta({ description: 'Length of one accrual period on the wall clock (running time, pauses excluded); default 1 day' }),
      capFraction: fractionSchema.meta({ example: '0.05', description: 'Fraction of the contract total penalties may never exceed' }),
      capScope: choice(CAP_SCOPES, 'contract'),
      partialPeriod: choice(PARTIAL_PERIODS, 'started'),
      countFrom: choice(COUNT_FROM, 'report'),
    },
    {
      error: (iss) =>
        iss.code === 'invalid_type'
          ? 'must be an object { ratePerPeriod, capFraction, period?, capScope?, partialPeriod?, countFrom? }'
          : undefined,
    },
  )
  .meta({ id: 'PenaltyTerms', description: 'Rate per period, cap, cap scope, how a partial period counts and where counting starts' });

/**
 * Checks penalty terms, recording every problem in `issues`; returns the normalized terms
 * (defaults filled in) or undefined when there were problems.
 */
export function checkPenaltyTerms(input: unknown, path: string, issues: IssueCollector): PenaltyTerms | undefined {
  const result = PenaltyTermsSchema.safeParse(input);
  if (result.success) return result.data as PenaltyTerms;
  for (const issue of fieldIssues(result.error, path)) issues.add(issue.path, issue.message);
  return undefined;
}

/**
 * Validates penalty terms. Defaults: period 1 day, capScope 'contract',
 * partialPeriod 'started', countFrom 'report'. Throws DomainValidationError
 * listing every problem with its field path (prefixed by `path`).
 */
export function validatePenaltyTerms(input: unknown, path = ''): PenaltyTerms {
  return parseInput(PenaltyTermsSchema, input, path) as PenaltyTerms;
}
