/**
 * Only the rungs the letter promises (DESIGN §8): a rung absent from the severity class never
 * opens and never breaches, and the stage rules go on without it:
 * - no remote rung, an on-site one: acknowledging sends the call straight to dispatch;
 * - neither: acknowledging leaves the engineer working remotely (restore whenever it is fixed);
 * - no on-site rung: a missed remote fix does not dispatch on its own;
 * - no spare, expert or penalty rung: no trigger fires, nothing accrues.
 */
import { nextWakeAt } from '../../../src/domain/ladder';
import type { SeverityTargets } from '../../../src/domain/policy/policy';
import { makePolicy, Run, sec, SEC, targets } from './helpers';

const without = (...rungs: Array<keyof SeverityTargets>): SeverityTargets => {
  const t = targets();
  for (const rung of rungs) delete t[rung];
  return t;
};
const run = (t: SeverityTargets, general: SeverityTargets = targets()) => new Run({ policy: makePolicy({ urgent: t, general }) });
const at = (r: Run, s: number) => r.t0 + s * SEC;
const kinds = (r: Run) => r.state.history.map((e) => e.kind);

describe('rungs the letter does not promise', () => {
  it('no remote rung: acknowledging opens on site at once, and no remote clock ever runs', () => {
    const r = run(without('remote'));
    r.step('acknowledge', at(r, 10));
    expect(r.state.stage).toBe('dispatch');
    expect(r.state.rungsOpenedAt).toEqual({ triage: r.t0, onsite: at(r, 10) });
    expect(r.state.clocks['remote.startWithin']).toBeUndefined();
    expect(r.state.clocks['onsite.arriveWithin']).toMatchObject({ status: 'running', dueAt: at(r, 310) });
    expect(r.attempt('remoteSession', { actor: 'eng' }, at(r, 20)).refused).toMatch(/needs stage remote/);
    r.step('dispatch', at(r, 20));
    r.step('arrive', at(r, 100));
    expect(r.clock('onsite.arriveWithin').status).toBe('met');
  });

  it('neither remote nor on site: the engineer works remotely and restores; nothing dispatches on its own', () => {
    const r = run(without('remote', 'onsite'));
    r.step('acknowledge', at(r, 10));
    expect(r.state.stage).toBe('remote');
    r.step('remoteSession', at(r, 20));
    r.tick(at(r, 5000));
    expect(r.state.stage).toBe('diagnosing');
    expect(r.state.rungsOpenedAt.onsite).toBeUndefined();
    r.step('restore', at(r, 5001));
    expect(r.state.status).toBe('restored');
  });

  it('no on-site rung: a missed remote fix is a breach, and the stage waits for the engineer', () => {
    const r = run(without('onsite'));
    r.step('acknowledge', at(r, 10));
    r.step('remoteSession', at(r, 20));
    r.tick(at(r, 600));
    expect(r.clock('remote.resolveWithin').status).toBe('breached');
    expect(r.state.stage).toBe('diagnosing');
    expect(r.state.rungsOpenedAt.onsite).toBeUndefined();
    r.step('diagnosis', at(r, 700), { outcome: 'needs_onsite' });
    expect(r.state.stage).toBe('dispatch');
    expect(r.state.clocks['onsite.arriveWithin']).toBeUndefined();
  });

  it('no spare, expert or penalty rung: after days nothing fired, breached or accrued, and the spare step is refused', () => {
    const r = run({ triage: { respondWithin: sec(60) } });
    r.step('acknowledge', at(r, 10));
    r.tick(at(r, 10 * 86_400));
    expect(r.state.breachCount).toBe(0);
    expect(Object.keys(r.state.clocks)).toEqual(['triage.respondWithin']);
    expect(kinds(r)).not.toContain('trigger_fired');
    expect(kinds(r)).not.toContain('penalty_period_due');
    expect(r.state.penalty.postings).toEqual([]);
    expect(r.attempt('spare', { actor: 'eng', unitId: 'SP-1' }, at(r, 10 * 86_400)).refused).toMatch(/spare unit rung has not opened/);
    expect(nextWakeAt(r.ctx, r.state)).toBeNull();
  });

  it('reclassified to a class without a rung: its clock ends and its breach is withdrawn', () => {
    const r = run(targets(), without('spare'));
    r.step('acknowledge', at(r, 10));
    r.tick(at(r, 1300)); // spare trigger (900) fired, spare delivery (1200) breached
    expect(r.clock('spare.deliverWithin').status).toBe('breached');
    const breaches = r.state.breachCount;
    r.step('reclassify', at(r, 1301), { severity: 'general' });
    expect(r.clock('spare.deliverWithin').status).toBe('stopped');
    expect(kinds(r)).toContain('breach_withdrawn');
    expect(r.state.breachCount).toBeLessThan(breaches);
  });

  it('reclassified to a class that promises a time-driven rung the old did not: it counts from the report', () => {
    const r = run(without('penalty'), targets());
    r.step('acknowledge', at(r, 10));
    r.tick(at(r, 100));
    expect(r.state.clocks['penalty.restoreWithin']).toBeUndefined();
    r.step('reclassify', at(r, 200), { severity: 'general' });
    expect(r.clock('penalty.restoreWithin')).toMatchObject({ status: 'running', anchorAt: r.t0 });
  });
});
