import Decimal from 'decimal.js';
import { DomainValidationError } from '../../../src/domain/errors';
import {
  CURRENCY_MINOR_UNITS,
  MAX_INTEGER_DIGITS,
  MoneyDecimal,
  compareMoney,
  formatMoney,
  isCurrency,
  minorUnits,
  moneyProblem,
  parseMoney,
  roundMoney,
  sumMoney,
} from '../../../src/domain/penalty/money';

function issueOf(fn: () => unknown): { path: string; message: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainValidationError);
    const issues = (e as DomainValidationError).issues;
    expect(issues).toHaveLength(1);
    return issues[0];
  }
  throw new Error('expected a DomainValidationError');
}

describe('CURRENCY_MINOR_UNITS', () => {
  it('has the ISO 4217 minor units of the common currencies', () => {
    const expected: Record<string, number> = {
      CNY: 2,
      USD: 2,
      EUR: 2,
      GBP: 2,
      HKD: 2,
      TWD: 2,
      SGD: 2,
      CHF: 2,
      AUD: 2,
      CAD: 2,
      INR: 2,
      RUB: 2,
      MOP: 2,
      JPY: 0,
      KRW: 0,
      VND: 0,
      CLP: 0,
      ISK: 0,
      XOF: 0,
      XAF: 0,
      BHD: 3,
      KWD: 3,
      JOD: 3,
      OMR: 3,
      TND: 3,
      IQD: 3,
      LYD: 3,
      CLF: 4,
    };
    for (const [code, digits] of Object.entries(expected)) expect([code, CURRENCY_MINOR_UNITS[code]]).toEqual([code, digits]);
  });

  it('has only three-letter upper-case codes with 0–4 digits, and is frozen', () => {
    for (const [code, digits] of Object.entries(CURRENCY_MINOR_UNITS)) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3, 4]).toContain(digits);
    }
    expect(Object.isFrozen(CURRENCY_MINOR_UNITS)).toBe(true);
  });
});

describe('isCurrency / minorUnits', () => {
  it('knows ISO codes and nothing else', () => {
    expect(isCurrency('CNY')).toBe(true);
    expect(isCurrency('JPY')).toBe(true);
    for (const bad of ['cny', 'RMB', 'XXX', '', 'toString', '__proto__', 'constructor', 12, null, undefined])
      expect(isCurrency(bad)).toBe(false);
  });

  it('minorUnits throws a located DomainValidationError for an unknown code', () => {
    expect(minorUnits('BHD')).toBe(3);
    expect(issueOf(() => minorUnits('RMB', 'contract.currency'))).toEqual({
      path: 'contract.currency',
      message: 'unknown currency "RMB" (ISO 4217 code expected)',
    });
  });
});

describe('parseMoney', () => {
  it('parses decimal strings exactly', () => {
    expect(parseMoney('1000000.00', 'CNY', 'total').toFixed(2)).toBe('1000000.00');
    expect(parseMoney('0', 'CNY').toString()).toBe('0');
    expect(parseMoney('12', 'CNY').toString()).toBe('12');
    expect(parseMoney('0.5', 'CNY').toString()).toBe('0.5');
    expect(parseMoney('1500', 'JPY').toString()).toBe('1500');
    expect(parseMoney('1.125', 'BHD').toString()).toBe('1.125');
    expect(parseMoney('0.1234', 'CLF').toString()).toBe('0.1234');
    expect(parseMoney('9'.repeat(MAX_INTEGER_DIGITS) + '.99', 'USD').toFixed(2)).toBe('9'.repeat(MAX_INTEGER_DIGITS) + '.99');
    expect(parseMoney('00012.50', 'CNY').toFixed(2)).toBe('12.50');
  });

  it('keeps precision a float would lose', () => {
    expect(parseMoney('9007199254740993.01', 'USD').toFixed(2)).toBe('9007199254740993.01');
  });

  it('refuses numbers so money never passes through floats', () => {
    expect(issueOf(() => parseMoney(1000 as unknown as string, 'CNY', 'total'))).toEqual({
      path: 'total',
      message: expect.stringMatching(/^must be a decimal string/),
    });
  });

  it('refuses negative amounts', () => {
    expect(issueOf(() => parseMoney('-1.00', 'CNY', 'total'))).toEqual({ path: 'total', message: 'must not be negative' });
    expect(issueOf(() => parseMoney('-0', 'CNY', 'total')).message).toBe('must not be negative');
  });

  it('refuses anything but a plain decimal string', () => {
    for (const bad of [
      '',
      ' 1.00',
      '1.00 ',
      '1,000.00',
      '1 000',
      '1e3',
      '1E3',
      '+1',
      '.5',
      '1.',
      '0x10',
      'Infinity',
      'NaN',
      '1.2.3',
      '１２',
      '¥12',
    ]) {
      expect([bad, issueOf(() => parseMoney(bad, 'CNY', 'total')).message]).toEqual([
        bad,
        expect.stringMatching(/^must be a plain decimal string/),
      ]);
    }
  });

  it('refuses more decimal places than the currency has', () => {
    expect(issueOf(() => parseMoney('1.001', 'CNY', 'total'))).toEqual({
      path: 'total',
      message: 'must have at most 2 decimal places for CNY',
    });
    expect(issueOf(() => parseMoney('1.5', 'JPY', 'total'))).toEqual({
      path: 'total',
      message: 'must be a whole amount (JPY has no minor unit)',
    });
    expect(issueOf(() => parseMoney('1.0', 'KRW', 'total')).message).toBe('must be a whole amount (KRW has no minor unit)');
    expect(issueOf(() => parseMoney('1.0001', 'KWD', 'total')).message).toBe('must have at most 3 decimal places for KWD');
  });

  it('refuses absurdly large amounts', () => {
    expect(issueOf(() => parseMoney('1' + '0'.repeat(MAX_INTEGER_DIGITS), 'CNY', 'total')).message).toBe(
      `must have at most ${MAX_INTEGER_DIGITS} integer digits`,
    );
  });

  it('refuses an unknown currency, located at the amount path', () => {
    expect(issueOf(() => parseMoney('1.00', 'RMB', 'total'))).toEqual({ path: 'total', message: 'unknown currency "RMB"' });
  });

  it('defaults the path to "amount"', () => {
    expect(issueOf(() => parseMoney('x', 'CNY')).path).toBe('amount');
  });

  it('moneyProblem returns undefined for a valid amount', () => {
    expect(moneyProblem('2500.00', 'CNY')).toBeUndefined();
    expect(moneyProblem('2500.001', 'CNY')).toBeDefined();
  });
});

describe('roundMoney — half-even to the minor unit', () => {
  const cases: Array<[string, string, string]> = [
    ['0.125', 'CNY', '0.12'],
    ['0.135', 'CNY', '0.14'],
    ['0.145', 'CNY', '0.14'],
    ['0.155', 'CNY', '0.16'],
    ['0.1250001', 'CNY', '0.13'],
    ['0.1249999', 'CNY', '0.12'],
    ['2.675', 'USD', '2.68'], // 2.675 as a float is 2.67499999…; decimal is exact
    ['1.005', 'USD', '1.00'],
    ['2.5', 'JPY', '2'],
    ['3.5', 'JPY', '4'],
    ['1500.4999', 'JPY', '1500'],
    ['0.0005', 'BHD', '0.000'],
    ['0.0015', 'BHD', '0.002'],
    ['-0.125', 'CNY', '-0.12'],
    ['-0.135', 'CNY', '-0.14'],
  ];
  it.each(cases)('%s %s → %s', (value, currency, expected) => {
    expect(roundMoney(value, currency).toFixed(CURRENCY_MINOR_UNITS[currency])).toBe(expected);
    expect(formatMoney(value, currency)).toBe(expected);
  });

  it('never yields negative zero', () => {
    expect(formatMoney('-0.001', 'CNY')).toBe('0.00');
    expect(formatMoney('-0.4', 'JPY')).toBe('0');
    expect(roundMoney('-0.001', 'CNY').isNegative()).toBe(false);
  });

  it('accepts Decimals from the global constructor and from MoneyDecimal', () => {
    expect(formatMoney(new Decimal('0.125'), 'CNY')).toBe('0.12');
    expect(formatMoney(new MoneyDecimal('0.135'), 'CNY')).toBe('0.14');
  });
});

describe('formatMoney', () => {
  it('prints exactly the minor digits, no exponent, no separators', () => {
    expect(formatMoney('2500', 'CNY')).toBe('2500.00');
    expect(formatMoney('1500', 'JPY')).toBe('1500');
    expect(formatMoney('0.125', 'BHD')).toBe('0.125');
    expect(formatMoney('1e21', 'USD')).toBe('1000000000000000000000.00');
    expect(formatMoney('1e-9', 'USD')).toBe('0.00');
    expect(formatMoney(new MoneyDecimal('123456789012345678.9'), 'CNY')).toBe('123456789012345678.90');
    expect(formatMoney('-2500', 'CNY')).toBe('-2500.00');
  });

  it('throws for an unknown currency', () => {
    expect(() => formatMoney('1', 'RMB')).toThrow(DomainValidationError);
  });
});

describe('sumMoney / compareMoney', () => {
  it('sums exactly (0.1 + 0.2 = 0.30, not 0.30000000000000004)', () => {
    expect(sumMoney(['0.10', '0.20'], 'CNY')).toBe('0.30');
    expect(sumMoney([], 'CNY')).toBe('0.00');
    expect(
      sumMoney(
        Array.from({ length: 20 }, () => '2500.00'),
        'CNY',
      ),
    ).toBe('50000.00');
    expect(sumMoney(['2500.00', '-2500.00'], 'CNY')).toBe('0.00');
  });

  it('compares exactly', () => {
    expect(compareMoney('50000.00', '50000')).toBe(0);
    expect(compareMoney('0.1', '0.09')).toBe(1);
    expect(compareMoney('9007199254740992.00', '9007199254740993.00')).toBe(-1);
  });
});

describe('configuration', () => {
  it('does not touch the global decimal.js configuration', () => {
    expect(Decimal.precision).toBe(20);
    expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
    expect(MoneyDecimal.precision).toBe(40);
    expect(MoneyDecimal.rounding).toBe(Decimal.ROUND_HALF_EVEN);
  });
});
