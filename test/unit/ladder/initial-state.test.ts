import { allowedSteps, initialState, isTerminal, LadderContext, nextAccrual, nextWakeAt, penaltyCap } from '../../../src/domain/ladder';
import { expectContiguous, makeInput, Run, SEC, T0, WF } from './helpers';

describe('initialState', () => {
  const ctx = new LadderContext(makeInput(), WF);
  const { state, effects } = initialState(ctx);

  it('starts open, in triage, on the triage rung, with nothing breached', () => {
    expect(state).toMatchObject({
      incidentId: 'inc-1',
      status: 'open',
      stage: 'triage',
      severity: 'urgent',
      rung: 'triage',
      rungsOpenedAt: { triage: T0 },
      pauses: [],
      breachCount: 0,
      majorProblem: false,
      assignees: [],
      penalty: { breachedAt: null, generation: 0, postings: [], periodsPosted: 0 },
      persistedSeq: 0,
    });
    expect(isTerminal(state)).toBe(false);
    expect(state.restoredAt).toBeUndefined();
    expect(state.closedAt).toBeUndefined();
  });

  it('opens exactly the triage deadline, both triggers and the restore commitment at t0', () => {
    expect(Object.keys(state.clocks).sort()).toEqual(
      ['expert.triggerAfter', 'penalty.restoreWithin', 'spare.triggerAfter', 'triage.respondWithin'].sort(),
    );
    for (const clock of Object.values(state.clocks)) {
      expect(clock).toMatchObject({ anchorAt: T0, openedAt: T0, status: 'running' });
      expect(clock!.settledAt).toBeUndefined();
      expect(clock!.marginMs).toBeUndefined();
    }
  });

  it('computes every due instant from the pinned policy (wall seconds from t0)', () => {
    expect(state.clocks['triage.respondWithin']).toMatchObject({ kind: 'deadline', rung: 'triage', dueAt: T0 + 60 * SEC });
    expect(state.clocks['spare.triggerAfter']).toMatchObject({ kind: 'trigger', rung: 'spare', dueAt: T0 + 900 * SEC });
    expect(state.clocks['expert.triggerAfter']).toMatchObject({ kind: 'trigger', rung: 'expert', dueAt: T0 + 1200 * SEC });
    expect(state.clocks['penalty.restoreWithin']).toMatchObject({ kind: 'deadline', rung: 'penalty', dueAt: T0 + 1800 * SEC });
    expect(state.clocks['triage.respondWithin']!.target).toEqual({ amount: 60, unit: 'seconds', anchor: 'report' });
  });

  it("emits one 'reported' and one 'rung_opened' event, seq 1 and 2, and no notification or ledger command", () => {
    expect(effects.events.map((e) => [e.seq, e.kind, e.at])).toEqual([
      [1, 'reported', T0],
      [2, 'rung_opened', T0],
    ]);
    expect(effects.events[0]).toMatchObject({
      actor: 'customer:liu',
      data: {
        severity: 'urgent',
        description: 'Core switch down',
        policy: { id: 'pol-1', version: 3 },
        calendarId: '24x7',
        contractId: 'con-1',
      },
    });
    expect(effects.events[1].data).toEqual({
      rung: 'triage',
      cause: undefined,
      clocks: [{ key: 'triage.respondWithin', dueAt: T0 + 60 * SEC }],
    });
    expect(effects.notifications).toEqual([]);
    expect(effects.ledger).toEqual([]);
    expect(state.seq).toBe(2);
    expect(state.history).toEqual(effects.events);
    expectContiguous(effects.events, state.seq);
  });

  it('wakes first at the triage deadline; no accrual is scheduled before a breach', () => {
    expect(nextWakeAt(ctx, state)).toBe(T0 + 60 * SEC);
    expect(nextAccrual(ctx, state)).toBeNull();
  });

  it('allows only the steps that fit a fresh incident', () => {
    expect(allowedSteps(state)).toEqual(['acknowledge', 'majorProblem', 'progressUpdate', 'pause', 'reclassify', 'exclude', 'cancel']);
  });

  it('derives the cap from the contract: 5 % of 1,000,000.00 CNY per contract', () => {
    expect(penaltyCap(ctx)).toEqual({ cap: '50000.00', scope: 'contract' });
    expect(penaltyCap(new LadderContext(makeInput({ terms: { capScope: 'incident', capFraction: '0.1' } }), WF))).toEqual({
      cap: '100000.00',
      scope: 'incident',
    });
  });

  it('is a pure function of the input: two calls give deep-equal results and share no objects', () => {
    const a = initialState(ctx);
    const b = initialState(ctx);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    a.state.clocks['triage.respondWithin']!.status = 'met';
    expect(b.state.clocks['triage.respondWithin']!.status).toBe('running');
  });

  it('reads targets of the incident severity: a general incident has the longer targets', () => {
    const run = new Run({ severity: 'general' });
    expect(run.state.severity).toBe('general');
    expect(run.clock('triage.respondWithin').dueAt).toBe(T0 + 120 * SEC);
    expect(run.clock('penalty.restoreWithin').dueAt).toBe(T0 + 3600 * SEC);
  });

  it('refuses to start on a severity the pinned policy does not define', () => {
    const bad = new LadderContext(makeInput({ severity: 'critical' }), WF);
    expect(() => initialState(bad)).toThrow(/severity critical is not in policy pol-1 v3/);
  });

  it('does not read the clock: the same input at another t0 shifts everything by the same amount', () => {
    const later = new Run({ reportedAt: T0 + 7 * 86_400_000 + 123 });
    const base = new Run();
    for (const key of Object.keys(base.state.clocks) as Array<keyof typeof base.state.clocks>) {
      expect(later.state.clocks[key]!.dueAt! - base.state.clocks[key]!.dueAt!).toBe(7 * 86_400_000 + 123);
    }
  });
});
