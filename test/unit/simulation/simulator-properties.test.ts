/**
 * Property: replayed under its own pinned policy, every incident costs exactly what the ledger
 * posted for it (to the cent, cap included) and breaches what it breached; a candidate identical to
 * the actual policy differs by zero everywhere. Incidents walk random steps at interleaved instants.
 */
import { penaltyTermsArb } from '../ladder/arbitraries';
import fc from 'fast-check';
import type { StepName } from '../../../src/domain/ladder';
import { breachedTargets, simulate } from '../../../src/domain/simulation';
import type { PenaltyTerms } from '../../../src/domain/penalty/terms';
import type { PolicyDefinition } from '../../../src/domain/policy/policy';
import { record, type ScriptedIncident } from './recorded';

const STEPS: StepName[] = [
  'acknowledge',
  'remoteSession',
  'diagnosis',
  'dispatch',
  'arrive',
  'spare',
  'majorProblem',
  'experts',
  'restore',
  'pause',
  'resume',
  'reclassify',
  'exclude',
  'cancel',
  'signOff',
];

const incidentsArb: fc.Arbitrary<ScriptedIncident[]> = fc.array(
  fc.record({
    reportedAfter: fc.integer({ min: 0, max: 600 }),
    severity: fc.constantFrom('urgent', 'general'),
    steps: fc.array(fc.record({ after: fc.integer({ min: 1, max: 900 }), step: fc.constantFrom(...STEPS) }), { maxLength: 12 }),
  }),
  { minLength: 1, maxLength: 5 },
);

/** Reclassify flips the class, as an engineer would. */
function withSeverities(scripts: ScriptedIncident[]): ScriptedIncident[] {
  return scripts.map((s) => {
    let severity = s.severity ?? 'urgent';
    return {
      ...s,
      steps: s.steps.map((step) => {
        if (step.step !== 'reclassify') return step;
        severity = severity === 'urgent' ? 'general' : 'urgent';
        return { ...step, payload: { severity } };
      }),
    };
  });
}

describe('property: the simulator under the actual policy is the ledger', () => {
  it('actual = ledger to the cent and breaches as recorded; an identical candidate differs by zero', () => {
    let withPenalty = 0;
    fc.assert(
      fc.property(incidentsArb, penaltyTermsArb, (scripts, terms) => {
        const recorded = record(withSeverities(scripts), {
          terms: { ...terms, period: { amount: 60, unit: 'seconds' } } as Partial<PenaltyTerms>,
        });
        const pinned = recorded.incidents[0].pinned!;
        const result = simulate({
          incidents: recorded.incidents,
          candidate: { policy: { ...pinned.policy } },
          currency: 'CNY',
          asOf: recorded.asOf,
        });
        result.incidents.forEach((row, i) => {
          expect(row.comparable).toBe(true);
          expect(row.flagged).toBe(false);
          expect(row.actual!.penalty).toBe(recorded.ledger.net(row.incidentId));
          expect(row.actual!.breaches).toEqual(breachedTargets(recorded.runs[i].state));
          expect(row.actual!.status).toBe(recorded.runs[i].state.status);
          expect(row.difference).toEqual({ breaches: 0, penalty: '0.00' });
        });
        expect(result.totals.difference).toEqual({ breaches: 0, penalty: '0.00' });
        if (Number(result.totals.actual.penalty) > 0) withPenalty += 1;
        const last = result.cumulative[result.cumulative.length - 1];
        if (last) expect(last.actual).toBe(result.totals.actual.penalty);
      }),
      { numRuns: 150, seed: Number(process.env.PROPERTY_SEED ?? 20261129) },
    );
    // The generator reaches money: the property is not about empty ledgers only.
    expect(withPenalty).toBeGreaterThan(20);
  });
});

/** The pinned policy with every class's restore target `factor` times longer. */
function looserRestore(policy: PolicyDefinition, factor: number): PolicyDefinition {
  const copy = JSON.parse(JSON.stringify(policy)) as PolicyDefinition;
  for (const targets of Object.values(copy.severities)) if (targets.penalty) targets.penalty.restoreWithin.amount *= factor;
  return copy;
}

describe('property: a looser restore target never costs more', () => {
  it('fewer or equal restore breaches and a total penalty no higher, whatever the steps and terms', () => {
    let cheaper = 0;
    fc.assert(
      fc.property(incidentsArb, penaltyTermsArb, fc.constantFrom(2, 3, 10), (scripts, terms, factor) => {
        const recorded = record(withSeverities(scripts), {
          terms: { ...terms, period: { amount: 60, unit: 'seconds' } } as Partial<PenaltyTerms>,
        });
        const pinned = recorded.incidents[0].pinned!;
        const result = simulate({
          incidents: recorded.incidents,
          candidate: { policy: { ...pinned.policy, version: null, definition: looserRestore(pinned.policy.definition, factor) } },
          currency: 'CNY',
          asOf: recorded.asOf,
        });
        const restore = result.totals.breachesByTarget['penalty.restoreWithin'] ?? { actual: 0, candidate: 0 };
        expect(restore.candidate).toBeLessThanOrEqual(restore.actual);
        expect(Number(result.totals.difference.penalty)).toBeLessThanOrEqual(0);
        // Only the restore target changed: every recorded step is taken under both.
        expect(result.totals.flagged).toBe(0);
        if (Number(result.totals.difference.penalty) < 0) cheaper += 1;
      }),
      { numRuns: 150, seed: Number(process.env.PROPERTY_SEED ?? 20261129) },
    );
    expect(cheaper).toBeGreaterThan(20);
  });
});
