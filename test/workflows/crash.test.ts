import { spawnWorkerProcess, startTestApp, type TestApp } from '../harness/context';
import { createContract, eventually, secondsPolicy } from '../harness/fixtures';
import { clock, detail, ledgerRows, recordHistory, report, step, untilInstant, waitForState } from '../harness/incidents';

const s = (amount: number) => ({ amount, unit: 'seconds' as const, anchor: 'report' as const });

/** A worker process SIGKILLed mid-incident and started again: nothing lost, nothing duplicated. */
describe('worker crash', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => t?.close());

  it('continues from where it was: timers still fire, no timeline row or ledger period twice', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: secondsPolicy({
        urgent: {
          triage: { respondWithin: s(600) },
          remote: { startWithin: s(8), resolveWithin: s(600) },
          penalty: { restoreWithin: s(1) },
        },
      }),
      terms: { ratePerPeriod: '0.001', period: { amount: 1, unit: 'seconds' } },
    });
    const first = await spawnWorkerProcess(t.config.taskQueue);
    const id = await report(t, contractId);
    const acknowledged = await step(t, id, 'acknowledge');
    await eventually(async () => ((await ledgerRows(t, id)).length >= 2 ? true : undefined));
    await first.kill('SIGKILL');

    // remote.startWithin (t0 + 8 s) falls due while no worker runs.
    await untilInstant(clock(acknowledged, 'remote.startWithin').dueAt! + 500);
    const second = await spawnWorkerProcess(t.config.taskQueue);
    try {
      const d = await waitForState(t, id, (st) => st.clocks['remote.startWithin']?.status === 'breached', 30_000);
      const remote = clock(d.state, 'remote.startWithin');
      expect(remote.status).toBe('breached');
      expect(remote.settledAt).toBe(remote.dueAt);
      // Periods that fell due while the worker was down are posted on recovery, each once.
      await eventually(async () => ((await ledgerRows(t, id)).length >= 10 ? true : undefined), 20_000);
      await step(t, id, 'restore', { cause: 'c', method: 'm' });
      const final = await waitForState(t, id, (st) => st.status === 'restored');

      const rows = await ledgerRows(t, id);
      const periods = rows.map((r) => r.period_index);
      expect(new Set(periods).size).toBe(periods.length);
      expect(periods).toEqual(periods.map((_, i) => i + 1));
      const seqs = final.timeline.map((e: { seq: number }) => e.seq);
      expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
      expect(seqs.length).toBe(final.state.seq);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM incident_timeline WHERE incident_id = $1`, [id]);
      expect(n).toBe(final.state.seq);
      expect((await detail(t, id)).state.penalty.postings.length).toBe(rows.length);
      await recordHistory(t, id, 'worker-killed-mid-accrual');
    } finally {
      await second.kill('SIGTERM');
    }
  });
});
