/**
 * A contract without penalty terms (issue 14 item 1): the pinned snapshot's `penalty: null` means every
 * clock runs and every breach is recorded, but the ladder never asks the ledger for anything.
 */
import { nextAccrual, owedPeriods, type ClockKey } from '../../../src/domain/ladder';
import { parseContractTerms } from '../../../src/contracts/contract-input';
import { reconcileContract } from '../../../src/ledger/reconcile';
import { makePolicy, Run, sec, SEC, targets } from './helpers';

/** Every deadline a few seconds long, so one incident can miss all of them. */
const POLICY = makePolicy({
  urgent: targets({
    triage: { respondWithin: sec(10) },
    remote: { startWithin: sec(20), resolveWithin: sec(30) },
    onsite: { arriveWithin: sec(10, 'rungStart') },
    spare: { triggerAfter: sec(40), deliverWithin: sec(10, 'rungStart') },
    expert: { triggerAfter: sec(40), conveneWithin: sec(10, 'rungStart') },
    penalty: { restoreWithin: sec(60) },
    signOff: { within: sec(10, 'rungStart') },
  }),
});

const DEADLINES: ClockKey[] = [
  'triage.respondWithin',
  'remote.startWithin',
  'remote.resolveWithin',
  'onsite.arriveWithin',
  'spare.deliverWithin',
  'expert.conveneWithin',
  'penalty.restoreWithin',
  'signOff.within',
];

/** Misses every target a person can miss: each step comes after its deadline. */
function missEverything(run: Run): void {
  const at = (s: number) => run.t0 + s * SEC;
  run.step('acknowledge', at(15)); // triage missed at 10
  run.step('remoteSession', at(25)); // remote start missed at 20
  run.tick(at(3600)); // resolve, on-site, spare, expert, restore all pass; hours of interruption
  run.step('restore', at(3700));
  run.tick(at(3800)); // sign-off missed 10 s after the restore
}

describe('a contract without penalty terms', () => {
  it('breaches every target, escalates to the penalty rung and posts nothing', () => {
    const run = new Run({ policy: POLICY, terms: null });
    missEverything(run);
    const breached = run.events('breach').map((e) => e.data.clock);
    expect([...breached].sort()).toEqual([...DEADLINES].sort());
    expect(run.state.breachCount).toBe(DEADLINES.length);
    expect(run.state.rung).toBe('penalty');
    expect(run.state.penalty.breachedAt).toBe(run.t0 + 60 * SEC);
    expect(run.log.ledger).toEqual([]);
    expect(run.events('penalty_period_due')).toEqual([]);
    expect(nextAccrual(run.ctx, run.state)).toBeNull();
    expect(owedPeriods(run.ctx, run.state, run.t0 + 3800 * SEC)).toEqual([]);
  });

  it('the same incident with terms does accrue (the test above would catch a silent no-op)', () => {
    const run = new Run({ policy: POLICY });
    missEverything(run);
    expect(run.log.ledger.length).toBeGreaterThan(0);
  });

  it('exclusion and reclassification post no reversal or correction', () => {
    const run = new Run({ policy: POLICY, terms: null });
    run.tick(run.t0 + 100 * SEC);
    run.step('exclude', run.t0 + 110 * SEC);
    expect(run.state.status).toBe('excluded');
    expect(run.state.penalty.postings).toEqual([]);
  });

  it('contract input: null terms are kept as null, a bad object is still refused with its field path', () => {
    const base = { totalValue: '100000.00', currency: 'CNY', startsOn: null, endsOn: null };
    expect(parseContractTerms({ ...base, penaltyTerms: null }).penaltyTerms).toBeNull();
    expect(() => parseContractTerms({ ...base, penaltyTerms: { ratePerPeriod: '0' } })).toThrow(/penaltyTerms/);
  });

  it('reconciliation of a contract without terms: nothing expected, ok', () => {
    const run = new Run({ policy: POLICY, terms: null });
    missEverything(run);
    const report = reconcileContract({
      contract: { id: 'con-1', currency: 'CNY', totalValue: '1000000.00', terms: null },
      incidents: [
        {
          id: 'inc-1',
          workflowId: run.ctx.workflowId,
          rowStatus: run.state.status,
          reportedAt: run.t0,
          pinned: run.ctx.input,
          state: run.state,
        },
      ],
      ledger: [],
      asOf: run.t0 + 3800 * SEC,
    });
    expect(report.ok).toBe(true);
    expect(report.incidents[0]).toMatchObject({ result: 'ok', expected: { periods: 0, net: '0.00' }, ledger: { net: '0.00' } });
  });
});
