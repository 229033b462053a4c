import { startTestApp, type TestApp } from '../harness/context';
import { createContract, eventually, secondsPolicy } from '../harness/fixtures';
import { clock, ledgerNet, ledgerRows, recordHistory, report, step, untilInstant, waitForEvents, waitForState } from '../harness/incidents';

const s = (amount: number) => ({ amount, unit: 'seconds' as const, anchor: 'report' as const });
/** Only the restore target is short: every other target stays far away. */
const quickRestore = (restore = 1) =>
  secondsPolicy({ urgent: { triage: { respondWithin: s(600) }, penalty: { restoreWithin: s(restore) } }, general: {} });

/** Penalty accrual on the real dev server with a one-second accrual period. */
describe('penalty accrual', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('posts one accrual per period after the restore breach and stops at the cap with the cut posting flagged', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: quickRestore(),
      terms: { ratePerPeriod: '0.015', period: { amount: 1, unit: 'seconds' } },
    });
    const id = await report(t, contractId);
    const rows = await eventually(async () => {
      const r = await ledgerRows(t, id);
      return r.length >= 4 ? r : undefined;
    });
    // Two more periods processed: both would cross the cap, so nothing is written.
    await waitForEvents(t, id, 'penalty_period_due', 6);
    const final = await ledgerRows(t, id);
    expect(final.map((r) => [r.period_index, r.amount, r.cap_applied])).toEqual([
      [1, '15000.0000', false],
      [2, '15000.0000', false],
      [3, '15000.0000', false],
      [4, '5000.0000', true],
    ]);
    expect(rows.every((r) => r.kind === 'accrual')).toBe(true);
    expect(await ledgerNet(t, { contractId })).toBe('50000.00');
    const d = await waitForState(t, id, (st) => st.rung === 'penalty');
    expect(clock(d.state, 'penalty.restoreWithin').status).toBe('breached');
  });

  it('stops accruing the moment service is restored', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: quickRestore(),
      terms: { ratePerPeriod: '0.001', period: { amount: 1, unit: 'seconds' } },
    });
    const id = await report(t, contractId);
    await eventually(async () => ((await ledgerRows(t, id)).length >= 2 ? true : undefined));
    await step(t, id, 'acknowledge');
    const restored = await step(t, id, 'restore', { cause: 'c', method: 'm' });
    const atRestore = (await ledgerRows(t, id)).length;
    await untilInstant(restored.restoredAt + 3000); // three periods after the restore
    expect((await ledgerRows(t, id)).length).toBe(atRestore);
  });

  it('accrues nothing while paused and shifts the schedule by the pause', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: quickRestore(),
      terms: { ratePerPeriod: '0.001', period: { amount: 2, unit: 'seconds' } },
    });
    const id = await report(t, contractId);
    await eventually(async () => ((await ledgerRows(t, id)).length >= 1 ? true : undefined));
    const paused = await step(t, id, 'pause', { reason: 'waiting_on_customer' });
    const atPause = (await ledgerRows(t, id)).length;
    await untilInstant(paused.pauses[0].from + 4500); // two whole periods
    expect((await ledgerRows(t, id)).length).toBe(atPause);
    const resumed = await step(t, id, 'resume');
    const pausedMs = resumed.pauses[0].to - resumed.pauses[0].from;
    expect(pausedMs).toBeGreaterThanOrEqual(4500);
    expect(paused.status).toBe('paused');
    await eventually(async () => ((await ledgerRows(t, id)).length > atPause ? true : undefined), 10_000);
    await step(t, id, 'acknowledge');
    await step(t, id, 'restore', { cause: 'c', method: 'm' });
    await recordHistory(t, id, 'accrual-pause-resume-restore');
  });

  it('excluding a customer-caused incident reverses every accrual to a net of zero and stops accrual', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: quickRestore(),
      terms: { ratePerPeriod: '0.001', period: { amount: 1, unit: 'seconds' } },
    });
    const id = await report(t, contractId);
    await eventually(async () => ((await ledgerRows(t, id)).length >= 3 ? true : undefined));
    const excluded = await step(t, id, 'exclude', { reason: 'customer power failure' });
    const rows = await eventually(async () => {
      const r = await ledgerRows(t, id);
      const accruals = r.filter((x) => x.kind === 'accrual').length;
      return r.filter((x) => x.kind === 'reversal').length === accruals ? r : undefined;
    });
    expect(await ledgerNet(t, { incidentId: id })).toBe('0.00');
    for (const reversal of rows.filter((r) => r.kind === 'reversal')) expect(reversal.amount).toBe('-1000.0000');
    await untilInstant(excluded.closedAt + 2000); // two periods after the exclusion
    expect((await ledgerRows(t, id)).length).toBe(rows.length);
    await recordHistory(t, id, 'accrual-then-exclude');
  });

  it('reclassifying to a class not yet breached posts corrections (never edits) to a net of zero', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: secondsPolicy({
        urgent: { triage: { respondWithin: s(600) }, penalty: { restoreWithin: s(1) } },
        general: { triage: { respondWithin: s(600) } },
      }),
      terms: { ratePerPeriod: '0.001', period: { amount: 1, unit: 'seconds' } },
    });
    const id = await report(t, contractId);
    await eventually(async () => ((await ledgerRows(t, id)).length >= 2 ? true : undefined));
    const s1 = await step(t, id, 'reclassify', { severity: 'general' });
    expect(clock(s1, 'penalty.restoreWithin').status).toBe('running');
    expect(s1.breachCount).toBe(0);
    await eventually(async () => ((await ledgerNet(t, { incidentId: id })) === '0.00' ? true : undefined));
    const rows = await ledgerRows(t, id);
    expect(rows.filter((r) => r.kind === 'correction').length).toBe(rows.filter((r) => r.kind === 'accrual').length);
    await recordHistory(t, id, 'accrual-then-reclassify-corrections');
  });

  it('two incidents on one contract accruing at the same instants never exceed the contract cap', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: quickRestore(),
      terms: { ratePerPeriod: '0.02', period: { amount: 1, unit: 'seconds' } },
    });
    const reportedAt = new Date(Date.now() - 500).toISOString();
    const [a, b] = await Promise.all([report(t, contractId, 'urgent', { reportedAt }), report(t, contractId, 'urgent', { reportedAt })]);
    await eventually(async () => ((await ledgerNet(t, { contractId })) === '50000.00' ? true : undefined));
    // Both workflows process two more periods at the cap: nothing more is written.
    for (const id of [a, b]) await waitForEvents(t, id, 'penalty_period_due', (await waitForEvents(t, id, 'penalty_period_due', 1)) + 2);
    expect(await ledgerNet(t, { contractId })).toBe('50000.00');
    const all = [...(await ledgerRows(t, a)), ...(await ledgerRows(t, b))];
    expect(all.some((r) => r.cap_applied)).toBe(true);
  });
});
