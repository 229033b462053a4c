import { nextAccrual, nextWakeAt, type Effects } from '../../../src/domain/ladder';
import { makePolicy, posts, Run, type RunOptions, sec, SEC, targets, WF } from './helpers';

/** urgent: restore within 20 s; general: within 100 s. Terms: 0.25 % of 1,000,000.00 CNY per 10 s. */
const POLICY = makePolicy({
  urgent: targets({ penalty: { restoreWithin: sec(20) } }),
  general: targets({ penalty: { restoreWithin: sec(100) } }, 2),
});
const start = (o: RunOptions = {}) => new Run({ policy: POLICY, ...o });
const at = (run: Run, s: number): number => run.t0 + s * SEC;
/** [index, periodStart, periodEnd] in seconds after t0. */
const periods = (run: Run, e: Effects) =>
  posts(e).map((p) => [p.periodIndex, (p.periodStart - run.t0) / SEC, (p.periodEnd - run.t0) / SEC]);
const dueEvents = (run: Run, e: Effects) =>
  e.events.filter((x) => x.kind === 'penalty_period_due').map((x) => [x.data.periodIndex, (x.at - run.t0) / SEC]);

describe('penalty accrual: started periods counted from the report', () => {
  it('nothing accrues before the restore commitment is breached', () => {
    const run = start();
    run.step('acknowledge', at(run, 5));
    expect(run.tick(at(run, 20) - 1).ledger).toEqual([]);
    expect(nextAccrual(run.ctx, run.state)).toBeNull();
    expect(nextWakeAt(run.ctx, run.state)).toBe(at(run, 20));
    expect(run.state.penalty.breachedAt).toBeNull();
  });

  it('at the breach every period whose start is at or before it is posted at once (1..3 at t0+20 s)', () => {
    const run = start();
    run.step('acknowledge', at(run, 5));
    const e = run.tick(at(run, 20) + 1);
    expect(run.state.penalty).toMatchObject({ breachedAt: at(run, 20), generation: 0, periodsPosted: 3 });
    expect(run.state.rung).toBe('penalty');
    expect(periods(run, e)).toEqual([
      [1, 0, 10],
      [2, 10, 20],
      [3, 20, 30],
    ]);
    expect(posts(e)).toEqual(
      [1, 2, 3].map((i) => ({
        key: `${WF}:accrual:g0:p${i}`,
        kind: 'accrual',
        periodIndex: i,
        periodStart: at(run, 10 * (i - 1)),
        periodEnd: at(run, 10 * i),
        amount: '2500.00',
        generation: 0,
      })),
    );
    // 'started' posts period i at max(periodStart, breachedAt): all three at the breach.
    expect(dueEvents(run, e)).toEqual([
      [1, 20],
      [2, 20],
      [3, 20],
    ]);
    expect(e.events.map((x) => x.kind)).toEqual([
      'breach',
      'rung_opened',
      'penalty_period_due',
      'penalty_period_due',
      'penalty_period_due',
    ]);
    expect(e.events[1].data).toEqual({ rung: 'penalty', cause: 'penalty.restoreWithin breached', clocks: [] });
    expect(e.events[2].data).toEqual({
      periodIndex: 1,
      periodStart: at(run, 0),
      periodEnd: at(run, 10),
      nominalAmount: '2500.00',
      currency: 'CNY',
      idempotencyKey: `${WF}:accrual:g0:p1`,
    });
    expect(e.notifications.map((n) => [n.kind, n.data.rung])).toEqual([
      ['breach', 'penalty'],
      ['escalation', 'penalty'],
    ]);
    // 'started': owed once service is still down just after the period starts.
    expect(nextAccrual(run.ctx, run.state)).toEqual({
      index: 4,
      postAt: at(run, 30),
      owedFrom: at(run, 30) + 1,
      periodStart: at(run, 30),
      periodEnd: at(run, 40),
    });
    expect(nextWakeAt(run.ctx, run.state)).toBe(at(run, 30) + 1);
  });

  it('later periods are posted at their start, dated at their start even when detected late', () => {
    const run = start();
    run.step('acknowledge', at(run, 5));
    run.tick(at(run, 20) + 1);
    expect(run.tick(at(run, 30) - 1).ledger).toEqual([]);
    expect(periods(run, run.tick(at(run, 30) + 1))).toEqual([[4, 30, 40]]);
    const e = run.tick(at(run, 55) + 1);
    expect(dueEvents(run, e)).toEqual([
      [5, 40],
      [6, 50],
    ]);
    expect(run.state.penalty.periodsPosted).toBe(6);
  });

  it('the schedule does not depend on how often the ladder is advanced', () => {
    const coarse = start();
    coarse.tick(at(coarse, 95) + 1);
    const fine = start();
    for (let s = 1; s <= 95; s++) fine.tick(at(fine, s));
    expect(posts(fine.log)).toEqual(posts(coarse.log));
    expect(posts(coarse.log).map((p) => p.periodIndex)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('idempotency keys are unique and stable across runs of the same incident', () => {
    const a = start();
    a.tick(at(a, 200) + 1);
    const b = start();
    b.tick(at(b, 200) + 1);
    const keys = posts(a.log).map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(posts(b.log).map((p) => p.key));
    expect(keys.every((k, i) => k === `${WF}:accrual:g0:p${i + 1}`)).toBe(true);
    // Another workflow id, other keys.
    const c = start({ workflowId: 'incident-other' });
    c.tick(at(c, 20) + 1);
    expect(posts(c.log)[0].key).toBe('incident-other:accrual:g0:p1');
  });

  it('amounts are total × rate rounded half-even to the currency minor unit', () => {
    const odd = start({ totalValue: '1234567.89' });
    odd.tick(at(odd, 20) + 1);
    expect(posts(odd.log)[0].amount).toBe('3086.42');
    const yen = start({ totalValue: '1000000', currency: 'JPY' });
    yen.tick(at(yen, 20) + 1);
    expect(posts(yen.log)[0].amount).toBe('2500');
    expect(yen.events('penalty_period_due')[0].data).toMatchObject({ nominalAmount: '2500', currency: 'JPY' });
  });

  it('the ladder posts nominal amounts past the cap; the cap is the ledger activity’s job', () => {
    const run = start();
    run.tick(at(run, 400) + 1); // 41 periods × 2500 > 50,000 cap
    expect(posts(run.log)).toHaveLength(41);
    expect(posts(run.log).every((p) => p.amount === '2500.00')).toBe(true);
  });

  it('restore stops accrual', () => {
    const run = start();
    run.step('acknowledge', at(run, 5));
    run.tick(at(run, 30) + 1);
    const e = run.step('restore', at(run, 35));
    expect(e.ledger).toEqual([]);
    expect(run.state.penalty).toMatchObject({ periodsPosted: 4 });
    expect(run.clock('penalty.restoreWithin').status).toBe('breached');
    expect(nextAccrual(run.ctx, run.state)).toBeNull();
    expect(run.tick(at(run, 1000) + 1).ledger).toEqual([]);
  });

  it('a restore step first posts what fell due before it', () => {
    const run = start();
    run.step('acknowledge', at(run, 5));
    const e = run.step('restore', at(run, 45));
    expect(periods(run, e)).toEqual([
      [1, 0, 10],
      [2, 10, 20],
      [3, 20, 30],
      [4, 30, 40],
      [5, 40, 50],
    ]);
    // The accruals come first, then the step; the breached restore target is not 'met' by it.
    const kinds = e.events.map((x) => x.kind);
    expect(kinds.slice(-2)).toEqual(['step:restore', 'restored']);
    expect(kinds.lastIndexOf('penalty_period_due')).toBeLessThan(kinds.indexOf('step:restore'));
    expect(run.clock('penalty.restoreWithin').status).toBe('breached');
  });

  // Boundary rule: for 'started' periods a restore at exactly a period start owes nothing for it.
  it('a restore exactly at a period start does not owe that period (boundary rule)', () => {
    const run = start();
    run.step('acknowledge', at(run, 5));
    run.step('restore', at(run, 40));
    // 40 s down, 10-second periods starting at 0, 10, 20, 30 s (the one starting at 40 s never began).
    expect(posts(run.log).map((p) => p.periodIndex)).toEqual([1, 2, 3, 4]);
  });

  it('pause stops accrual; resume shifts later periods by the pause', () => {
    const run = start();
    run.step('acknowledge', at(run, 5));
    run.tick(at(run, 20) + 1);
    run.step('pause', at(run, 22));
    expect(nextAccrual(run.ctx, run.state)).toMatchObject({ index: 4, postAt: null });
    expect(nextWakeAt(run.ctx, run.state)).toBeNull();
    expect(run.tick(at(run, 1000) + 1).ledger).toEqual([]);
    run.step('resume', at(run, 1000) + 5 * SEC);
    // 8 running seconds were left in period 3 when paused: period 4 starts 8 s after the resume.
    const shift = 1000 * SEC + 5 * SEC - 22 * SEC;
    expect(nextAccrual(run.ctx, run.state)).toEqual({
      index: 4,
      postAt: at(run, 30) + shift,
      owedFrom: at(run, 30) + shift + 1,
      periodStart: at(run, 30) + shift,
      periodEnd: at(run, 40) + shift,
    });
    const e = run.tick(at(run, 50) + shift + 1);
    expect(periods(run, e)).toEqual([
      [4, 30 + shift / SEC, 40 + shift / SEC],
      [5, 40 + shift / SEC, 50 + shift / SEC],
      [6, 50 + shift / SEC, 60 + shift / SEC],
    ]);
  });

  it('a pause before the breach moves the breach and the period boundaries counted from the report', () => {
    const run = start();
    run.step('pause', at(run, 5));
    run.step('resume', at(run, 10));
    const e = run.tick(at(run, 25) + 1);
    expect(run.state.penalty.breachedAt).toBe(at(run, 25));
    expect(periods(run, e)).toEqual([
      [1, 0, 15],
      [2, 15, 25],
      [3, 25, 35],
    ]);
  });

  it('exclude reverses the accruals and stops everything', () => {
    const run = start();
    run.tick(at(run, 30) + 1);
    const e = run.step('exclude', at(run, 33), { reason: 'customer power failure' });
    expect(e.ledger).toEqual([{ type: 'cancelAll', kind: 'reversal', reason: 'excluded: customer power failure' }]);
    // Executed like the ledger activity: every accrual negated once.
    const postings = run.state.penalty.postings;
    expect(postings.filter((p) => p.kind === 'accrual').every((p) => p.cancelled)).toBe(true);
    expect(postings.filter((p) => p.kind === 'reversal').map((p) => [p.key, p.amount])).toEqual(
      [1, 2, 3, 4].map((i) => [`${WF}:accrual:g0:p${i}:reversal`, '-2500.00']),
    );
    expect(nextAccrual(run.ctx, run.state)).toBeNull();
    expect(run.tick(at(run, 5000) + 1)).toEqual({ events: [], notifications: [], ledger: [] });
  });

  it('cancel reverses too, even when nothing was posted', () => {
    const run = start();
    const e = run.step('cancel', at(run, 3), { reason: 'duplicate' });
    expect(e.ledger).toEqual([{ type: 'cancelAll', kind: 'reversal', reason: 'cancelled: duplicate' }]);
    expect(run.state.penalty.postings).toEqual([]);
  });
});

describe('penalty accrual: other counting rules', () => {
  it("countFrom 'breach' (started): period 1 starts at the breach and is posted then", () => {
    const run = start({ terms: { countFrom: 'breach' } });
    const e = run.tick(at(run, 20) + 1);
    expect(periods(run, e)).toEqual([[1, 20, 30]]);
    expect(periods(run, run.tick(at(run, 45) + 1))).toEqual([
      [2, 30, 40],
      [3, 40, 50],
    ]);
  });

  it("partialPeriod 'completed', countFrom 'report': a period is posted at its end", () => {
    const run = start({ terms: { partialPeriod: 'completed' } });
    const e = run.tick(at(run, 20) + 1);
    expect(periods(run, e)).toEqual([
      [1, 0, 10],
      [2, 10, 20],
    ]);
    expect(run.tick(at(run, 30) - 1).ledger).toEqual([]);
    expect(periods(run, run.tick(at(run, 30) + 1))).toEqual([[3, 20, 30]]);
    expect(nextAccrual(run.ctx, run.state)).toEqual({
      index: 4,
      postAt: at(run, 40),
      owedFrom: at(run, 40),
      periodStart: at(run, 30),
      periodEnd: at(run, 40),
    });
  });

  it("partialPeriod 'completed', countFrom 'breach': nothing at the breach, period 1 at breach + 10 s", () => {
    const run = start({ terms: { partialPeriod: 'completed', countFrom: 'breach' } });
    expect(run.tick(at(run, 29) + 1).ledger).toEqual([]);
    expect(run.state.penalty.breachedAt).toBe(at(run, 20));
    expect(periods(run, run.tick(at(run, 30) + 1))).toEqual([[1, 20, 30]]);
  });

  it("'completed': a restore exactly at a period end owes that period (boundary rule)", () => {
    const run = start({ terms: { partialPeriod: 'completed' } });
    run.step('acknowledge', at(run, 5));
    run.step('restore', at(run, 40));
    // 40 s down: the periods ending at 10, 20, 30 and 40 s are complete.
    expect(posts(run.log).map((p) => p.periodIndex)).toEqual([1, 2, 3, 4]);
  });

  // 'completed' periods that ended before the breach are posted, and dated, at the breach.
  it("'completed': no penalty_period_due event is dated before the breach", () => {
    const run = start({ terms: { partialPeriod: 'completed' } });
    run.tick(at(run, 20) + 1);
    for (const ev of run.events('penalty_period_due')) expect(ev.at).toBeGreaterThanOrEqual(run.state.penalty.breachedAt!);
  });
});
