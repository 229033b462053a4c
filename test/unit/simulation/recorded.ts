/**
 * Recorded incidents for the simulator's tests: several incidents of one contract walk step
 * sequences through the ladder (helpers' Run, woken at each due instant like the workflow), every
 * posting goes through one capped in-memory ledger (the ledger activity's arithmetic), and each run's
 * timeline becomes the RecordedIncident the simulator replays.
 */
import { closeWithReport, emptyEffects, nextWakeAt, penaltyCap, type StepName, type StepPayloads } from '../../../src/domain/ladder';
import { applyCap } from '../../../src/domain/penalty/penalty';
import { formatMoney, MoneyDecimal } from '../../../src/domain/penalty/money';
import type { RecordedIncident } from '../../../src/domain/simulation';
import { payloadFor, Run, SEC, T0, type LedgerPort, type RunOptions } from '../ladder/helpers';

/** The ledger activity without PostgreSQL: the cap over the contract or the incident, no zero rows. */
export class CappedLedger {
  readonly rows: Array<{ incidentId: string; amount: string }> = [];

  port(incidentId: string): LedgerPort {
    return (ctx, _state, item) => {
      const { posting } = item;
      const { currency } = ctx.input.contract;
      let amount = posting.amount;
      let capApplied = false;
      if (posting.kind === 'accrual') {
        const { cap, scope } = penaltyCap(ctx);
        const net = this.rows
          .filter((r) => scope === 'contract' || r.incidentId === incidentId)
          .reduce((sum, r) => sum.plus(r.amount), new MoneyDecimal(0));
        const capped = applyCap({ amount, alreadyPosted: formatMoney(net, currency), cap, currency });
        amount = capped.amount;
        capApplied = capped.capped;
        if (new MoneyDecimal(amount).isZero()) return { written: false, amount, capApplied };
      }
      this.rows.push({ incidentId, amount });
      return { written: true, amount, capApplied };
    };
  }

  net(incidentId: string, currency = 'CNY'): string {
    const rows = this.rows.filter((r) => r.incidentId === incidentId);
    return formatMoney(
      rows.reduce((sum, r) => sum.plus(r.amount), new MoneyDecimal(0)),
      currency,
    );
  }
}

export interface ScriptedIncident {
  reportedAfter: number;
  severity?: string;
  steps: Array<{ after: number; step: StepName; payload?: Partial<StepPayloads[StepName]> }>;
}

export interface Recorded {
  incidents: RecordedIncident[];
  ledger: CappedLedger;
  runs: Run[];
  asOf: number;
}

/** Runs the scripted incidents interleaved in time, like their workflows, and records their timelines. */
export function record(scripts: ScriptedIncident[], options: Omit<RunOptions, 'ledger' | 'reportedAt' | 'workflowId'> = {}): Recorded {
  const ledger = new CappedLedger();
  const runs = scripts.map((s, i) => {
    const id = `inc-${i + 1}`;
    const run = new Run({
      ...options,
      severity: s.severity ?? options.severity,
      reportedAt: T0 + s.reportedAfter * SEC,
      workflowId: `incident-${id}`,
      ledger: ledger.port(id),
    });
    (run.state as { incidentId: string }).incidentId = id;
    (run.ctx.input as { incidentId: string }).incidentId = id;
    return run;
  });
  const actions: Array<{ at: number; incident: number; step: StepName; payload?: Partial<StepPayloads[StepName]> }> = [];
  scripts.forEach((s, i) => {
    let at = runs[i].t0;
    for (const a of s.steps) {
      at += a.after * SEC;
      actions.push({ at, incident: i, step: a.step, payload: a.payload });
    }
  });
  actions.sort((a, b) => a.at - b.at || a.incident - b.incident);
  const asOf = Math.max(...runs.map((r) => r.t0), ...actions.map((a) => a.at)) + 7 * SEC;
  const closeIfSignedOff = (run: Run, at: number) => {
    if (run.state.stage !== 'closed' || run.state.status !== 'restored') return;
    const e = emptyEffects();
    closeWithReport(run.ctx, run.state, e, at);
    run.log.events.push(...e.events);
  };
  let next = 0;
  for (;;) {
    const wakes = runs.map((run) => nextWakeAt(run.ctx, run.state)).map((w) => (w !== null && w <= asOf ? w : Infinity));
    const wake = Math.min(...wakes);
    const action = actions[next];
    if (wake === Infinity && !action) break;
    if (!action || wake <= action.at) {
      runs[wakes.indexOf(wake)].tick(wake);
      continue;
    }
    next += 1;
    const run = runs[action.incident];
    run.attempt(action.step, payloadFor(action.step, action.payload as never), action.at);
    closeIfSignedOff(run, action.at);
  }
  for (const run of runs) run.tick(asOf);

  const incidents: RecordedIncident[] = runs.map((run) => ({
    id: run.state.incidentId,
    workflowId: run.ctx.workflowId,
    reportedAt: run.t0,
    severity: run.ctx.input.severity,
    pinned: { policy: run.ctx.input.policy, calendar: run.ctx.input.calendar, contract: run.ctx.input.contract },
    steps: run.log.events
      .filter((e) => e.kind.startsWith('step:') || e.kind === 'closed')
      .map((e) =>
        e.kind === 'closed'
          ? { step: 'close' as const, at: e.at, payload: {}, seq: e.seq }
          : { step: e.kind.slice('step:'.length) as StepName, at: e.at, payload: { ...e.data, actor: e.actor }, seq: e.seq },
      ),
  }));
  return { incidents, ledger, runs, asOf };
}
