/**
 * A contract without penalty terms (issue 14 item 1): the pinned snapshot's `penalty: null` means every
 * clock runs and every breach is recorded, but the ladder never asks the ledger for anything.
 */
import { LadderContext, nextAccrual, owedPeriods, type ClockKey } from '../../../src/domain/ladder';
import { validatePolicyDefinition } from '../../../src/domain/policy/policy';
import { CreateContractSchema } from '../../../src/contracts/dto/contract.dto';
import { parseInput } from '../../../src/domain/validation';
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
    const base = { name: 'c', customer: 'x', totalValue: '100000.00', currency: 'CNY', calendarId: '24x7', policyId: 'p' };
    expect((parseInput(CreateContractSchema, { ...base, penaltyTerms: null }) as { penaltyTerms: unknown }).penaltyTerms).toBeNull();
    expect(() => parseInput(CreateContractSchema, { ...base, penaltyTerms: { ratePerPeriod: '0' } })).toThrow(/penaltyTerms/);
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

describe('a policy that switches penalties off per severity class (penaltyFree)', () => {
  const classes = makePolicy({
    urgent: targets({ penalty: { restoreWithin: sec(20) } }),
    general: targets({ penalty: { restoreWithin: sec(20) } }),
  });
  const policy = { ...classes, penaltyFree: ['general'] };

  it('a penalty-free class breaches and escalates but accrues nothing; another class of the same policy accrues', () => {
    const general = new Run({ policy, severity: 'general' });
    general.tick(general.t0 + 100 * SEC);
    expect(general.events('breach').map((e) => e.data.clock)).toContain('penalty.restoreWithin');
    expect(general.state.rung).toBe('penalty');
    expect(general.log.ledger).toEqual([]);

    const urgent = new Run({ policy, severity: 'urgent' });
    urgent.tick(urgent.t0 + 100 * SEC);
    expect(urgent.log.ledger.length).toBeGreaterThan(0);
  });

  it('reclassified into a penalty-free class: every accrual is corrected; back out of it: accrual restarts', () => {
    const run = new Run({ policy, severity: 'urgent' });
    run.tick(run.t0 + 45 * SEC);
    const accrued = run.state.penalty.postings.filter((p) => p.kind === 'accrual').length;
    expect(accrued).toBeGreaterThan(0);
    run.step('reclassify', run.t0 + 46 * SEC, { severity: 'general' });
    expect(run.state.penalty.postings.filter((p) => p.kind === 'correction')).toHaveLength(accrued);
    run.tick(run.t0 + 200 * SEC);
    expect(run.state.penalty.postings.filter((p) => p.kind === 'accrual')).toHaveLength(accrued);

    run.step('reclassify', run.t0 + 201 * SEC, { severity: 'urgent' });
    expect(run.state.penalty.generation).toBe(2);
    expect(run.state.penalty.postings.filter((p) => p.kind === 'accrual' && p.generation === 2).length).toBeGreaterThan(0);
  });

  it('the workflow before the patch (penaltyFreeClasses off) accrues as it always did', () => {
    const run = new Run({ policy, severity: 'general' });
    const old = new LadderContext(run.ctx.input, run.ctx.workflowId, { penaltyFreeClasses: false });
    expect(old.accrues('general')).toBe(true);
    expect(run.ctx.accrues('general')).toBe(false);
  });

  it('the schema: penaltyFree names classes of the policy, once each', () => {
    expect(validatePolicyDefinition(policy).penaltyFree).toEqual(['general']);
    expect(() => validatePolicyDefinition({ ...classes, penaltyFree: ['minor', 'general', 'general'] })).toThrow(
      /penaltyFree\[0\].*not a severity class.*penaltyFree\[2\].*duplicate/s,
    );
  });
});
