import fc from 'fast-check';
import { DomainValidationError } from '../../../src/domain/errors';
import { MoneyDecimal, sumMoney } from '../../../src/domain/penalty/money';
import {
  accrualPerPeriod,
  accrualSchedule,
  applyCap,
  capAmount,
  expectedAccruals,
  isPeriodOwed,
  periodsOwed,
} from '../../../src/domain/penalty/penalty';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('accrualPerPeriod', () => {
  it('1,000,000.00 CNY at 0.25 %/day → 2,500.00 per day', () => {
    expect(accrualPerPeriod('1000000.00', '0.0025', 'CNY')).toBe('2500.00');
  });

  it("returns strings with the currency's minor digits", () => {
    expect(accrualPerPeriod('1000000', '0.003', 'CNY')).toBe('3000.00');
    expect(accrualPerPeriod('1234567.89', '0.0025', 'USD')).toBe('3086.42'); // 3086.419725
    expect(accrualPerPeriod('1000000', '0.0025', 'JPY')).toBe('2500');
    expect(accrualPerPeriod('1000.000', '0.0025', 'KWD')).toBe('2.500');
  });

  it('rounds once, half-even', () => {
    expect(accrualPerPeriod('50.00', '0.0025', 'CNY')).toBe('0.12'); // 0.125
    expect(accrualPerPeriod('54.00', '0.0025', 'CNY')).toBe('0.14'); // 0.135
    expect(accrualPerPeriod('58.00', '0.0025', 'CNY')).toBe('0.14'); // 0.145
    expect(accrualPerPeriod('1000', '0.0025', 'JPY')).toBe('2'); // 2.5
    expect(accrualPerPeriod('1400', '0.0025', 'JPY')).toBe('4'); // 3.5
    expect(accrualPerPeriod('0.01', '0.0025', 'CNY')).toBe('0.00');
  });

  it('is exact where floats are not', () => {
    // 0.1 * 3 in floats is 0.30000000000000004; 1.005 * 1 rounds wrongly with toFixed
    expect(accrualPerPeriod('0.10', '1', 'CNY')).toBe('0.10');
    expect(accrualPerPeriod('999999999999999999.99', '1', 'CNY')).toBe('999999999999999999.99');
    expect(accrualPerPeriod('999999999999999999.99', '0.0025', 'CNY')).toBe('2500000000000000.00');
  });

  it('refuses bad input with located errors', () => {
    expect(() => accrualPerPeriod('1,000.00', '0.0025', 'CNY')).toThrow(DomainValidationError);
    expect(() => accrualPerPeriod('1000.00', '0', 'CNY')).toThrow(/ratePerPeriod: must be greater than 0/);
    expect(() => accrualPerPeriod('1000.00', '1.5', 'CNY')).toThrow(/ratePerPeriod/);
    expect(() => accrualPerPeriod('1000.00', 0.0025 as unknown as string, 'CNY')).toThrow(
      /ratePerPeriod: must be a decimal fraction string/,
    );
    expect(() => accrualPerPeriod('1000.001', '0.0025', 'CNY')).toThrow(/total: must have at most 2 decimal places/);
    expect(() => accrualPerPeriod('1000', '0.0025', 'RMB')).toThrow(/unknown currency/);
  });
});

describe('capAmount', () => {
  it('1,000,000.00 × 5 % → 50,000.00', () => {
    expect(capAmount('1000000.00', '0.05', 'CNY')).toBe('50000.00');
  });

  it('rounds half-even and refuses a bad fraction', () => {
    expect(capAmount('2.50', '0.05', 'CNY')).toBe('0.12'); // 0.125
    expect(capAmount('12345', '0.05', 'JPY')).toBe('617'); // 617.25
    expect(() => capAmount('100', '0', 'CNY')).toThrow(/capFraction/);
  });
});

describe('applyCap', () => {
  it('posts in full under the cap', () => {
    expect(applyCap({ amount: '2500.00', alreadyPosted: '47500.00', cap: '50000.00', currency: 'CNY' })).toEqual({
      amount: '2500.00',
      capped: false,
    });
  });

  it('cuts a posting that crosses the cap and flags it', () => {
    expect(applyCap({ amount: '3000.00', alreadyPosted: '48000.00', cap: '50000.00', currency: 'CNY' })).toEqual({
      amount: '2000.00',
      capped: true,
    });
  });

  it('returns zero (do not post) once the cap is reached, flagged', () => {
    expect(applyCap({ amount: '2500.00', alreadyPosted: '50000.00', cap: '50000.00', currency: 'CNY' })).toEqual({
      amount: '0.00',
      capped: true,
    });
  });

  it('treats postings beyond the cap (e.g. after a cap change) as no headroom', () => {
    expect(applyCap({ amount: '2500.00', alreadyPosted: '60000.00', cap: '50000.00', currency: 'CNY' })).toEqual({
      amount: '0.00',
      capped: true,
    });
  });

  it('a zero amount stays zero and uncapped', () => {
    expect(applyCap({ amount: '0.00', alreadyPosted: '50000.00', cap: '50000.00', currency: 'CNY' })).toEqual({
      amount: '0.00',
      capped: false,
    });
  });

  it('formats in the currency and validates every input', () => {
    expect(applyCap({ amount: '2500', alreadyPosted: '0', cap: '1000', currency: 'JPY' })).toEqual({ amount: '1000', capped: true });
    expect(() => applyCap({ amount: '-1.00', alreadyPosted: '0', cap: '1', currency: 'CNY' })).toThrow(/amount: must not be negative/);
    expect(() => applyCap({ amount: '1.00', alreadyPosted: 'x', cap: '1', currency: 'CNY' })).toThrow(/alreadyPosted/);
    expect(() => applyCap({ amount: '1.00', alreadyPosted: '0', cap: '1.001', currency: 'CNY' })).toThrow(/cap/);
  });
});

describe('periodsOwed', () => {
  it("'started' counts a started period (0 ms → 0)", () => {
    const owed = (ms: number): number => periodsOwed({ interruptionMs: ms, periodMs: DAY, partialPeriod: 'started' });
    expect(owed(0)).toBe(0);
    expect(owed(1)).toBe(1);
    expect(owed(3 * HOUR)).toBe(1);
    expect(owed(DAY)).toBe(1);
    expect(owed(DAY + 1)).toBe(2);
    expect(owed(30 * DAY)).toBe(30);
  });

  it("'completed' counts full periods only", () => {
    const owed = (ms: number): number => periodsOwed({ interruptionMs: ms, periodMs: DAY, partialPeriod: 'completed' });
    expect(owed(0)).toBe(0);
    expect(owed(DAY - 1)).toBe(0);
    expect(owed(DAY)).toBe(1);
    expect(owed(2 * DAY - 1)).toBe(1);
    expect(owed(30 * DAY)).toBe(30);
  });

  it('is exact at period boundaries for large values', () => {
    const p = 86_399_999;
    const n = 104_249_991; // n * p is near 2^53
    expect(periodsOwed({ interruptionMs: n * p, periodMs: p, partialPeriod: 'completed' })).toBe(n);
    expect(periodsOwed({ interruptionMs: n * p, periodMs: p, partialPeriod: 'started' })).toBe(n);
    expect(periodsOwed({ interruptionMs: n * p - 1, periodMs: p, partialPeriod: 'completed' })).toBe(n - 1);
    expect(periodsOwed({ interruptionMs: n * p - 1, periodMs: p, partialPeriod: 'started' })).toBe(n);
  });

  it('refuses non-integer or negative times', () => {
    expect(() => periodsOwed({ interruptionMs: -1, periodMs: DAY, partialPeriod: 'started' })).toThrow(RangeError);
    expect(() => periodsOwed({ interruptionMs: 1.5, periodMs: DAY, partialPeriod: 'started' })).toThrow(RangeError);
    expect(() => periodsOwed({ interruptionMs: Number.NaN, periodMs: DAY, partialPeriod: 'started' })).toThrow(RangeError);
    expect(() => periodsOwed({ interruptionMs: 1, periodMs: 0, partialPeriod: 'started' })).toThrow(RangeError);
  });

  it('property: started = ceil, completed = floor, completed ≤ started ≤ completed + 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 1e9 }), (ms, p) => {
        const started = periodsOwed({ interruptionMs: ms, periodMs: p, partialPeriod: 'started' });
        const completed = periodsOwed({ interruptionMs: ms, periodMs: p, partialPeriod: 'completed' });
        expect(completed).toBe(Math.floor(ms / p));
        expect(started).toBe(Math.ceil(ms / p));
        expect(completed * p).toBeLessThanOrEqual(ms);
        expect(started * p).toBeGreaterThanOrEqual(ms);
      }),
    );
  });
});

describe('accrualSchedule', () => {
  it("'started' posts at the start of each period, the first at once", () => {
    const postAt = accrualSchedule({ startAt: 0, periodMs: DAY, partialPeriod: 'started' });
    expect([1, 2, 3].map(postAt)).toEqual([0, DAY, 2 * DAY]);
  });

  it("'completed' posts at the end of each period", () => {
    const postAt = accrualSchedule({ startAt: 0, periodMs: DAY, partialPeriod: 'completed' });
    expect([1, 2, 3].map(postAt)).toEqual([DAY, 2 * DAY, 3 * DAY]);
  });

  it('countFrom breach: counting starts at the restore target', () => {
    const postAt = accrualSchedule({ startAt: 2 * HOUR, periodMs: DAY, partialPeriod: 'started' });
    expect([1, 2].map(postAt)).toEqual([2 * HOUR, 2 * HOUR + DAY]);
  });

  it('countFrom report: nothing before the restore target; periods due earlier post at the breach', () => {
    const started = accrualSchedule({ startAt: 0, periodMs: DAY, partialPeriod: 'started', notBefore: 2 * HOUR });
    expect([1, 2].map(started)).toEqual([2 * HOUR, DAY]);
    const hourly = accrualSchedule({ startAt: 0, periodMs: HOUR, partialPeriod: 'completed', notBefore: 2 * HOUR });
    expect([1, 2, 3].map(hourly)).toEqual([2 * HOUR, 2 * HOUR, 3 * HOUR]);
  });

  it('refuses bad input', () => {
    expect(() => accrualSchedule({ startAt: -1, periodMs: DAY, partialPeriod: 'started' })).toThrow(RangeError);
    expect(() => accrualSchedule({ startAt: 0, periodMs: 0, partialPeriod: 'started' })).toThrow(RangeError);
    expect(() => accrualSchedule({ startAt: 0, periodMs: DAY, partialPeriod: 'started', notBefore: 0.5 })).toThrow(RangeError);
    const postAt = accrualSchedule({ startAt: 0, periodMs: DAY, partialPeriod: 'started' });
    expect(() => postAt(0)).toThrow(RangeError);
    expect(() => postAt(1.5)).toThrow(RangeError);
  });

  it('property: the schedule and isPeriodOwed agree (started: owed iff restored after postAt; completed: iff restored at or after)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 1e8 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 5e9 }),
        fc.constantFrom('started' as const, 'completed' as const),
        (startAt, p, index, interruptionMs, partialPeriod) => {
          const postAt = accrualSchedule({ startAt, periodMs: p, partialPeriod })(index);
          const restoredAt = startAt + interruptionMs;
          const owed = isPeriodOwed({ index, interruptionMs, periodMs: p, partialPeriod });
          expect(owed).toBe(partialPeriod === 'started' ? restoredAt > postAt : restoredAt >= postAt);
        },
      ),
    );
  });
});

describe('isPeriodOwed', () => {
  it('follows periodsOwed', () => {
    expect(isPeriodOwed({ index: 1, interruptionMs: 1, periodMs: DAY, partialPeriod: 'started' })).toBe(true);
    expect(isPeriodOwed({ index: 1, interruptionMs: 0, periodMs: DAY, partialPeriod: 'started' })).toBe(false);
    expect(isPeriodOwed({ index: 2, interruptionMs: DAY, periodMs: DAY, partialPeriod: 'started' })).toBe(false);
    expect(isPeriodOwed({ index: 1, interruptionMs: DAY, periodMs: DAY, partialPeriod: 'completed' })).toBe(true);
    expect(() => isPeriodOwed({ index: 0, interruptionMs: DAY, periodMs: DAY, partialPeriod: 'completed' })).toThrow(RangeError);
  });
});

describe('expectedAccruals', () => {
  const base = { total: '1000000.00', rate: '0.0025', capFraction: '0.05', currency: 'CNY' };

  it('30-day outage at 0.25 %/day stops at 50,000.00: period 20 is the last, 21+ are zero and not posted', () => {
    const rows = expectedAccruals({ ...base, periods: 30 });
    expect(rows).toHaveLength(30);
    for (const r of rows.slice(0, 20)) expect(r).toEqual({ index: r.index, amount: '2500.00', capped: false, post: true });
    for (const r of rows.slice(20)) expect(r).toEqual({ index: r.index, amount: '0.00', capped: true, post: false });
    expect(rows.map((r) => r.index)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(
      sumMoney(
        rows.map((r) => r.amount),
        'CNY',
      ),
    ).toBe('50000.00');
  });

  it('derives the periods from the interruption and the period rule', () => {
    const started = expectedAccruals({ ...base, interruptionMs: 2 * DAY + 3 * HOUR, periodMs: DAY, partialPeriod: 'started' });
    expect(started.map((r) => r.amount)).toEqual(['2500.00', '2500.00', '2500.00']);
    const completed = expectedAccruals({ ...base, interruptionMs: 2 * DAY + 3 * HOUR, periodMs: DAY, partialPeriod: 'completed' });
    expect(completed.map((r) => r.amount)).toEqual(['2500.00', '2500.00']);
    expect(expectedAccruals({ ...base, interruptionMs: 0, periodMs: DAY, partialPeriod: 'started' })).toEqual([]);
  });

  it('the posting crossing the cap is cut and flagged: 0.3 % → 16 × 3000 = 48000, the 17th is 2000.00', () => {
    const rows = expectedAccruals({ ...base, rate: '0.003', periods: 18 });
    expect(rows.slice(0, 16).every((r) => r.amount === '3000.00' && !r.capped && r.post)).toBe(true);
    expect(rows[16]).toEqual({ index: 17, amount: '2000.00', capped: true, post: true });
    expect(rows[17]).toEqual({ index: 18, amount: '0.00', capped: true, post: false });
  });

  it('contract-scope caps: starts from what other incidents already posted', () => {
    const rows = expectedAccruals({ ...base, periods: 3, alreadyPosted: '46000.00' });
    expect(rows.map((r) => [r.amount, r.capped, r.post])).toEqual([
      ['2500.00', false, true],
      ['1500.00', true, true],
      ['0.00', true, false],
    ]);
  });

  it('works in zero- and three-decimal currencies', () => {
    expect(
      expectedAccruals({ total: '1000', rate: '0.0025', capFraction: '0.005', currency: 'JPY', periods: 3 }).map((r) => r.amount),
    ).toEqual(['2', '2', '1']);
    expect(expectedAccruals({ total: '1000.000', rate: '0.0025', capFraction: '0.05', currency: 'BHD', periods: 1 })[0].amount).toBe(
      '2.500',
    );
  });

  it('refuses a bad number of periods', () => {
    expect(() => expectedAccruals({ ...base, periods: -1 })).toThrow(RangeError);
    expect(() => expectedAccruals({ ...base, periods: 1.5 })).toThrow(RangeError);
  });

  it('property: the sum never exceeds the cap and equals min(n × per-period, cap); amounts are decimal strings', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.integer({ min: 1, max: 10000 }),
        fc.integer({ min: 1, max: 10000 }),
        fc.integer({ min: 0, max: 60 }),
        (cents, rateBp, capBp, n) => {
          const total = new MoneyDecimal(cents.toString()).dividedBy(100).toFixed(2);
          const rate = new MoneyDecimal(rateBp).dividedBy(10000).toString();
          const capFraction = new MoneyDecimal(capBp).dividedBy(10000).toString();
          const rows = expectedAccruals({ total, rate, capFraction, currency: 'CNY', periods: n });
          const per = new MoneyDecimal(accrualPerPeriod(total, rate, 'CNY'));
          const cap = new MoneyDecimal(capAmount(total, capFraction, 'CNY'));
          const sum = rows.reduce((s, r) => s.plus(r.amount), new MoneyDecimal(0));
          expect(sum.lte(cap)).toBe(true);
          expect(sum.eq(MoneyDecimal.min(per.times(n), cap))).toBe(true);
          for (const r of rows) expect(r.amount).toMatch(/^\d+\.\d{2}$/);
          expect(rows.filter((r) => r.capped && r.post).length).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
