/** Manual adjustments (issue 14 item 7): input shape, amount rules, the four-eyes rule and the cap. */
import { DomainValidationError } from '../../../src/domain/errors';
import {
  adjustmentAmountProblem,
  adjustmentPosting,
  assertFourEyes,
  ProposeAdjustmentSchema,
} from '../../../src/domain/penalty/adjustment';
import { parseInput } from '../../../src/domain/validation';
import { reconcileContract, type LedgerRowFact } from '../../../src/ledger/reconcile';
import { makeTerms } from '../ladder/helpers';

const valid = { amount: '5000.00', reason: 'Compensation for the outage', reference: 'SEEYON-2026-017', countsAgainstCap: true };

const pathsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainValidationError) return e.issues.map((i) => i.path);
    throw e;
  }
  throw new Error('no validation error');
};

describe('ProposeAdjustmentSchema', () => {
  it('accepts a proposal with or without an incident, and a negative amount', () => {
    expect(parseInput(ProposeAdjustmentSchema, valid)).toEqual(valid);
    expect(
      parseInput(ProposeAdjustmentSchema, { ...valid, amount: '-120.5', incidentId: '5d2b8f3e-3f7b-4b7a-9c39-0f3b5b9f2c11' }),
    ).toMatchObject({
      amount: '-120.5',
    });
  });

  it.each([
    ['a number amount', { ...valid, amount: 5000 }, 'amount'],
    ['a zero amount', { ...valid, amount: '0.00' }, 'amount'],
    ['an exponent', { ...valid, amount: '5e3' }, 'amount'],
    ['a blank reason', { ...valid, reason: '  ' }, 'reason'],
    ['no reference', { amount: '1.00', reason: 'x', countsAgainstCap: false }, 'reference'],
    ['no cap flag', { amount: '1.00', reason: 'x', reference: 'r' }, 'countsAgainstCap'],
    ['a bad incident id', { ...valid, incidentId: 'inc-1' }, 'incidentId'],
    ['an unknown field', { ...valid, approvedBy: 'me' }, 'approvedBy'],
  ])('refuses %s, naming the field', (_label, input, path) => {
    expect(pathsOf(() => parseInput(ProposeAdjustmentSchema, input))).toContain(path);
  });
});

describe('amount in the currency', () => {
  it("checks the currency's minor digits, sign allowed, zero refused", () => {
    expect(adjustmentAmountProblem('5000.00', 'CNY')).toBeUndefined();
    expect(adjustmentAmountProblem('-5000.00', 'CNY')).toBeUndefined();
    expect(adjustmentAmountProblem('5000.001', 'CNY')).toMatch(/at most 2 decimal places/);
    expect(adjustmentAmountProblem('15.5', 'JPY')).toMatch(/whole amount/);
    expect(adjustmentAmountProblem('-0', 'CNY')).toBe('must not be zero');
  });
});

describe('four eyes', () => {
  const proposer = { tokenId: 'a6f0c7c2-0000-4000-8000-000000000001', name: 'finance:wang' };
  it('the proposer can never approve: a field-named error', () => {
    expect(pathsOf(() => assertFourEyes(proposer, { tokenId: proposer.tokenId, name: 'finance:wang' }))).toEqual(['approvedBy']);
  });
  it('a second finance user can', () => {
    expect(() => assertFourEyes(proposer, { tokenId: 'a6f0c7c2-0000-4000-8000-000000000002', name: 'finance:li' })).not.toThrow();
  });
});

describe('adjustmentPosting: the cap', () => {
  const base = { currency: 'CNY', cap: '50000.00' };
  it('a counted positive amount is cut to the headroom', () => {
    expect(adjustmentPosting({ ...base, amount: '20000.00', countsAgainstCap: true, countedNet: '40000.00' })).toEqual({
      amount: '10000.00',
      capApplied: true,
    });
    expect(adjustmentPosting({ ...base, amount: '20000.00', countsAgainstCap: true, countedNet: '50000.00' })).toEqual({
      amount: '0.00',
      capApplied: true,
    });
  });
  it('not counted, negative, or without a cap: posted as approved', () => {
    expect(adjustmentPosting({ ...base, amount: '20000.00', countsAgainstCap: false, countedNet: '50000.00' })).toEqual({
      amount: '20000.00',
      capApplied: false,
    });
    expect(adjustmentPosting({ ...base, amount: '-500', countsAgainstCap: true, countedNet: '50000.00' })).toEqual({
      amount: '-500.00',
      capApplied: false,
    });
    expect(adjustmentPosting({ amount: '1', currency: 'CNY', countsAgainstCap: true, countedNet: null, cap: null })).toEqual({
      amount: '1.00',
      capApplied: false,
    });
  });
});

describe('reconciliation with adjustments', () => {
  const row = (id: number, over: Partial<LedgerRowFact>): LedgerRowFact => ({
    id: String(id),
    incidentId: '',
    kind: 'adjustment',
    periodIndex: 0,
    amount: '5000.00',
    currency: 'CNY',
    rate: '0',
    basis: '1000000.00',
    at: 0,
    ...over,
  });
  it('lists them apart and never calls them a mismatch', () => {
    const report = reconcileContract({
      contract: { id: 'con-1', currency: 'CNY', totalValue: '1000000.00', terms: makeTerms() },
      incidents: [],
      ledger: [row(1, { countsAgainstCap: true }), row(2, { amount: '-1000.00', countsAgainstCap: false })],
      asOf: 0,
    });
    expect(report.ok).toBe(true);
    expect(report.incidents).toEqual([]);
    expect(report.adjustments).toEqual({ entries: 2, total: '4000.00', countedAgainstCap: '5000.00' });
  });
});
