import { nextWakeAt } from '../../../src/domain/ladder';
import { makePolicy, posts, Run, type RunOptions, runAtStage, sec, SEC, targets, WF } from './helpers';

const at = (run: Run, s: number): number => run.t0 + s * SEC;

describe('reclassify: deadlines recomputed from t0 under the new class', () => {
  it('every running clock takes the new target from its anchor; met clocks are untouched', () => {
    const run = new Run();
    run.step('acknowledge', at(run, 10));
    const e = run.step('reclassify', at(run, 30), { severity: 'general' });
    expect(run.state.severity).toBe('general');
    expect(run.clock('triage.respondWithin')).toMatchObject({ status: 'met', dueAt: at(run, 60), target: { amount: 60 } });
    expect(run.clock('remote.startWithin')).toMatchObject({
      dueAt: at(run, 600),
      target: { amount: 600, unit: 'seconds', anchor: 'report' },
    });
    expect(run.clock('spare.triggerAfter').dueAt).toBe(at(run, 1800));
    expect(run.clock('expert.triggerAfter').dueAt).toBe(at(run, 2400));
    expect(run.clock('penalty.restoreWithin').dueAt).toBe(at(run, 3600));
    expect(e.events.map((x) => x.kind)).toEqual(['step:reclassify', 'reclassified']);
    expect(e.events[0].data).toEqual({ severity: 'general' });
    expect(e.events[1]).toMatchObject({ at: at(run, 30), data: { from: 'urgent', to: 'general' } });
    expect(e.ledger).toEqual([]);
    expect(run.state.penalty.generation).toBe(0);
    expect(nextWakeAt(run.ctx, run.state)).toBe(at(run, 600));
  });

  it('rungStart-anchored clocks are recomputed from their rung opening', () => {
    const { run } = runAtStage('dispatch'); // onsite opened at t0+30 s
    run.step('reclassify', at(run, 100), { severity: 'general' });
    expect(run.clock('onsite.arriveWithin')).toMatchObject({ anchorAt: at(run, 30), dueAt: at(run, 630) });
  });

  it('a stricter class breaches a running clock at its new (past) due instant right away', () => {
    const run = new Run({ severity: 'general' });
    const e = run.step('reclassify', at(run, 90), { severity: 'urgent' });
    expect(run.clock('triage.respondWithin')).toMatchObject({
      status: 'breached',
      dueAt: at(run, 60),
      settledAt: at(run, 60),
      marginMs: -30 * SEC,
    });
    expect(e.events.map((x) => [x.kind, (x.at - run.t0) / SEC])).toEqual([
      ['step:reclassify', 90],
      ['reclassified', 90],
      ['breach', 60],
    ]);
    expect(run.state.breachCount).toBe(1);
  });

  it('a breach that is not missed under the new class is withdrawn', () => {
    const run = new Run();
    run.tick(at(run, 70));
    expect(run.state.breachCount).toBe(1);
    const e = run.step('reclassify', at(run, 90), { severity: 'general' });
    expect(run.clock('triage.respondWithin')).toMatchObject({ status: 'running', dueAt: at(run, 120) });
    expect(run.clock('triage.respondWithin').settledAt).toBeUndefined();
    expect(run.clock('triage.respondWithin').marginMs).toBeUndefined();
    expect(run.state.breachCount).toBe(0);
    expect(e.events.map((x) => x.kind)).toEqual(['step:reclassify', 'breach_withdrawn', 'reclassified']);
    expect(e.events[1].data).toEqual({ clock: 'triage.respondWithin', dueAt: at(run, 120) });
    // Now acknowledged in time under the new class.
    run.step('acknowledge', at(run, 100));
    expect(run.clock('triage.respondWithin')).toMatchObject({ status: 'met', marginMs: 20 * SEC });
  });

  it('a breach also missed under the new class stays, re-dated at the new due instant', () => {
    const run = new Run();
    run.tick(at(run, 70));
    const e = run.step('reclassify', at(run, 150), { severity: 'general' });
    expect(run.clock('triage.respondWithin')).toMatchObject({ status: 'breached', dueAt: at(run, 120), settledAt: at(run, 120) });
    expect(run.state.breachCount).toBe(1);
    expect(e.events.map((x) => x.kind)).toEqual(['step:reclassify', 'reclassified']);
  });

  it('a withdrawn remote.resolveWithin breach keeps the escalation that already happened', () => {
    const { run } = runAtStage('diagnosing');
    run.tick(at(run, 610)); // breached at 600 → dispatch, onsite open
    run.step('reclassify', at(run, 620), { severity: 'general' });
    expect(run.clock('remote.resolveWithin')).toMatchObject({ status: 'running', dueAt: at(run, 1200) });
    expect(run.state).toMatchObject({ stage: 'dispatch', rung: 'onsite', breachCount: 0 });
  });

  it('fired triggers are not recomputed', () => {
    const run = new Run();
    run.step('acknowledge', at(run, 10));
    run.tick(at(run, 950));
    run.step('reclassify', at(run, 960), { severity: 'general' });
    expect(run.clock('spare.triggerAfter')).toMatchObject({ status: 'fired', settledAt: at(run, 900) });
    // Its deliver clock, anchored at the trigger, takes the new length.
    expect(run.clock('spare.deliverWithin').dueAt).toBe(at(run, 900 + 600));
  });

  it('can be taken while paused: due instants stay hidden, then move by the pause', () => {
    const run = new Run();
    run.step('pause', at(run, 30));
    run.step('reclassify', at(run, 40), { severity: 'general' });
    expect(run.state.status).toBe('paused');
    expect(run.clock('triage.respondWithin').dueAt).toBeNull();
    run.step('resume', at(run, 50));
    expect(run.clock('triage.respondWithin').dueAt).toBe(at(run, 140));
  });

  it('reclassifying back and forth ends where it started when nothing fell due', () => {
    const a = new Run();
    a.step('reclassify', at(a, 10), { severity: 'general' });
    a.step('reclassify', at(a, 20), { severity: 'urgent' });
    const b = new Run();
    expect(a.state.clocks).toEqual(b.state.clocks);
  });

  // A reclassification that moves a late step inside its target turns the breach into met at that step.
  it('a breach withdrawn after its step was taken becomes met at that step, not running again', () => {
    const run = new Run();
    run.tick(at(run, 60));
    run.step('acknowledge', at(run, 90));
    run.step('reclassify', at(run, 100), { severity: 'general' });
    run.tick(at(run, 200));
    expect(run.clock('triage.respondWithin')).toMatchObject({ status: 'met', settledAt: at(run, 90), marginMs: 30 * SEC });
    expect(run.state.breachCount).toBe(0);
  });

  // Same root cause, on the restore commitment of a restored incident: restored late (1900 s > 1800 s),
  // reclassified to general (3600 s): penalty.restoreWithin runs again in a restored incident and is
  // breached again at 3600 s, with a breach notification for a service restored 1700 s earlier.
  it('a restored incident reclassified to a looser class does not breach its restore target again', () => {
    const run = new Run();
    run.step('acknowledge', at(run, 10));
    run.tick(at(run, 1850));
    run.step('restore', at(run, 1900));
    run.step('reclassify', at(run, 2000), { severity: 'general' });
    const e = run.tick(at(run, 3700));
    // (signOff.within legitimately breaches by then; the restore target must not.)
    expect(e.notifications.filter((n) => n.kind === 'breach' && n.data.clock === 'penalty.restoreWithin')).toEqual([]);
    expect(run.clock('penalty.restoreWithin')).toMatchObject({ status: 'met', settledAt: at(run, 1900) });
  });
});

describe('reclassify and the accrual schedule', () => {
  const POLICY = makePolicy({
    urgent: targets({ penalty: { restoreWithin: sec(20) } }),
    general: targets({ penalty: { restoreWithin: sec(100) } }, 2),
  });
  const start = (o: RunOptions = {}) => new Run({ policy: POLICY, ...o });

  it('a withdrawn restore breach cancels what was posted with corrections and starts a new generation', () => {
    const run = start();
    run.tick(at(run, 25));
    expect(posts(run.log).map((p) => p.key)).toEqual([1, 2, 3].map((i) => `${WF}:accrual:g0:p${i}`));
    const e = run.step('reclassify', at(run, 29), { severity: 'general' });
    expect(e.ledger).toEqual([{ type: 'cancelAll', kind: 'correction', reason: 'reclassified urgent -> general' }]);
    expect(run.state.penalty).toMatchObject({ breachedAt: null, generation: 1, periodsPosted: 0 });
    expect(run.clock('penalty.restoreWithin')).toMatchObject({ status: 'running', dueAt: at(run, 100) });
    const corrections = run.state.penalty.postings.filter((p) => p.kind === 'correction');
    expect(corrections.map((p) => [p.key, p.amount, p.generation])).toEqual(
      [1, 2, 3].map((i) => [`${WF}:accrual:g0:p${i}:correction`, '-2500.00', 0]),
    );
    // Nothing more until the new breach, then generation 1 from scratch.
    expect(run.tick(at(run, 99)).ledger).toEqual([]);
    const later = run.tick(at(run, 100) + 1); // 'started' periods are owed just after they start
    expect(posts(later).map((p) => p.key)).toEqual(Array.from({ length: 11 }, (_, i) => `${WF}:accrual:g1:p${i + 1}`));
    expect(posts(later).every((p) => p.generation === 1)).toBe(true);
    const keys = run.state.penalty.postings.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a restore breach moved earlier, with periods counted from the report, owes the same periods: nothing re-posted', () => {
    const run = start({ severity: 'general' });
    run.tick(at(run, 100) + 1);
    expect(posts(run.log)).toHaveLength(11);
    const e = run.step('reclassify', at(run, 105), { severity: 'urgent' });
    expect(run.state.penalty.breachedAt).toBe(at(run, 20));
    expect(run.clock('penalty.restoreWithin')).toMatchObject({ status: 'breached', settledAt: at(run, 20) });
    expect(e.ledger).toEqual([]);
    expect(run.state.penalty).toMatchObject({ generation: 0, periodsPosted: 11 });
  });

  it('a restore breach moved while periods count from the breach is corrected and re-accrued in a new generation', () => {
    const run = start({ severity: 'general', terms: { countFrom: 'breach' } });
    run.tick(at(run, 100) + 1);
    const before = posts(run.log).length;
    expect(before).toBeGreaterThan(0);
    const e = run.step('reclassify', at(run, 105), { severity: 'urgent' });
    expect(e.ledger[0]).toEqual({ type: 'cancelAll', kind: 'correction', reason: 'reclassified general -> urgent' });
    // From the new breach at 20 s: periods starting at 20, 30, … 100 s are owed again, in generation 1.
    expect(posts(e).map((p) => p.key)).toEqual(Array.from({ length: 9 }, (_, i) => `${WF}:accrual:g1:p${i + 1}`));
    expect(run.state.penalty).toMatchObject({ generation: 1, periodsPosted: 9 });
  });

  it('a reclassification that leaves the restore breach where it was changes nothing in the ledger', () => {
    const policy = makePolicy({
      urgent: targets({ penalty: { restoreWithin: sec(20) } }),
      general: targets({ penalty: { restoreWithin: sec(20) } }, 2),
    });
    const run = new Run({ policy });
    run.tick(at(run, 25));
    const e = run.step('reclassify', at(run, 29), { severity: 'general' });
    expect(e.ledger).toEqual([]);
    expect(run.state.penalty).toMatchObject({ generation: 0, periodsPosted: 3, breachedAt: at(run, 20) });
  });

  it('an accrual posted in the same batch before an already-executed one is cancelled too (commands run in order)', () => {
    const run = start();
    run.tick(at(run, 25)); // p1..3 executed
    const e = run.step('reclassify', at(run, 30) + 1, { severity: 'general' }); // p4 falls due first, in this batch
    expect(e.ledger.map((c) => (c.type === 'post' ? c.posting.key : c.type))).toEqual([`${WF}:accrual:g0:p4`, 'cancelAll']);
    expect(run.state.penalty.postings.filter((p) => p.kind === 'accrual' && !p.cancelled)).toEqual([]);
  });

  it('a reclassification before any breach bumps no generation', () => {
    const run = start();
    run.step('reclassify', at(run, 10), { severity: 'general' });
    expect(run.state.penalty.generation).toBe(0);
    run.tick(at(run, 100) + 1);
    expect(posts(run.log)[0].key).toBe(`${WF}:accrual:g0:p1`);
  });

  // Accruals queued but not yet posted when the breach is withdrawn are corrected too.
  it('accruals still queued when the breach is withdrawn are corrected too', () => {
    const run = start({ settleLedger: false });
    const e = run.step('reclassify', at(run, 25), { severity: 'general' });
    expect(posts(e)).toHaveLength(3); // g0 p1..3, posted by the advance before the step
    run.settleLedger();
    const live = run.state.penalty.postings.filter((p) => p.kind === 'accrual' && !p.cancelled);
    expect(live).toEqual([]);
  });
});
