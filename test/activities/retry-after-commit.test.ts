import type { DataSource } from 'typeorm';
import { formatMoney } from '../../src/domain/penalty/money';
import { IncidentSnapshotRepository } from '../../src/incidents/incident-snapshot.repository';
import { INCIDENT_WORKFLOW_TYPE, incidentWorkflowId, snapshotQuery } from '../../workflows/incident/definitions';
import type { IncidentWorkflowArgs } from '../../workflows/incident/incident.workflow';
import { startTestApp, startWorker, type RunningWorker, type TestApp } from '../harness/context';
import { createContract, eventually, secondsPolicy } from '../harness/fixtures';
import { ledgerRows, waitForEvents } from '../harness/incidents';
import { insertIncident } from './helpers';

const s = (amount: number) => ({ amount, unit: 'seconds' as const, anchor: 'report' as const });
const LOST = 'worker lost after commit (simulated)';

type Query = (sql: string, parameters?: unknown[]) => Promise<any>;

/**
 * A Proxy over the app's DataSource. Every transaction runs for real; the first one that inserts a
 * ledger row commits and then throws, as if the worker died after COMMIT but before Temporal heard
 * the activity complete. Temporal retries the activity; the idempotency key must turn the retry
 * into "already posted", with the same result.
 */
function flakyAfterCommit(real: DataSource) {
  const lookups = new Map<string, number>(); // idempotency key → attempts that reached the key lookup
  const state: { failedKey?: string } = {};
  const proxy = new Proxy(real, {
    get(target, prop) {
      if (prop === 'transaction') {
        return async (...args: unknown[]) => {
          const callback = args[args.length - 1] as (tx: unknown) => Promise<unknown>;
          let key: string | undefined;
          let inserted = false;
          const result = await (target.transaction as (...a: unknown[]) => Promise<unknown>)(...args.slice(0, -1), (tx: { query: Query }) =>
            callback(
              new Proxy(tx, {
                get(m, p) {
                  if (p === 'query') {
                    return (sql: string, parameters?: unknown[]) => {
                      if (/FROM ledger_entries WHERE idempotency_key = \$1/.test(sql)) {
                        key = String(parameters![0]);
                        lookups.set(key, (lookups.get(key) ?? 0) + 1);
                      }
                      if (/INSERT INTO ledger_entries/.test(sql)) inserted = true;
                      return m.query(sql, parameters);
                    };
                  }
                  const v = Reflect.get(m, p, m);
                  return typeof v === 'function' ? v.bind(m) : v;
                },
              }),
            ),
          );
          // Committed by now.
          if (inserted && key && state.failedKey === undefined) {
            state.failedKey = key;
            throw new Error(LOST);
          }
          return result;
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { proxy, lookups, state };
}

/** The real Temporal retry of a ledger posting whose transaction committed before the worker failed. */
describe('ledger posting retried after its commit', () => {
  let t: TestApp;
  let worker: RunningWorker | undefined;
  let flaky: ReturnType<typeof flakyAfterCommit>;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    flaky = flakyAfterCommit(t.dataSource);
    worker = await startWorker({ taskQueue: t.config.taskQueue, dataSource: flaky.proxy });
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
  });

  it('leaves exactly one row per period and the workflow state matching the rows', async () => {
    const fixture = await createContract(t.dataSource, {
      policy: secondsPolicy({ urgent: { triage: { respondWithin: s(600) }, penalty: { restoreWithin: s(1) } }, general: {} }),
      terms: { ratePerPeriod: '0.015', period: { amount: 1, unit: 'seconds' } },
    });
    // Started straight on Temporal (as the API does), so only the worker path is under test.
    const reportedAt = Date.now();
    const { incidentId: id, workflowId, contractId } = await insertIncident(t.dataSource, fixture, reportedAt);
    const args: IncidentWorkflowArgs = {
      incidentId: id,
      severity: 'urgent',
      description: 'Billing system unreachable',
      reportedAt,
      reportedBy: 'hotline',
      ...(await new IncidentSnapshotRepository(t.dataSource).load(contractId)),
    };
    const handle = await t.client.workflow.start(INCIDENT_WORKFLOW_TYPE, { workflowId, taskQueue: t.config.taskQueue, args: [args] });
    expect(workflowId).toBe(incidentWorkflowId(id));
    try {
      await eventually(async () => ((await ledgerRows(t, id)).length >= 4 ? true : undefined), 30_000);
      await waitForEvents(t, id, 'penalty_period_due', 6); // two more periods: both cut to nothing by the cap

      // The failure happened, on a committed row, and the activity was attempted again.
      expect(flaky.state.failedKey).toBeDefined();
      const failedKey = flaky.state.failedKey!;
      expect(flaky.lookups.get(failedKey)).toBe(2);

      const rows = await ledgerRows(t, id);
      expect(rows.map((r) => [r.kind, r.period_index, r.amount, r.cap_applied])).toEqual([
        ['accrual', 1, '15000.0000', false],
        ['accrual', 2, '15000.0000', false],
        ['accrual', 3, '15000.0000', false],
        ['accrual', 4, '5000.0000', true],
      ]);
      expect(rows.filter((r) => r.idempotency_key === failedKey)).toHaveLength(1);

      // The workflow's postings agree with the ledger once it has caught up (the state only grows).
      const postings = await eventually(async () => {
        const { state } = await handle.query(snapshotQuery);
        const written = state.penalty.postings.filter((p) => p.written);
        return written.length === rows.length ? state.penalty.postings : undefined;
      });
      const written = postings.filter((p) => p.written);
      expect(written.map((p) => [p.key, p.kind, p.periodIndex, p.amount, p.capApplied])).toEqual(
        rows.map((r) => [r.idempotency_key, r.kind, r.period_index, formatMoney(r.amount, 'CNY'), r.cap_applied]),
      );
      // Every period appears once in the state; the ones past the cap are recorded as not written.
      const periods = postings.map((p) => p.periodIndex);
      expect(new Set(periods).size).toBe(periods.length);
      for (const p of postings.filter((x) => !x.written)) expect([p.amount, p.capApplied, p.periodIndex > 4]).toEqual(['0.00', true, true]);

      // Temporal saw the failure and retried: the completed attempt of that activity is attempt 2.
      const history = await handle.fetchHistory();
      const events = history.events ?? [];
      const retried = events.filter(
        (e) =>
          (e.activityTaskStartedEventAttributes?.attempt ?? 0) >= 2 && e.activityTaskStartedEventAttributes?.lastFailure?.message === LOST,
      );
      expect(retried).toHaveLength(1);
    } finally {
      await handle.terminate('test done').catch(() => undefined);
    }
  });
});
