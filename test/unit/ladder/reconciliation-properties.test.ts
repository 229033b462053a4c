/**
 * Property: whatever engineers do, reconciliation over the postings the ladder really made says ok.
 * Several incidents of one contract walk random step sequences at interleaved instants; every posting
 * goes through an in-memory ledger that behaves like the ledger activity (idempotent keys, the cap
 * summed over the contract or the incident, no zero rows); then reconcileContract judges the lot.
 */
import { penaltyTermsArb } from './arbitraries';
import fc from 'fast-check';
import { nextWakeAt, penaltyCap, type IncidentState, type StepName, type StepPayloads } from '../../../src/domain/ladder';
import { applyCap } from '../../../src/domain/penalty/penalty';
import { formatMoney, MoneyDecimal } from '../../../src/domain/penalty/money';
import type { PenaltyTerms } from '../../../src/domain/penalty/terms';
import { reconcileContract, type LedgerRowFact } from '../../../src/ledger/reconcile';
import { payloadFor, Run, SEC, T0, type LedgerPort } from './helpers';

type Row = LedgerRowFact & { key: string };

/** The ledger activity without PostgreSQL: same idempotency, same cap arithmetic, same order. */
class MemoryLedger {
  readonly rows: Row[] = [];
  /** The instant the simulation is at: the ledger writes rows "now". */
  now = 0;
  private readonly byKey = new Map<string, Row>();

  port(incidentId: string): LedgerPort {
    return (ctx, _state, item) => {
      const { posting } = item;
      const { contract } = ctx.input;
      const existing = this.byKey.get(posting.key);
      if (existing) return { written: true, amount: existing.amount, capApplied: false };
      let amount = posting.amount;
      let capApplied = false;
      if (posting.kind === 'accrual') {
        const { cap, scope } = penaltyCap(ctx);
        const scoped = this.rows.filter((r) => scope === 'contract' || r.incidentId === incidentId);
        const net = scoped.reduce((sum, r) => sum.plus(r.amount), new MoneyDecimal(0));
        const capped = applyCap({ amount, alreadyPosted: formatMoney(net, contract.currency), cap, currency: contract.currency });
        amount = capped.amount;
        capApplied = capped.capped;
        if (new MoneyDecimal(amount).isZero()) return { written: false, amount, capApplied };
      }
      const row: Row = {
        id: String(this.rows.length + 1),
        incidentId,
        kind: posting.kind,
        periodIndex: posting.periodIndex,
        amount,
        currency: contract.currency,
        rate: contract.penalty!.ratePerPeriod,
        basis: contract.totalValue,
        at: this.now,
        key: posting.key,
      };
      this.rows.push(row);
      this.byKey.set(posting.key, row);
      return { written: true, amount, capApplied };
    };
  }
}

type Action = { at: number; incident: number } & ({ kind: 'tick' } | { kind: 'step'; step: StepName; severity?: string });

const STEPS: StepName[] = [
  'acknowledge',
  'remoteSession',
  'diagnosis',
  'dispatch',
  'arrive',
  'restore',
  'pause',
  'resume',
  'reclassify',
  'exclude',
  'cancel',
  'signOff',
];

type Scenario = {
  terms: Pick<PenaltyTerms, 'ratePerPeriod' | 'capFraction' | 'capScope' | 'partialPeriod' | 'countFrom'>;
  incidents: Array<{
    reportedAfter: number;
    actions: Array<{ after: number; action: { kind: 'tick' } | { kind: 'step'; step: StepName } }>;
  }>;
};

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  terms: penaltyTermsArb,
  incidents: fc.array(
    fc.record({
      reportedAfter: fc.integer({ min: 0, max: 600 }),
      actions: fc.array(
        fc.record({
          after: fc.integer({ min: 1, max: 900 }),
          action: fc.oneof(
            fc.constant({ kind: 'tick' as const }),
            fc.record({ kind: fc.constant('step' as const), step: fc.constantFrom(...STEPS) }),
          ),
        }),
        { maxLength: 12 },
      ),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

function reconcileScenario(scenario: Scenario) {
  const terms: Partial<PenaltyTerms> = { ...scenario.terms, period: { amount: 60, unit: 'seconds' } };
  const ledger = new MemoryLedger();
  const runs = scenario.incidents.map((inc, i) => {
    const incidentId = `inc-${i + 1}`;
    const run = new Run({
      terms,
      reportedAt: T0 + inc.reportedAfter * SEC,
      workflowId: `incident-${incidentId}`,
      ledger: ledger.port(incidentId),
    });
    (run.state as { incidentId: string }).incidentId = incidentId;
    return run;
  });
  const actions: Action[] = [];
  scenario.incidents.forEach((inc, i) => {
    let at = runs[i].t0;
    for (const a of inc.actions) {
      at += a.after * SEC;
      actions.push({ at, incident: i, ...a.action });
    }
  });
  actions.sort((a, b) => a.at - b.at || a.incident - b.incident);
  const asOf = Math.max(...runs.map((r) => r.t0), ...actions.map((a) => a.at)) + 7 * SEC;
  // Each incident wakes at its own next due instant, as its durable timer does; steps come in between.
  let next = 0;
  for (;;) {
    const wakes = runs.map((run) => nextWakeAt(run.ctx, run.state)).map((w) => (w !== null && w <= asOf ? w : Infinity));
    const wake = Math.min(...wakes);
    const action = actions[next];
    if (wake === Infinity && !action) break;
    if (!action || wake <= action.at) {
      ledger.now = wake;
      runs[wakes.indexOf(wake)].tick(wake);
      continue;
    }
    next += 1;
    ledger.now = action.at;
    const run = runs[action.incident];
    if (action.kind === 'tick') run.tick(action.at);
    else {
      const severity = run.state.severity === 'urgent' ? 'general' : 'urgent';
      const payload = payloadFor(action.step, (action.step === 'reclassify' ? { severity } : {}) as Partial<StepPayloads[StepName]>);
      run.attempt(action.step, payload, action.at);
    }
  }
  ledger.now = asOf;
  for (const run of runs) run.tick(asOf);
  const contract = runs[0].ctx.input.contract;
  return reconcileContract({
    contract: { id: contract.id, currency: contract.currency, totalValue: contract.totalValue, terms: contract.penalty! },
    asOf,
    ledger: ledger.rows,
    incidents: runs.map((run) => ({
      id: run.state.incidentId,
      workflowId: run.ctx.workflowId,
      rowStatus: run.state.status,
      reportedAt: run.t0,
      pinned: { policy: run.ctx.input.policy, calendar: run.ctx.input.calendar, contract: run.ctx.input.contract },
      state: JSON.parse(JSON.stringify(run.state)) as IncidentState,
    })),
  });
}

describe('property: reconciliation over the ladder’s own postings', () => {
  it('says ok for every incident, whatever the steps, terms and interleaving', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const report = reconcileScenario(scenario);
        const bad = report.incidents.filter((i) => i.result !== 'ok');
        if (bad.length > 0) throw new Error(JSON.stringify(bad, null, 1));
        return report.ok;
      }),
      { numRuns: 150, seed: Number(process.env.PROPERTY_SEED ?? 20261128) },
    );
  });

  it('finds a posting the ladder never made (the property can fail)', () => {
    const scenario = {
      terms: {
        ratePerPeriod: '0.01',
        capFraction: '1',
        capScope: 'incident' as const,
        partialPeriod: 'started' as const,
        countFrom: 'report' as const,
      },
      incidents: [{ reportedAfter: 0, actions: [{ after: 1900, action: { kind: 'tick' as const } }] }],
    };
    expect(reconcileScenario(scenario).ok).toBe(true);
    const ledger = new MemoryLedger();
    const run = new Run({ terms: { ...scenario.terms, period: { amount: 60, unit: 'seconds' } }, ledger: ledger.port('inc-1') });
    run.tick(run.t0 + 1900 * SEC);
    ledger.rows.push({ ...ledger.rows[0], id: '99', key: 'forged' });
    const report = reconcileContract({
      contract: { id: 'con-1', currency: 'CNY', totalValue: '1000000.00', terms: run.ctx.input.contract.penalty! },
      asOf: run.t0 + 1907 * SEC,
      ledger: ledger.rows,
      incidents: [
        {
          id: 'inc-1',
          workflowId: run.ctx.workflowId,
          rowStatus: 'open',
          reportedAt: run.t0,
          pinned: { policy: run.ctx.input.policy, calendar: run.ctx.input.calendar, contract: run.ctx.input.contract },
          state: run.state,
        },
      ],
    });
    expect(report.incidents[0].result).toBe('mismatch');
    expect(report.incidents[0].issues.join(' ')).toMatch(/duplicate accrual: period 1/);
  });
});
