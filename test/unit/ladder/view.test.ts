import { allowedSteps, nextWakeAt, type ClockKey, type IncidentView, buildView } from '../../../src/domain/ladder';
import { CALENDAR_5X8, HOUR, makePolicy, Run, SEC, targets } from './helpers';

const at = (run: Run, s: number): number => run.t0 + s * SEC;
const cv = (view: IncidentView, key: ClockKey) => {
  const c = view.clockViews.find((x) => x.key === key);
  if (!c) throw new Error(`no view of ${key}`);
  return c;
};

describe('buildView', () => {
  it('a running clock: elapsed since its anchor, remaining to its due instant, % used', () => {
    const run = new Run();
    const view = buildView(run.ctx, run.state, at(run, 15));
    expect(cv(view, 'triage.respondWithin')).toEqual({
      key: 'triage.respondWithin',
      rung: 'triage',
      kind: 'deadline',
      status: 'running',
      target: { amount: 60, unit: 'seconds', anchor: 'report' },
      anchorAt: run.t0,
      dueAt: at(run, 60),
      settledAt: undefined,
      marginMs: undefined,
      elapsedMs: 15 * SEC,
      remainingMs: 45 * SEC,
      pausedMs: 0,
      percentUsed: 25,
    });
    expect(cv(view, 'penalty.restoreWithin')).toMatchObject({ elapsedMs: 15 * SEC, remainingMs: 1785 * SEC, percentUsed: 0.8 });
  });

  it('carries the state, the instant, the next wake and the allowed steps', () => {
    const run = new Run();
    run.step('acknowledge', at(run, 10));
    const view = buildView(run.ctx, run.state, at(run, 20));
    expect(view).toMatchObject({ asOf: at(run, 20), stage: 'remote', status: 'open', severity: 'urgent', seq: run.state.seq });
    expect(view.nextDueAt).toBe(nextWakeAt(run.ctx, run.state));
    expect(view.allowedSteps).toEqual(allowedSteps(run.state));
    expect(view.clockViews.map((c) => c.key).sort()).toEqual(Object.keys(run.state.clocks).sort());
  });

  it('is pure: it does not change the state', () => {
    const run = new Run();
    run.step('pause', at(run, 10));
    const before = run.snapshot();
    buildView(run.ctx, run.state, at(run, 1_000_000));
    expect(run.state).toEqual(before);
  });

  it('a met clock: figures frozen at the instant it was met', () => {
    const run = new Run();
    run.step('acknowledge', at(run, 45));
    const c = cv(buildView(run.ctx, run.state, at(run, 500)), 'triage.respondWithin');
    expect(c).toMatchObject({
      status: 'met',
      settledAt: at(run, 45),
      marginMs: 15 * SEC,
      elapsedMs: 45 * SEC,
      remainingMs: null,
      pausedMs: 0,
      percentUsed: 75,
    });
  });

  it('a breached clock: 100 % used, frozen at its due instant', () => {
    const run = new Run();
    run.tick(at(run, 70));
    const c = cv(buildView(run.ctx, run.state, at(run, 500)), 'triage.respondWithin');
    expect(c).toMatchObject({ status: 'breached', elapsedMs: 60 * SEC, remainingMs: null, percentUsed: 100, marginMs: -10 * SEC });
  });

  it('a running clock past due but not advanced yet: remaining 0, more than 100 % used', () => {
    const run = new Run();
    const c = cv(buildView(run.ctx, run.state, at(run, 90)), 'triage.respondWithin');
    expect(c).toMatchObject({ status: 'running', elapsedMs: 90 * SEC, remainingMs: 0, percentUsed: 150 });
  });

  it('a paused clock: elapsed stops, paused time grows, no due instant, the running time left stays known', () => {
    const run = new Run();
    run.step('pause', at(run, 30));
    const c = cv(buildView(run.ctx, run.state, at(run, 40)), 'triage.respondWithin');
    expect(c).toMatchObject({ status: 'running', dueAt: null, elapsedMs: 30 * SEC, pausedMs: 10 * SEC, remainingMs: 30 * SEC });
  });

  // % used is measured against the target's running length, which a pause does not change.
  it('a paused clock keeps its % used', () => {
    const run = new Run();
    run.step('pause', at(run, 30));
    const c = cv(buildView(run.ctx, run.state, at(run, 40)), 'triage.respondWithin');
    expect(c.percentUsed).toBe(50);
  });

  it('after resume: paused time excluded, remaining counts to the moved due instant', () => {
    const run = new Run();
    run.step('pause', at(run, 30));
    run.step('resume', at(run, 40));
    const c = cv(buildView(run.ctx, run.state, at(run, 50)), 'triage.respondWithin');
    expect(c).toMatchObject({ dueAt: at(run, 70), elapsedMs: 40 * SEC, pausedMs: 10 * SEC, remainingMs: 20 * SEC, percentUsed: 66.7 });
  });

  it('a working-hours clock counts working time only', () => {
    const wh = { amount: 8, unit: 'workingHours' as const, anchor: 'report' as const };
    const policy = makePolicy({ urgent: targets({ triage: { respondWithin: wh } }), general: targets({}, 2) });
    const MON_15 = Date.UTC(2026, 2, 2, 15, 0);
    const run = new Run({ policy, calendar: CALENDAR_5X8, reportedAt: MON_15 });
    // Monday 22:00: 3 working hours used (15:00–18:00), 5 left; remaining is running (working) time.
    const c = cv(buildView(run.ctx, run.state, Date.UTC(2026, 2, 2, 22, 0)), 'triage.respondWithin');
    expect(c).toMatchObject({
      elapsedMs: 3 * HOUR,
      remainingMs: 5 * HOUR,
      pausedMs: 0,
      percentUsed: 37.5,
      dueAt: Date.UTC(2026, 2, 3, 14, 0),
    });
  });

  it('a clock anchored at the report but opened later counts from t0', () => {
    const run = new Run();
    run.step('acknowledge', at(run, 100));
    const c = cv(buildView(run.ctx, run.state, at(run, 150)), 'remote.startWithin');
    expect(c).toMatchObject({ anchorAt: run.t0, elapsedMs: 150 * SEC, remainingMs: 150 * SEC, percentUsed: 50 });
  });
});
