import { closeWithReport, emptyEffects, HISTORY_LIMIT, isTerminal, nextWakeAt, type ClockKey } from '../../../src/domain/ladder';
import { expectContiguous, makePolicy, Run, runAtStage, sec, SEC, targets, WF } from './helpers';

const at = (run: Run, s: number): number => run.t0 + s * SEC;

describe('breaches', () => {
  it('nothing happens one millisecond before a due instant', () => {
    const run = new Run();
    const e = run.tick(at(run, 60) - 1);
    expect(e).toEqual(emptyEffects());
    expect(run.clock('triage.respondWithin').status).toBe('running');
  });

  it('a deadline is breached exactly at its due instant: settledAt = dueAt, marginMs = dueAt - now = 0', () => {
    const run = new Run();
    const due = at(run, 60);
    const e = run.tick(due);
    expect(run.clock('triage.respondWithin')).toMatchObject({ status: 'breached', dueAt: due, settledAt: due, marginMs: 0 });
    expect(run.state.breachCount).toBe(1);
    expect(e.events).toEqual([
      {
        seq: 3,
        kind: 'breach',
        at: due,
        actor: undefined,
        data: {
          clock: 'triage.respondWithin',
          rung: 'triage',
          target: { amount: 60, unit: 'seconds', anchor: 'report' },
          dueAt: due,
          detectedAt: due,
        },
      },
    ]);
    expect(e.notifications).toEqual([
      {
        key: `${WF}:notify:3`,
        kind: 'breach',
        data: { clock: 'triage.respondWithin', rung: 'triage', dueAt: due, target: { amount: 60, unit: 'seconds', anchor: 'report' } },
      },
    ]);
    // A triage breach does not open a rung.
    expect(run.state.rung).toBe('triage');
    expect(run.state.stage).toBe('triage');
  });

  it('a breach detected late is dated at the due instant; marginMs is how late it was detected (negative)', () => {
    const run = new Run();
    const due = at(run, 60);
    const e = run.tick(due + 4_321);
    expect(run.clock('triage.respondWithin')).toMatchObject({ status: 'breached', settledAt: due, marginMs: -4_321 });
    expect(e.events[0]).toMatchObject({ kind: 'breach', at: due, data: { dueAt: due, detectedAt: due + 4_321 } });
  });

  it('a step at exactly the due instant comes too late (advance runs first), and the late step does not un-breach', () => {
    const run = new Run();
    const due = at(run, 60);
    const e = run.step('acknowledge', due);
    expect(e.events.map((x) => x.kind)).toEqual(['breach', 'step:acknowledge', 'rung_opened']);
    expect(run.clock('triage.respondWithin')).toMatchObject({ status: 'breached', settledAt: due, marginMs: 0 });
    expect(run.events('target_met')).toEqual([]);
    expect(run.state.stage).toBe('remote');
    expect(run.state.breachCount).toBe(1);
    // And later ticks do not touch it again.
    run.tick(at(run, 100));
    expect(run.clock('triage.respondWithin').status).toBe('breached');
    expect(run.state.breachCount).toBe(1);
  });

  it('a target met in time records the positive margin and a target_met event', () => {
    const run = new Run();
    const e = run.step('acknowledge', at(run, 45));
    expect(run.clock('triage.respondWithin')).toMatchObject({
      status: 'met',
      settledAt: at(run, 45),
      marginMs: 15 * SEC,
      dueAt: at(run, 60),
    });
    expect(e.events.find((x) => x.kind === 'target_met')).toMatchObject({
      at: at(run, 45),
      data: { clock: 'triage.respondWithin', dueAt: at(run, 60), marginMs: 15 * SEC },
    });
    expect(e.notifications.filter((n) => n.kind === 'breach')).toEqual([]);
    expect(run.state.breachCount).toBe(0);
  });

  it('one millisecond before the due instant is still in time (margin 1 ms)', () => {
    const run = new Run();
    run.step('acknowledge', at(run, 60) - 1);
    expect(run.clock('triage.respondWithin')).toMatchObject({ status: 'met', marginMs: 1 });
  });

  it('processes everything that fell due in due order, each breach with its own notification key', () => {
    // Period of a day so the accruals stay few.
    const run = new Run({ terms: { period: { amount: 1, unit: 'days' } } });
    run.tick(at(run, 2000));
    const kinds = run.log.events
      .slice(2)
      .map((e) => [e.kind, e.data.clock ?? e.data.rung ?? `p${e.data.periodIndex}`, (e.at - run.t0) / SEC]);
    expect(kinds).toEqual([
      ['breach', 'triage.respondWithin', 60],
      ['trigger_fired', 'spare.triggerAfter', 900],
      ['rung_opened', 'spare', 900],
      ['trigger_fired', 'expert.triggerAfter', 1200], // same instant as spare.deliverWithin: keys break the tie
      ['rung_opened', 'expert', 1200],
      ['breach', 'spare.deliverWithin', 1200],
      ['breach', 'expert.conveneWithin', 1500],
      ['breach', 'penalty.restoreWithin', 1800],
      ['rung_opened', 'penalty', 1800],
      ['penalty_period_due', 'p1', 1800], // 1-day periods from t0: only period 1 has started
    ]);
    expect(run.state.breachCount).toBe(4);
    expect(run.state.rung).toBe('penalty');
    const keys = run.log.notifications.map((n) => n.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(run.log.notifications.filter((n) => n.kind === 'breach')).toHaveLength(4);
    expect(run.log.notifications.filter((n) => n.kind === 'escalation').map((n) => n.data.rung)).toEqual(['spare', 'expert', 'penalty']);
    for (const n of run.log.notifications) {
      const ev = run.log.events.find((e) => `${WF}:notify:${e.seq}` === n.key);
      expect(ev).toBeDefined();
    }
    expectContiguous(run.log.events, run.state.seq);
    // Timeline instants never go backwards when everything is detected by a single late advance.
    const ats = run.log.events.map((e) => e.at);
    expect([...ats].sort((a, b) => a - b)).toEqual(ats);
  });

  it('breachCount always equals the number of breached clocks', () => {
    const run = new Run({ terms: { period: { amount: 1, unit: 'days' } } });
    for (const s of [59, 60, 900, 1200, 1500, 1800, 5000]) {
      run.tick(at(run, s));
      const breached = Object.values(run.state.clocks).filter((c) => c!.status === 'breached').length;
      expect(run.state.breachCount).toBe(breached);
    }
  });
});

describe('triage and remote diagnosis', () => {
  it('acknowledge meets triage, assigns the engineer, opens the remote rung with an escalation notification', () => {
    const run = new Run();
    const e = run.step('acknowledge', at(run, 10));
    expect(run.state).toMatchObject({ stage: 'remote', rung: 'remote', assignees: ['eng:li.na'] });
    expect(run.state.rungsOpenedAt.remote).toBe(at(run, 10));
    // startWithin counts from the report by default.
    expect(run.clock('remote.startWithin')).toMatchObject({
      anchorAt: run.t0,
      openedAt: at(run, 10),
      dueAt: at(run, 300),
      status: 'running',
    });
    expect(e.events.map((x) => x.kind)).toEqual(['step:acknowledge', 'target_met', 'rung_opened']);
    expect(e.events[2].data).toEqual({
      rung: 'remote',
      cause: 'call acknowledged',
      clocks: [{ key: 'remote.startWithin', dueAt: at(run, 300) }],
    });
    expect(e.notifications).toEqual([
      { key: `${WF}:notify:${e.events[2].seq}`, kind: 'escalation', data: { rung: 'remote', cause: 'call acknowledged', at: at(run, 10) } },
    ]);
    expect(nextWakeAt(run.ctx, run.state)).toBe(at(run, 300));
  });

  it('the step event carries the payload without the actor', () => {
    const run = new Run();
    const e = run.step('acknowledge', at(run, 10), { note: 'called back' });
    expect(e.events[0]).toMatchObject({ kind: 'step:acknowledge', actor: 'eng:li.na', data: { note: 'called back' } });
    expect(e.events[0].data).not.toHaveProperty('actor');
  });

  it('remoteSession meets startWithin and opens resolveWithin (report anchor: t0 + 600 s)', () => {
    const { run } = runAtStage('diagnosing');
    expect(run.clock('remote.startWithin')).toMatchObject({ status: 'met', marginMs: 280 * SEC });
    expect(run.clock('remote.resolveWithin')).toMatchObject({
      status: 'running',
      anchorAt: run.t0,
      openedAt: at(run, 10),
      dueAt: at(run, 600),
    });
  });

  it('a rungStart anchor on resolveWithin counts from the remote rung opening (the acknowledge)', () => {
    const policy = makePolicy({ urgent: targets({ remote: { resolveWithin: sec(600, 'rungStart') } }), general: targets({}, 2) });
    const { run } = runAtStage('diagnosing', { policy });
    expect(run.clock('remote.resolveWithin')).toMatchObject({ anchorAt: at(run, 10), dueAt: at(run, 610) });
  });

  it('remote.resolveWithin breached while diagnosing escalates to dispatch and opens onsite at the breach instant', () => {
    const run = new Run();
    run.step('acknowledge', at(run, 10));
    run.step('remoteSession', at(run, 20));
    const e = run.tick(at(run, 650));
    expect(run.clock('remote.resolveWithin')).toMatchObject({ status: 'breached', settledAt: at(run, 600), marginMs: -50 * SEC });
    expect(run.state).toMatchObject({ stage: 'dispatch', rung: 'onsite', breachCount: 1 });
    expect(run.state.rungsOpenedAt.onsite).toBe(at(run, 600));
    expect(run.clock('onsite.arriveWithin')).toMatchObject({ anchorAt: at(run, 600), openedAt: at(run, 600), dueAt: at(run, 900) });
    expect(e.events.map((x) => x.kind)).toEqual(['breach', 'rung_opened']);
    expect(e.notifications.map((n) => [n.kind, n.data.rung, n.data.cause])).toEqual([
      ['breach', 'remote', undefined],
      ['escalation', 'onsite', 'remote.resolveWithin breached'],
    ]);
    // The diagnosis can no longer be given; dispatch is next.
    expect(run.attempt('diagnosis', { actor: 'a', outcome: 'needs_onsite' }, at(run, 660)).refused).toMatch(/needs stage diagnosing/);
    run.step('dispatch', at(run, 670));
  });

  it('diagnosis needs_onsite stops resolveWithin and opens onsite anchored at the decision', () => {
    const { run } = runAtStage('diagnosing');
    const e = run.step('diagnosis', at(run, 100), { outcome: 'needs_onsite' });
    expect(run.clock('remote.resolveWithin')).toMatchObject({ status: 'stopped', settledAt: at(run, 100) });
    expect(run.clock('remote.resolveWithin').marginMs).toBeUndefined();
    expect(run.state).toMatchObject({ stage: 'dispatch', rung: 'onsite' });
    expect(run.clock('onsite.arriveWithin')).toMatchObject({ anchorAt: at(run, 100), openedAt: at(run, 100), dueAt: at(run, 400) });
    expect(e.notifications.map((n) => [n.kind, n.data.cause])).toEqual([['escalation', 'diagnosis: needs on-site']]);
    // The stopped clock never breaches.
    run.tick(at(run, 399));
    expect(run.clock('remote.resolveWithin').status).toBe('stopped');
    expect(run.state.breachCount).toBe(0);
  });

  it('diagnosis resolved_remotely meets resolveWithin and restores with the resolution', () => {
    const { run } = runAtStage('diagnosing');
    const e = run.step('diagnosis', at(run, 100), { outcome: 'resolved_remotely', cause: 'config', method: 'rolled back' });
    expect(run.clock('remote.resolveWithin')).toMatchObject({ status: 'met', marginMs: 500 * SEC });
    expect(run.state).toMatchObject({
      status: 'restored',
      stage: 'restored',
      restoredAt: at(run, 100),
      resolution: { cause: 'config', method: 'rolled back' },
    });
    expect(run.state.rungsOpenedAt.onsite).toBeUndefined();
    expect(e.events.map((x) => x.kind)).toEqual(['step:diagnosis', 'target_met', 'target_met', 'restored']);
  });

  it('dispatch assigns the engineer once; arrive meets onsite.arriveWithin', () => {
    const { run } = runAtStage('dispatch');
    run.step('dispatch', at(run, 40), { engineer: 'eng:li.na' });
    expect(run.state.assignees).toEqual(['eng:li.na']);
    expect(run.state.stage).toBe('en_route');
    run.step('arrive', at(run, 100));
    // onsite opened at the needs_onsite decision (t0+30 s): due t0+330 s.
    expect(run.clock('onsite.arriveWithin')).toMatchObject({ status: 'met', marginMs: 230 * SEC });
    expect(run.state.stage).toBe('onsite');
  });

  it('a late arrival stays breached', () => {
    const { run } = runAtStage('en_route');
    run.step('arrive', at(run, 400));
    expect(run.clock('onsite.arriveWithin')).toMatchObject({ status: 'breached', settledAt: at(run, 330) });
    expect(run.state.stage).toBe('onsite');
  });
});

describe('spare unit and expert triggers', () => {
  it('the spare trigger fires at its instant, opens the spare rung and the deliver clock anchored at the trigger', () => {
    const { run } = runAtStage('onsite');
    const e = run.tick(at(run, 950));
    expect(run.clock('spare.triggerAfter')).toMatchObject({ status: 'fired', settledAt: at(run, 900) });
    expect(run.clock('spare.triggerAfter').marginMs).toBeUndefined();
    expect(run.state.rung).toBe('spare');
    expect(run.state.rungsOpenedAt.spare).toBe(at(run, 900));
    expect(run.clock('spare.deliverWithin')).toMatchObject({
      status: 'running',
      anchorAt: at(run, 900),
      openedAt: at(run, 900),
      dueAt: at(run, 1200),
    });
    expect(e.events.map((x) => [x.kind, x.at])).toEqual([
      ['trigger_fired', at(run, 900)],
      ['rung_opened', at(run, 900)],
    ]);
    expect(e.events[1].data).toEqual({
      rung: 'spare',
      cause: 'not restored by spare.triggerAfter',
      clocks: [{ key: 'spare.deliverWithin', dueAt: at(run, 1200) }],
    });
    expect(e.notifications).toEqual([
      {
        key: `${WF}:notify:${e.events[1].seq}`,
        kind: 'escalation',
        data: { rung: 'spare', cause: 'not restored by spare.triggerAfter', at: at(run, 900) },
      },
    ]);
    // A trigger firing is not a breach.
    expect(run.state.breachCount).toBe(0);
    run.step('spare', at(run, 1100), { unitId: 'SP-1' });
    expect(run.clock('spare.deliverWithin')).toMatchObject({ status: 'met', marginMs: 100 * SEC });
    expect(run.state.spareUnitId).toBe('SP-1');
  });

  it('a report-anchored deliverWithin counts from t0, not from the trigger', () => {
    const policy = makePolicy({ urgent: targets({ spare: { deliverWithin: sec(1000, 'report') } }), general: targets({}, 2) });
    const run = new Run({ policy });
    run.tick(at(run, 900));
    expect(run.clock('spare.deliverWithin')).toMatchObject({ anchorAt: run.t0, openedAt: at(run, 900), dueAt: at(run, 1000) });
  });

  it('the expert trigger fires at its instant and opens the convene clock anchored at the trigger', () => {
    const { run } = runAtStage('onsite');
    run.tick(at(run, 1250));
    expect(run.clock('expert.triggerAfter')).toMatchObject({ status: 'fired', settledAt: at(run, 1200) });
    expect(run.state.rung).toBe('expert');
    expect(run.clock('expert.conveneWithin')).toMatchObject({ anchorAt: at(run, 1200), dueAt: at(run, 1500), status: 'running' });
    run.step('experts', at(run, 1400));
    expect(run.clock('expert.conveneWithin')).toMatchObject({ status: 'met', marginMs: 100 * SEC });
    expect(run.state.experts).toEqual(['expert:sun', 'expert:zhou']);
  });

  it('a trigger detected late still fires at its own instant and its rung counts from then', () => {
    const run = new Run();
    run.step('acknowledge', at(run, 10));
    run.tick(at(run, 1100));
    expect(run.clock('spare.triggerAfter').settledAt).toBe(at(run, 900));
    expect(run.clock('spare.deliverWithin')).toMatchObject({ anchorAt: at(run, 900), dueAt: at(run, 1200), status: 'running' });
  });

  it('a flagged major problem opens the expert rung early and stops the expert trigger', () => {
    const { run } = runAtStage('onsite');
    const e = run.step('majorProblem', at(run, 100));
    expect(run.state).toMatchObject({ majorProblem: true, rung: 'expert' });
    expect(run.state.rungsOpenedAt.expert).toBe(at(run, 100));
    expect(run.clock('expert.triggerAfter')).toMatchObject({ status: 'stopped', settledAt: at(run, 100) });
    expect(run.clock('expert.conveneWithin')).toMatchObject({ anchorAt: at(run, 100), dueAt: at(run, 400) });
    expect(e.notifications.map((n) => [n.kind, n.data.rung, n.data.cause])).toEqual([
      ['escalation', 'expert', 'major technical problem flagged'],
    ]);
    run.step('experts', at(run, 350));
    expect(run.clock('expert.conveneWithin')).toMatchObject({ status: 'met', marginMs: 50 * SEC });
    // The stopped trigger never fires.
    run.tick(at(run, 1300));
    expect(run.clock('expert.triggerAfter').status).toBe('stopped');
    expect(run.events('trigger_fired').map((x) => x.data.clock)).toEqual(['spare.triggerAfter']);
  });

  it('the rung is the highest opened: a lower rung opening later does not move it down', () => {
    const { run } = runAtStage('onsite');
    run.step('majorProblem', at(run, 100));
    run.tick(at(run, 900));
    expect(run.state.rungsOpenedAt.spare).toBe(at(run, 900));
    expect(run.state.rung).toBe('expert');
  });

  // Regression: a late delivery leaves the clock 'breached'; the step must still be refused once done.
  it('a spare delivered late cannot be delivered a second time', () => {
    const { run } = runAtStage('onsite');
    run.tick(at(run, 1300)); // trigger 900, deliverWithin breached at 1200
    run.step('spare', at(run, 1310), { unitId: 'SP-A' });
    const second = run.attempt('spare', { actor: 'eng:x', unitId: 'SP-B' }, at(run, 1320));
    expect(second.refused).toBe('spare unit SP-A was already delivered');
    expect(run.state.spareUnitId).toBe('SP-A');
  });

  // Regression: same for a late convening.
  it('experts convened late cannot be convened a second time', () => {
    const { run } = runAtStage('onsite');
    run.step('majorProblem', at(run, 100));
    run.step('experts', at(run, 500), { experts: ['expert:sun'] }); // due 400: late
    const second = run.attempt('experts', { actor: 'lead', experts: ['expert:other'] }, at(run, 510));
    expect(second.refused).toBe('experts were already convened');
    expect(run.state.experts).toEqual(['expert:sun']);
  });

  it('a missed convene deadline is a breach on the expert rung', () => {
    const { run } = runAtStage('onsite');
    run.step('majorProblem', at(run, 100));
    const e = run.tick(at(run, 400));
    expect(e.notifications).toEqual([
      expect.objectContaining({ kind: 'breach', data: expect.objectContaining({ clock: 'expert.conveneWithin', rung: 'expert' }) }),
    ]);
  });
});

describe('restore, sign-off and close', () => {
  it('restore meets the restore commitment, stops every other running clock and opens the sign-off', () => {
    const { run } = runAtStage('onsite');
    run.tick(at(run, 950)); // spare rung open
    const e = run.step('restore', at(run, 1000), { cause: 'PSU', method: 'swap' });
    expect(run.clock('penalty.restoreWithin')).toMatchObject({ status: 'met', settledAt: at(run, 1000), marginMs: 800 * SEC });
    for (const key of ['spare.deliverWithin', 'expert.triggerAfter'] as ClockKey[]) {
      expect(run.clock(key)).toMatchObject({ status: 'stopped', settledAt: at(run, 1000) });
    }
    expect(run.clock('spare.triggerAfter').status).toBe('fired');
    expect(run.state).toMatchObject({
      status: 'restored',
      stage: 'restored',
      restoredAt: at(run, 1000),
      resolution: { cause: 'PSU', method: 'swap' },
      penalty: { breachedAt: null },
    });
    expect(run.clock('signOff.within')).toMatchObject({
      rung: 'signOff',
      status: 'running',
      anchorAt: at(run, 1000),
      dueAt: at(run, 1300),
    });
    expect(e.events.map((x) => x.kind)).toEqual(['step:restore', 'target_met', 'restored']);
    expect(e.events[2]).toMatchObject({ actor: 'eng:wang.fang', data: { cause: 'PSU', method: 'swap' } });
    expect(nextWakeAt(run.ctx, run.state)).toBe(at(run, 1300));
    // Nothing else ever fires.
    run.tick(at(run, 1299));
    expect(run.events('trigger_fired')).toHaveLength(1);
  });

  it('restore is allowed from remote, diagnosing, dispatch and en_route too', () => {
    for (const stage of ['remote', 'diagnosing', 'dispatch', 'en_route'] as const) {
      const { run, at: last } = runAtStage(stage);
      run.step('restore', last + SEC);
      expect(run.state.status).toBe('restored');
    }
  });

  it('sign-off closes the stage and opens the fault report; closeWithReport closes the incident', () => {
    const { run } = runAtStage('restored');
    run.step('signOff', at(run, 100), { signer: 'customer:liu' });
    expect(run.clock('signOff.within')).toMatchObject({ status: 'met', marginMs: 260 * SEC });
    expect(run.state).toMatchObject({ stage: 'closed', status: 'restored', signedOffBy: 'customer:liu' });
    expect(run.clock('faultReport.deliverWithin')).toMatchObject({
      rung: 'faultReport',
      anchorAt: at(run, 100),
      dueAt: at(run, 400),
      status: 'running',
    });
    expect(isTerminal(run.state)).toBe(false);

    const e = emptyEffects();
    closeWithReport(run.ctx, run.state, e, at(run, 110));
    expect(run.clock('faultReport.deliverWithin')).toMatchObject({ status: 'met', marginMs: 290 * SEC });
    expect(run.state).toMatchObject({ status: 'closed', stage: 'closed', closedAt: at(run, 110) });
    expect(e.events.map((x) => x.kind)).toEqual(['target_met', 'closed']);
    expect(e.events[1].data).toEqual({ signedOffBy: 'customer:liu' });
    expect(e.notifications).toEqual([{ key: `${WF}:notify:${e.events[1].seq}`, kind: 'closed', data: { status: 'closed' } }]);
    expect(isTerminal(run.state)).toBe(true);
    expect(nextWakeAt(run.ctx, run.state)).toBeNull();
    const seq = run.state.seq;
    expect(run.tick(at(run, 100_000))).toEqual(emptyEffects());
    expect(run.state.seq).toBe(seq);
  });

  it('a late sign-off stays breached', () => {
    const { run } = runAtStage('restored');
    run.step('signOff', at(run, 500));
    expect(run.clock('signOff.within')).toMatchObject({ status: 'breached', settledAt: at(run, 360) });
    expect(run.state.stage).toBe('closed');
  });

  it('the whole happy path: every target met, no breach, contiguous seq, one step event per step', () => {
    const { run } = runAtStage('closed');
    closeWithReport(run.ctx, run.state, run.log, at(run, 80));
    expect(run.state.breachCount).toBe(0);
    expect(run.log.notifications.filter((n) => n.kind === 'breach')).toEqual([]);
    const statuses = Object.fromEntries(Object.values(run.state.clocks).map((c) => [c!.key, c!.status]));
    expect(statuses).toEqual({
      'triage.respondWithin': 'met',
      'remote.startWithin': 'met',
      'remote.resolveWithin': 'stopped', // needs_onsite
      'onsite.arriveWithin': 'met',
      'spare.triggerAfter': 'stopped',
      'expert.triggerAfter': 'stopped',
      'penalty.restoreWithin': 'met',
      'signOff.within': 'met',
      'faultReport.deliverWithin': 'met',
    });
    expect(run.log.events.filter((e) => e.kind.startsWith('step:')).map((e) => e.kind)).toEqual([
      'step:acknowledge',
      'step:remoteSession',
      'step:diagnosis',
      'step:dispatch',
      'step:arrive',
      'step:restore',
      'step:signOff',
    ]);
    expect(run.log.events[0].kind).toBe('reported');
    expect(run.log.events[run.log.events.length - 1].kind).toBe('closed');
    expect(run.log.ledger).toEqual([]);
    expectContiguous(run.log.events, run.state.seq);
  });
});

describe('exclude and cancel', () => {
  it.each(['exclude', 'cancel'] as const)('%s stops every clock, reverses accruals and ends the incident', (step) => {
    const { run } = runAtStage('onsite');
    const e = run.step(step, at(run, 100), { reason: 'customer UPS' });
    const status = step === 'exclude' ? 'excluded' : 'cancelled';
    expect(run.state).toMatchObject({ status, stage: 'closed', closedAt: at(run, 100), closeReason: 'customer UPS' });
    expect(Object.values(run.state.clocks).filter((c) => c!.status === 'running')).toEqual([]);
    expect(e.ledger).toEqual([{ type: 'cancelAll', kind: 'reversal', reason: `${status}: customer UPS` }]);
    expect(e.events.map((x) => x.kind)).toEqual([`step:${step}`, status]);
    expect(e.events[1].data).toEqual({ reason: 'customer UPS' });
    expect(e.notifications).toEqual([{ key: `${WF}:notify:${e.events[1].seq}`, kind: 'closed', data: { status, reason: 'customer UPS' } }]);
    expect(isTerminal(run.state)).toBe(true);
    expect(nextWakeAt(run.ctx, run.state)).toBeNull();
    expect(run.tick(at(run, 100_000))).toEqual(emptyEffects());
  });

  it('ending a paused incident closes its open pause', () => {
    const { run } = runAtStage('onsite');
    run.step('pause', at(run, 100));
    run.step('cancel', at(run, 150));
    expect(run.state.pauses).toEqual([expect.objectContaining({ from: at(run, 100), to: at(run, 150) })]);
    expect(run.state.status).toBe('cancelled');
  });

  it('a restored incident can still be excluded', () => {
    const { run } = runAtStage('restored');
    run.step('exclude', at(run, 100));
    expect(run.state.status).toBe('excluded');
    expect(run.clock('signOff.within').status).toBe('stopped');
  });
});

describe('timeline bookkeeping', () => {
  it(`keeps at most ${HISTORY_LIMIT} events in history while seq keeps counting`, () => {
    const run = new Run({ policy: makePolicy({ urgent: targets({}, 10), general: targets({}, 20) }) });
    for (let i = 0; i < 150; i++) {
      run.step('pause', at(run, 10 + 2 * i));
      run.step('resume', at(run, 11 + 2 * i));
    }
    expect(run.state.seq).toBe(302);
    expect(run.state.history).toHaveLength(HISTORY_LIMIT);
    expect(run.state.history[0].seq).toBe(103);
    expect(run.state.history[HISTORY_LIMIT - 1].seq).toBe(302);
    expectContiguous(run.log.events, run.state.seq);
  });
});
