import { DomainValidationError, FieldIssue, IssueCollector } from '../../../src/domain/errors';
import { checkPenaltyTerms, penaltyPeriodMs, validatePenaltyTerms } from '../../../src/domain/penalty/terms';

function messagesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainValidationError);
    return (e as DomainValidationError).issues.map((i: FieldIssue) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a DomainValidationError');
}

const FRACTION = 'must be a decimal fraction string such as "0.0025" (at most 12 decimal places; numbers are refused)';
const RANGE = 'must be greater than 0 and at most 1 (a fraction of the contract total: "0.05" = 5%)';

describe('validatePenaltyTerms', () => {
  it('fills in the defaults: 1 day, contract cap, started periods, counted from the report', () => {
    expect(validatePenaltyTerms({ ratePerPeriod: '0.0025', capFraction: '0.05' })).toEqual({
      ratePerPeriod: '0.0025',
      period: { amount: 1, unit: 'days' },
      capFraction: '0.05',
      capScope: 'contract',
      partialPeriod: 'started',
      countFrom: 'report',
    });
  });

  it('keeps every explicit choice', () => {
    const terms = {
      ratePerPeriod: '0.003',
      period: { amount: 30, unit: 'seconds' },
      capFraction: '1',
      capScope: 'incident',
      partialPeriod: 'completed',
      countFrom: 'breach',
    };
    expect(validatePenaltyTerms(terms)).toEqual(terms);
  });

  it('returns a copy (the default period is not shared)', () => {
    const a = validatePenaltyTerms({ ratePerPeriod: '0.0025', capFraction: '0.05' });
    a.period.amount = 7;
    expect(validatePenaltyTerms({ ratePerPeriod: '0.0025', capFraction: '0.05' }).period.amount).toBe(1);
  });

  it('accepts rates and caps in (0, 1]', () => {
    for (const ok of ['1', '1.0', '0.000000000001', '0.5', '0.0025']) {
      expect(validatePenaltyTerms({ ratePerPeriod: ok, capFraction: ok }).ratePerPeriod).toBe(ok);
    }
  });

  it('refuses a non-object', () => {
    for (const bad of [null, 'x', [], 3]) {
      expect(messagesOf(() => validatePenaltyTerms(bad, 'penaltyTerms'))).toEqual([
        'penaltyTerms: must be an object { ratePerPeriod, capFraction, period?, capScope?, partialPeriod?, countFrom? }',
      ]);
    }
    expect(messagesOf(() => validatePenaltyTerms(undefined))[0]).toMatch(/^\(root\): must be an object/);
  });

  it('requires the rate and the cap', () => {
    expect(messagesOf(() => validatePenaltyTerms({}, 'terms'))).toEqual(['terms.ratePerPeriod: missing', 'terms.capFraction: missing']);
  });

  it('refuses rates and caps outside (0, 1]', () => {
    for (const bad of ['0', '0.00', '1.0001', '2', '100']) {
      expect(messagesOf(() => validatePenaltyTerms({ ratePerPeriod: bad, capFraction: '0.05' }, 'terms'))).toEqual([
        `terms.ratePerPeriod: ${RANGE}`,
      ]);
      expect(messagesOf(() => validatePenaltyTerms({ ratePerPeriod: '0.0025', capFraction: bad }, 'terms'))).toEqual([
        `terms.capFraction: ${RANGE}`,
      ]);
    }
  });

  it('refuses rates that are not decimal strings', () => {
    for (const bad of [0.0025, '-0.1', '0.25%', '2.5e-3', '.5', '', ' 0.1', '0.1234567890123', null]) {
      expect(messagesOf(() => validatePenaltyTerms({ ratePerPeriod: bad, capFraction: '0.05' }, 'terms'))).toEqual([
        `terms.ratePerPeriod: ${FRACTION}`,
      ]);
    }
  });

  it('restricts the period to wall-clock units', () => {
    expect(
      messagesOf(() =>
        validatePenaltyTerms({ ratePerPeriod: '0.1', capFraction: '0.1', period: { amount: 1, unit: 'workingDays' } }, 'terms'),
      ),
    ).toEqual(['terms.period.unit: must be one of seconds, minutes, hours, days']);
  });

  it('checks the period like any duration', () => {
    expect(
      messagesOf(() =>
        validatePenaltyTerms({ ratePerPeriod: '0.1', capFraction: '0.1', period: { amount: 0, unit: 'days', anchor: 'report' } }, 'terms'),
      ),
    ).toEqual(['terms.period.anchor: unknown field', 'terms.period.amount: must be a positive number']);
    expect(messagesOf(() => validatePenaltyTerms({ ratePerPeriod: '0.1', capFraction: '0.1', period: 'daily' }, 'terms'))).toEqual([
      'terms.period: must be an object { amount, unit }',
    ]);
  });

  it('refuses a period shorter than a second', () => {
    expect(
      messagesOf(() =>
        validatePenaltyTerms({ ratePerPeriod: '0.1', capFraction: '0.1', period: { amount: 0.5, unit: 'seconds' } }, 'terms'),
      ),
    ).toEqual(['terms.period: must be at least one second']);
  });

  it('refuses unknown choices', () => {
    expect(
      messagesOf(() =>
        validatePenaltyTerms(
          { ratePerPeriod: '0.1', capFraction: '0.1', capScope: 'global', partialPeriod: 'rounded', countFrom: 'restore' },
          'terms',
        ),
      ),
    ).toEqual([
      'terms.capScope: must be one of contract, incident',
      'terms.partialPeriod: must be one of started, completed',
      'terms.countFrom: must be one of report, breach',
    ]);
  });

  it('refuses unknown fields', () => {
    expect(messagesOf(() => validatePenaltyTerms({ ratePerPeriod: '0.1', capFraction: '0.1', rate: '0.1' }, 'terms'))).toEqual([
      'terms.rate: unknown field',
    ]);
  });

  it('lists every problem at once', () => {
    expect(messagesOf(() => validatePenaltyTerms({ ratePerPeriod: 1, capScope: 'x', extra: true }))).toEqual([
      'extra: unknown field',
      `ratePerPeriod: ${FRACTION}`,
      'capFraction: missing',
      'capScope: must be one of contract, incident',
    ]);
  });

  it('accepts the "definition." prefix convention too', () => {
    expect(messagesOf(() => validatePenaltyTerms({ capFraction: '0.1' }, 'contract.penalty.'))).toEqual([
      'contract.penalty.ratePerPeriod: missing',
    ]);
  });
});

describe('checkPenaltyTerms', () => {
  it('adds to a shared collector', () => {
    const issues = new IssueCollector();
    expect(checkPenaltyTerms({ ratePerPeriod: '0', capFraction: '0.05' }, 'penalty', issues)).toBeUndefined();
    expect(issues.issues.map((i) => i.path)).toEqual(['penalty.ratePerPeriod']);
  });
});

describe('penaltyPeriodMs', () => {
  it('converts wall units', () => {
    expect(penaltyPeriodMs({ period: { amount: 1, unit: 'days' } })).toBe(86_400_000);
    expect(penaltyPeriodMs({ period: { amount: 12, unit: 'hours' } })).toBe(43_200_000);
    expect(penaltyPeriodMs({ period: { amount: 5, unit: 'minutes' } })).toBe(300_000);
    expect(penaltyPeriodMs({ period: { amount: 2, unit: 'seconds' } })).toBe(2_000);
    expect(penaltyPeriodMs({ period: { amount: 1.5, unit: 'seconds' } })).toBe(1_500);
  });
});
