import { nextAccrual, nextWakeAt, type ClockKey } from '../../../src/domain/ladder';
import { CALENDAR_5X8, DAY, HOUR, makePolicy, Run, runAtStage, SEC, targets, type TargetOverrides } from './helpers';

const at = (run: Run, s: number): number => run.t0 + s * SEC;

function runningDues(run: Run): Record<string, number | null> {
  return Object.fromEntries(
    Object.values(run.state.clocks)
      .filter((c) => c!.status === 'running')
      .map((c) => [c!.key, c!.dueAt]),
  );
}

describe('pause and resume (wall units)', () => {
  it('pause hides every running due instant; settled clocks keep theirs', () => {
    const run = new Run();
    run.step('acknowledge', at(run, 10));
    const e = run.step('pause', at(run, 30), { reason: 'waiting_on_customer', note: 'customer away' });
    expect(run.state.status).toBe('paused');
    expect(run.state.stage).toBe('remote');
    expect(run.state.pauses).toEqual([
      { from: at(run, 30), to: null, reason: 'waiting_on_customer', note: 'customer away', actor: 'lead:chen' },
    ]);
    expect(runningDues(run)).toEqual({
      'remote.startWithin': null,
      'spare.triggerAfter': null,
      'expert.triggerAfter': null,
      'penalty.restoreWithin': null,
    });
    expect(run.clock('triage.respondWithin')).toMatchObject({ status: 'met', dueAt: at(run, 60) });
    expect(e.events.map((x) => x.kind)).toEqual(['step:pause']);
    expect(e.events[0].data).toEqual({ reason: 'waiting_on_customer', note: 'customer away' });
    expect(e.notifications).toEqual([]);
    expect(nextWakeAt(run.ctx, run.state)).toBeNull();
  });

  it('nothing falls due while paused, however long', () => {
    const run = new Run();
    run.step('pause', at(run, 30));
    const e = run.tick(at(run, 30) + 30 * DAY);
    expect(e.events).toEqual([]);
    expect(run.state.breachCount).toBe(0);
  });

  it('resume moves every running deadline and trigger by exactly the paused time', () => {
    const run = new Run();
    run.step('acknowledge', at(run, 10));
    const before = runningDues(run);
    run.step('pause', at(run, 30));
    const paused = 3 * HOUR + 17 * SEC + 5;
    const e = run.step('resume', at(run, 30) + paused);
    expect(run.state.status).toBe('open');
    expect(run.state.pauses[0].to).toBe(at(run, 30) + paused);
    const after = runningDues(run);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const key of Object.keys(before)) expect(after[key]! - before[key]!).toBe(paused);
    expect(e.events.map((x) => x.kind)).toEqual(['step:resume']);
    // Met clocks are untouched.
    expect(run.clock('triage.respondWithin')).toMatchObject({ status: 'met', dueAt: at(run, 60), marginMs: 50 * SEC });
    expect(nextWakeAt(run.ctx, run.state)).toBe(at(run, 300) + paused);
  });

  it('a resumed deadline is breached at its moved instant, not before', () => {
    const run = new Run();
    run.step('pause', at(run, 30));
    run.step('resume', at(run, 90));
    expect(run.clock('triage.respondWithin').dueAt).toBe(at(run, 120));
    expect(run.tick(at(run, 120) - 1).events).toEqual([]);
    run.tick(at(run, 120));
    expect(run.clock('triage.respondWithin')).toMatchObject({ status: 'breached', settledAt: at(run, 120) });
  });

  it('breached clocks are not moved by a later pause', () => {
    const run = new Run();
    run.tick(at(run, 60));
    run.step('pause', at(run, 70));
    run.step('resume', at(run, 100));
    expect(run.clock('triage.respondWithin')).toMatchObject({ status: 'breached', dueAt: at(run, 60), settledAt: at(run, 60) });
    expect(run.state.breachCount).toBe(1);
  });

  it('pauses add up', () => {
    const run = new Run();
    run.step('pause', at(run, 10));
    run.step('resume', at(run, 20));
    run.step('pause', at(run, 30));
    run.step('resume', at(run, 55));
    expect(run.clock('triage.respondWithin').dueAt).toBe(at(run, 95));
    expect(run.clock('penalty.restoreWithin').dueAt).toBe(at(run, 1835));
  });

  it('a report-anchored clock opened after a pause still counts the pause; a rungStart one opened later does not', () => {
    const run = new Run();
    run.step('pause', at(run, 20));
    run.step('resume', at(run, 50));
    run.step('acknowledge', at(run, 60));
    expect(run.clock('remote.startWithin').dueAt).toBe(at(run, 330));
    run.step('remoteSession', at(run, 70));
    run.step('diagnosis', at(run, 80));
    expect(run.clock('onsite.arriveWithin').dueAt).toBe(at(run, 380));
  });

  it('a pause exactly at a due instant comes after the breach', () => {
    const run = new Run();
    const e = run.step('pause', at(run, 60));
    expect(e.events.map((x) => x.kind)).toEqual(['breach', 'step:pause']);
    expect(run.clock('triage.respondWithin').status).toBe('breached');
  });

  it('a restored incident resumes to restored and its sign-off clock moves', () => {
    const { run } = runAtStage('restored');
    const due = run.clock('signOff.within').dueAt!;
    run.step('pause', at(run, 100));
    expect(run.state.status).toBe('paused');
    run.step('resume', at(run, 160));
    expect(run.state.status).toBe('restored');
    expect(run.clock('signOff.within').dueAt).toBe(due + 60 * SEC);
    run.step('signOff', at(run, 200));
  });

  it('after resume the next wake is the earliest moved instant', () => {
    const run = new Run();
    run.step('pause', at(run, 30));
    expect(nextWakeAt(run.ctx, run.state)).toBeNull();
    expect(nextAccrual(run.ctx, run.state)).toBeNull();
    run.step('resume', at(run, 40));
    expect(nextWakeAt(run.ctx, run.state)).toBe(at(run, 70));
  });
});

describe('pause and resume on a 5×8 calendar (working units)', () => {
  const wh = (amount: number) => ({ amount, unit: 'workingHours' as const, anchor: 'report' as const });
  const overrides: TargetOverrides = {
    triage: { respondWithin: wh(8) },
    remote: { startWithin: wh(20), resolveWithin: wh(30) },
    spare: { triggerAfter: wh(40), deliverWithin: wh(8) },
    expert: { triggerAfter: wh(50), conveneWithin: wh(8) },
    // A wall-clock target on the same calendar: moves by the full paused time.
    penalty: { restoreWithin: { amount: 3, unit: 'days', anchor: 'report' } },
  };
  const policy = makePolicy({ urgent: targets(overrides), general: targets(overrides, 2) });
  const MON_15 = Date.UTC(2026, 2, 2, 15, 0); // Monday 2 March 2026 15:00 UTC
  const TUE = (h: number, m = 0) => Date.UTC(2026, 2, 3, h, m);
  const start = (reportedAt = MON_15) => new Run({ policy, calendar: CALENDAR_5X8, reportedAt });

  it('8 working hours from Monday 15:00 is Tuesday 14:00', () => {
    expect(start().clock('triage.respondWithin').dueAt).toBe(TUE(14));
  });

  it('a pause over the night moves nothing on the working clock; the wall clock moves by all of it', () => {
    const run = start();
    const wall = run.clock('penalty.restoreWithin').dueAt!;
    run.step('pause', Date.UTC(2026, 2, 2, 18, 30));
    expect(run.clock('triage.respondWithin').dueAt).toBeNull();
    run.step('resume', TUE(8, 30));
    expect(run.clock('triage.respondWithin').dueAt).toBe(TUE(14));
    expect(run.clock('penalty.restoreWithin').dueAt).toBe(wall + 14 * HOUR);
  });

  it('a pause over the weekend moves nothing', () => {
    const FRI_15 = Date.UTC(2026, 2, 6, 15, 0);
    const run = start(FRI_15);
    const MON_14 = Date.UTC(2026, 2, 9, 14, 0);
    expect(run.clock('triage.respondWithin').dueAt).toBe(MON_14);
    run.step('pause', Date.UTC(2026, 2, 6, 19, 0));
    run.step('resume', Date.UTC(2026, 2, 9, 8, 0));
    expect(run.clock('triage.respondWithin').dueAt).toBe(MON_14);
  });

  it('a pause inside working hours moves the deadline by the pause', () => {
    const run = start();
    run.step('pause', TUE(10));
    run.step('resume', TUE(11, 30));
    expect(run.clock('triage.respondWithin').dueAt).toBe(TUE(15, 30));
  });

  it('a pause straddling the night moves the deadline by its working-time overlap only', () => {
    const run = start();
    run.step('pause', Date.UTC(2026, 2, 2, 17, 0)); // 1 working hour left on Monday
    run.step('resume', TUE(10)); // 1 working hour on Tuesday
    expect(run.clock('triage.respondWithin').dueAt).toBe(TUE(16));
    expect(run.clock('spare.triggerAfter').dueAt! - start().clock('spare.triggerAfter').dueAt!).toBe(2 * HOUR);
  });

  it('a working-hours deadline is breached at its moved instant', () => {
    const run = start();
    run.step('pause', TUE(10));
    run.step('resume', TUE(10, 45));
    run.tick(TUE(14, 45) - 1);
    expect(run.clock('triage.respondWithin').status).toBe('running');
    run.tick(TUE(14, 45));
    expect(run.clock('triage.respondWithin')).toMatchObject({ status: 'breached', settledAt: TUE(14, 45), dueAt: TUE(14, 45) });
  });

  it('paused clocks, working or wall, have no due instant and nothing wakes the workflow', () => {
    const run = start();
    run.step('pause', TUE(10));
    for (const key of ['triage.respondWithin', 'spare.triggerAfter', 'penalty.restoreWithin'] as ClockKey[]) {
      expect(run.clock(key).dueAt).toBeNull();
    }
    expect(nextWakeAt(run.ctx, run.state)).toBeNull();
  });
});
