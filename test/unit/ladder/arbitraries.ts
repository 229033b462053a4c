/** fast-check generators shared by the property tests of the engine, the reconciliation and the simulator. */
import fc from 'fast-check';

/** Penalty terms across every option that changes what is owed (rates and caps small enough to reach the cap). */
export const penaltyTermsArb = fc.record({
  ratePerPeriod: fc.constantFrom('0.01', '0.05', '0.2'),
  capFraction: fc.constantFrom('0.05', '0.3', '1'),
  capScope: fc.constantFrom<'contract' | 'incident'>('contract', 'incident'),
  partialPeriod: fc.constantFrom<'started' | 'completed'>('started', 'completed'),
  countFrom: fc.constantFrom<'report' | 'breach'>('report', 'breach'),
});
