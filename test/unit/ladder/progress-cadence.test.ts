/** The progress-update cadence (progress.updateEvery): a recurring clock, each missed cycle its own breach. */
import { buildView, LadderContext, initialState, nextWakeAt, previewLadder } from '../../../src/domain/ladder';
import { BusinessCalendar, CALENDAR_24X7 } from '../../../src/domain/clock';
import { breachedTargets } from '../../../src/domain/simulation/replay';
import { CALENDAR_5X8, HOUR, makeInput, makePolicy, Run, SEC, sec, targets } from './helpers';

const EVERY = 100;
const withCadence = (every = EVERY) => ({ ...targets(), progress: { updateEvery: sec(every) } });
const POLICY = makePolicy({ urgent: withCadence(), general: targets({}, 2) });
const at = (run: Run, s: number): number => run.t0 + s * SEC;
const KEY = 'progress.updateEvery';

describe('progress-update cadence', () => {
  it('opens at the report with its first cycle due EVERY seconds later', () => {
    const run = new Run({ policy: POLICY });
    expect(run.clock(KEY)).toMatchObject({
      status: 'running',
      kind: 'deadline',
      rung: 'progress',
      cycle: 1,
      missed: 0,
      dueAt: at(run, EVERY),
    });
  });

  it('a missed update is a breach and the clock restarts from the missed due instant', () => {
    const run = new Run({ policy: POLICY });
    run.step('acknowledge', at(run, 10));
    const e = run.tick(at(run, EVERY + 5));
    const breaches = e.events.filter((x) => x.kind === 'breach');
    expect(breaches.map((b) => b.data)).toEqual([
      expect.objectContaining({ clock: KEY, rung: 'progress', dueAt: at(run, EVERY), detectedAt: at(run, EVERY + 5), cycle: 1 }),
    ]);
    expect(e.notifications.map((n) => n.data)).toEqual([expect.objectContaining({ clock: KEY, cycle: 1 })]);
    expect(run.clock(KEY)).toMatchObject({ status: 'running', cycle: 2, missed: 1, anchorAt: at(run, EVERY), dueAt: at(run, 2 * EVERY) });
    expect(run.state.breachCount).toBe(1);
    expect(nextWakeAt(run.ctx, run.state)).toBe(at(run, 2 * EVERY));
  });

  it('two misses are two breaches, told apart by their cycle', () => {
    const run = new Run({ policy: POLICY });
    run.step('acknowledge', at(run, 10));
    // One late wake-up (a worker down) still sees both misses, each at its own due instant.
    const e = run.tick(at(run, 2 * EVERY + 1));
    expect(e.events.filter((x) => x.kind === 'breach').map((b) => [b.data.cycle, b.at])).toEqual([
      [1, at(run, EVERY)],
      [2, at(run, 2 * EVERY)],
    ]);
    expect(run.clock(KEY)).toMatchObject({ cycle: 3, missed: 2, dueAt: at(run, 3 * EVERY) });
    expect(run.state.breachCount).toBe(2);
    expect(breachedTargets(run.state)).toEqual([KEY]);
  });

  it('a progress update meets the cycle and the next one counts from the update', () => {
    const run = new Run({ policy: POLICY });
    run.step('acknowledge', at(run, 10));
    const e = run.step('progressUpdate', at(run, 40), { note: 'PSU ordered' });
    expect(e.events.map((x) => x.kind)).toEqual(['step:progressUpdate', 'target_met']);
    expect(e.events[0].data).toEqual({ note: 'PSU ordered' });
    expect(e.events[1].data).toEqual({ clock: KEY, dueAt: at(run, EVERY), marginMs: (EVERY - 40) * SEC, cycle: 1 });
    expect(run.clock(KEY)).toMatchObject({ status: 'running', cycle: 2, missed: 0, anchorAt: at(run, 40), dueAt: at(run, 40 + EVERY) });
    // The old due instant passes without a breach.
    expect(run.tick(at(run, EVERY + 1)).events.filter((x) => x.kind === 'breach')).toEqual([]);
    expect(run.state.breachCount).toBe(0);
  });

  it('a progress update without its note is refused', () => {
    const run = new Run({ policy: POLICY });
    const { refused } = run.attempt('progressUpdate', { actor: 'eng:li.na' } as never, at(run, 5));
    expect(refused).toMatch(/^note: /);
    expect(run.clock(KEY)).toMatchObject({ cycle: 1, dueAt: at(run, EVERY) });
  });

  it('restore stops it: no breach after, and a progress update is refused', () => {
    const run = new Run({ policy: POLICY });
    run.step('acknowledge', at(run, 10));
    run.step('restore', at(run, 50));
    expect(run.clock(KEY)).toMatchObject({ status: 'stopped', settledAt: at(run, 50), cycle: 1 });
    expect(run.tick(at(run, 10 * EVERY)).events.filter((x) => x.kind === 'breach' && x.data.clock === KEY)).toEqual([]);
    expect(run.attempt('progressUpdate', { actor: 'eng:li.na', note: 'late' }, at(run, 60)).refused).toBe('service is already restored');
  });

  it('a pause hides its due instant like every other clock, and the resume moves it by the paused time', () => {
    const run = new Run({ policy: POLICY });
    run.step('acknowledge', at(run, 10));
    run.step('pause', at(run, 30));
    expect(run.clock(KEY).dueAt).toBeNull();
    expect(run.tick(at(run, 10 * EVERY)).events.filter((x) => x.kind === 'breach')).toEqual([]);
    expect(run.attempt('progressUpdate', { actor: 'eng:li.na', note: 'x' }, at(run, 10 * EVERY)).refused).toBe(
      'the clocks are paused: resume first',
    );
    run.step('resume', at(run, 10 * EVERY));
    // 70 s were left at the pause.
    expect(run.clock(KEY)).toMatchObject({ status: 'running', cycle: 1, dueAt: at(run, 10 * EVERY + 70) });
  });

  it('counts in working time on a working calendar (the next cycle skips the closed hours)', () => {
    // Monday 17:00 UTC, 5×8 09:00–18:00: a 2-working-hour cadence is due Tuesday 10:00, then 12:00.
    const reportedAt = Date.UTC(2026, 2, 2, 17, 0, 0);
    const policy = makePolicy({
      urgent: { ...targets(), progress: { updateEvery: { amount: 2, unit: 'workingHours', anchor: 'report' } } },
    });
    const run = new Run({ policy, calendar: CALENDAR_5X8, reportedAt });
    expect(run.clock(KEY).dueAt).toBe(Date.UTC(2026, 2, 3, 10, 0, 0));
    run.tick(Date.UTC(2026, 2, 3, 10, 0, 0) + HOUR / 2);
    expect(run.clock(KEY)).toMatchObject({ missed: 1, cycle: 2, dueAt: Date.UTC(2026, 2, 3, 12, 0, 0) });
  });

  it('a policy without the entry has no such clock (and a progress update only records its note)', () => {
    const run = new Run();
    expect(run.state.clocks[KEY]).toBeUndefined();
    const e = run.step('progressUpdate', at(run, 5), { note: 'looking into it' });
    expect(e.events.map((x) => x.kind)).toEqual(['step:progressUpdate']);
    expect(run.state.clocks[KEY]).toBeUndefined();
  });

  it('without the workflow patch (progressCadence off) the entry is ignored', () => {
    const ctx = new LadderContext(makeInput({ policy: POLICY }), 'wf', { progressCadence: false });
    expect(initialState(ctx).state.clocks[KEY]).toBeUndefined();
  });

  it('a progress breach accrues no money: only penalty.restoreWithin does', () => {
    const run = new Run({ policy: POLICY });
    run.step('acknowledge', at(run, 10));
    run.tick(at(run, 5 * EVERY + 1));
    expect(run.clock(KEY).missed).toBe(5);
    expect(run.state.penalty.breachedAt).toBeNull();
    expect(run.state.penalty.postings).toEqual([]);
    expect(run.log.ledger).toEqual([]);
  });

  it('reclassify to a class without the cadence stops it; back to one with it starts a cycle from the reclassification', () => {
    const run = new Run({ policy: POLICY });
    run.step('acknowledge', at(run, 10));
    run.step('reclassify', at(run, 20), { severity: 'general' });
    expect(run.clock(KEY)).toMatchObject({ status: 'stopped' });
    const fresh = new Run({ policy: POLICY, severity: 'general' });
    expect(fresh.state.clocks[KEY]).toBeUndefined();
    fresh.step('reclassify', at(fresh, 30), { severity: 'urgent' });
    expect(fresh.clock(KEY)).toMatchObject({ status: 'running', cycle: 1, anchorAt: at(fresh, 30), dueAt: at(fresh, 30 + EVERY) });
  });

  it('reclassified away and back, the cadence runs again from the second reclassification, its cycles still numbered on', () => {
    const run = new Run({ policy: POLICY });
    run.step('acknowledge', at(run, 10));
    run.tick(at(run, EVERY + 1));
    run.step('reclassify', at(run, EVERY + 10), { severity: 'general' });
    expect(run.clock(KEY)).toMatchObject({ status: 'stopped', cycle: 2, missed: 1 });
    run.step('reclassify', at(run, EVERY + 20), { severity: 'urgent' });
    expect(run.clock(KEY)).toMatchObject({
      status: 'running',
      cycle: 3,
      missed: 1,
      anchorAt: at(run, EVERY + 20),
      dueAt: at(run, 2 * EVERY + 20),
    });
    const e = run.tick(at(run, 2 * EVERY + 21));
    expect(e.events.filter((x) => x.kind === 'breach').map((b) => b.data.cycle)).toEqual([3]);
    // The breach before the round trip stands.
    expect(run.state.breachCount).toBe(2);
  });

  it('the view shows the running cycle and the misses', () => {
    const run = new Run({ policy: POLICY });
    run.tick(at(run, EVERY + 1));
    const view = buildView(run.ctx, run.state, at(run, EVERY + 50));
    expect(view.clockViews.find((c) => c.key === KEY)).toMatchObject({ cycle: 2, missed: 1, status: 'running', remainingMs: 50 * SEC });
  });

  it('the policy preview shows the first cycle, from the report', () => {
    const t0 = Date.UTC(2026, 2, 2, 10, 0, 0);
    const rows = previewLadder(POLICY, 'urgent', t0, BusinessCalendar.of(CALENDAR_24X7));
    expect(rows.find((r) => r.key === KEY)).toMatchObject({ rung: 'progress', anchorAt: t0, dueAt: t0 + EVERY * SEC });
  });
});
