import { DomainValidationError } from '../../../src/domain/errors';
import { accrualPerPeriod, applyCap, capAmount } from '../../../src/domain/penalty/penalty';

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
