/** The exposure simulator on hand-written incidents: looser targets, other terms, refused steps. */
import { simulate, type CandidatePolicy } from '../../../src/domain/simulation';
import { validatePenaltyTerms } from '../../../src/domain/penalty/terms';
import { DEFAULT_POLICY, makePolicy, targets, sec, type TargetOverrides } from '../ladder/helpers';
import { record, type ScriptedIncident } from './recorded';

const TERMS = { ratePerPeriod: '0.01', capFraction: '0.05', period: { amount: 60, unit: 'seconds' as const } };

/** Late on site (arrive 500 s after dispatch against 300 s) and restored at 2400 s against 1800 s. */
const LATE: ScriptedIncident = {
  reportedAfter: 0,
  steps: [
    { after: 10, step: 'acknowledge' },
    { after: 10, step: 'remoteSession' },
    { after: 10, step: 'diagnosis' },
    { after: 10, step: 'dispatch' },
    { after: 500, step: 'arrive' },
    { after: 1860, step: 'restore' },
    { after: 10, step: 'signOff' },
  ],
};

/** Every step well inside its target. */
const ON_TIME: ScriptedIncident = {
  reportedAfter: 30,
  steps: [
    { after: 10, step: 'acknowledge' },
    { after: 10, step: 'remoteSession' },
    { after: 10, step: 'restore' },
    { after: 10, step: 'signOff' },
  ],
};

function candidate(urgent: TargetOverrides, general: TargetOverrides = {}): CandidatePolicy {
  return { policy: { id: 'pol-1', version: 4, definition: makePolicy({ urgent: targets(urgent), general: targets(general, 2) }) } };
}

describe('exposure simulator', () => {
  const recorded = record([LATE, ON_TIME], { terms: TERMS });
  const run = (c: CandidatePolicy) => simulate({ incidents: recorded.incidents, candidate: c, currency: 'CNY', asOf: recorded.asOf });

  it('reports the actual breaches and penalty, equal to the ledger', () => {
    const result = run({ policy: { id: 'pol-1', version: 3, definition: DEFAULT_POLICY } });
    const [late, onTime] = result.incidents;
    // Not restored by the spare and expert triggers (900 s, 1200 s): both rungs opened and were missed too.
    expect(late.actual!.breaches).toEqual(['onsite.arriveWithin', 'spare.deliverWithin', 'expert.conveneWithin', 'penalty.restoreWithin']);
    // 10 000 per started minute from the report until the restore at 2400 s: 40 periods, capped at 5 % = 50 000.
    expect(late.actual!.penalty).toBe('50000.00');
    expect(late.actual!.penalty).toBe(recorded.ledger.net('inc-1'));
    expect(onTime.actual).toMatchObject({ breaches: [], penalty: '0.00', status: 'closed' });
    expect(result.totals.difference).toEqual({ breaches: 0, penalty: '0.00' });
  });

  it('a looser on-site target removes the on-site breach; a looser restore target the penalty', () => {
    const onsite = run(candidate({ onsite: { arriveWithin: sec(600, 'rungStart') } }));
    expect(onsite.incidents[0].candidate!.breaches).toEqual(['spare.deliverWithin', 'expert.conveneWithin', 'penalty.restoreWithin']);
    expect(onsite.incidents[0].difference).toEqual({ breaches: -1, penalty: '0.00' });
    expect(onsite.totals.breachesByTarget['onsite.arriveWithin']).toEqual({ actual: 1, candidate: 0 });

    const restore = run(candidate({ penalty: { restoreWithin: sec(3000) } }));
    expect(restore.incidents[0].candidate).toMatchObject({
      breaches: ['onsite.arriveWithin', 'spare.deliverWithin', 'expert.conveneWithin'],
      penalty: '0.00',
    });
    expect(restore.totals.difference).toEqual({ breaches: -1, penalty: '-50000.00' });
    expect(restore.totals.candidate.penalty).toBe('0.00');
  });

  it('candidate terms change the money, not the breaches', () => {
    const terms = validatePenaltyTerms({ ...TERMS, ratePerPeriod: '0.001', capFraction: '0.5' });
    const result = run({ policy: { id: 'pol-1', version: 3, definition: DEFAULT_POLICY }, terms });
    // 40 started minutes × 1 000, under a 50 % cap.
    expect(result.incidents[0].candidate).toMatchObject({ penalty: '40000.00', periods: 40 });
    expect(result.incidents[0].difference).toEqual({ breaches: 0, penalty: '-10000.00' });
  });

  it('skips and reports a step the candidate ladder refuses, and flags the incident', () => {
    // Remote fix not found by 600 s: the ladder escalated on its own and the engineer was dispatched at 700 s.
    const escalated = record(
      [
        {
          reportedAfter: 0,
          steps: [
            { after: 10, step: 'acknowledge' },
            { after: 10, step: 'remoteSession' },
            { after: 680, step: 'dispatch' },
            { after: 60, step: 'arrive' },
            { after: 60, step: 'restore' },
          ],
        },
      ],
      { terms: TERMS },
    );
    const result = simulate({
      incidents: escalated.incidents,
      candidate: candidate({ remote: { resolveWithin: sec(3000) } }),
      currency: 'CNY',
      asOf: escalated.asOf,
    });
    const [row] = result.incidents;
    expect(row.actual!.refusedSteps).toEqual([]);
    expect(row.candidate!.refusedSteps.map((r) => r.step)).toEqual(['dispatch', 'arrive']);
    expect(row.candidate!.refusedSteps[0].reason).toMatch(/dispatch needs stage dispatch/);
    expect(row.flagged).toBe(true);
    expect(row.comparable).toBe(true);
    expect(row.notes.join(' ')).toMatch(/dispatch at .* refused under the candidate .*: skipped/);
    expect(result.totals).toMatchObject({ incidents: 1, comparable: 1, flagged: 1 });
  });

  it('leaves an incident whose severity the candidate lacks out of the totals, saying why', () => {
    const only = { policy: { id: 'pol-2', version: null, definition: makePolicy({ general: targets({}, 2) }) } };
    const result = run(only);
    expect(result.incidents.map((r) => r.comparable)).toEqual([false, false]);
    expect(result.incidents[0].candidate).toBeNull();
    expect(result.incidents[0].notes[0]).toMatch(/severity urgent is not in the policy/);
    expect(result.totals).toMatchObject({ comparable: 0, flagged: 2, actual: { breaches: 0, penalty: '0.00' } });
  });
});
