/**
 * The effect driver with plain-function ports: the order the ladder depends on (ledger answers enter
 * the state before the read model is written; notifications only after), and nothing left behind.
 */
import {
  advance,
  applyStep,
  EffectDriver,
  emptyEffects,
  initialState,
  LadderContext,
  type EffectPorts,
  type LedgerPostingRequest,
  type Notification,
  type TimelineWrite,
} from '../../../src/domain/ladder';
import { makeInput, payloadFor, SEC, T0, WF } from './helpers';

interface Call {
  port: 'ledger' | 'timeline' | 'notify';
  request?: LedgerPostingRequest;
  write?: TimelineWrite;
  notification?: Notification;
}

function setup(options: { capLeft?: string } = {}) {
  const ctx = new LadderContext(makeInput({ terms: { period: { amount: 10, unit: 'seconds' }, countFrom: 'breach' } }), WF);
  const { state, effects: initial } = initialState(ctx);
  const effects = emptyEffects();
  effects.events.push(...initial.events);
  const calls: Call[] = [];
  let capLeft = options.capLeft === undefined ? Infinity : Number(options.capLeft);
  let now = T0;
  const ports: EffectPorts = {
    postLedgerEntry: async (request) => {
      calls.push({ port: 'ledger', request });
      const amount = Number(request.amount);
      const allowed = request.kind === 'accrual' ? Math.min(amount, capLeft) : amount;
      if (request.kind === 'accrual') capLeft -= allowed;
      return { amount: allowed.toFixed(2), capApplied: allowed < amount, written: allowed !== 0 };
    },
    persistTimeline: async (write) => {
      calls.push({ port: 'timeline', write });
    },
    notify: (notification) => calls.push({ port: 'notify', notification }),
    now: () => now,
  };
  const driver = new EffectDriver(ctx, state, effects, ports, { workflowId: WF, runId: 'run-1' });
  return { ctx, state, effects, calls, driver, setNow: (t: number) => (now = t) };
}

describe('EffectDriver', () => {
  it('writes the initial events and moves persistedSeq to the last one', async () => {
    const { state, calls, driver } = setup();
    await driver.flush();
    expect(calls.map((c) => c.port)).toEqual(['timeline']);
    expect(calls[0].write!.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(calls[0].write!.projection).toMatchObject({ seq: 2, status: 'open', stage: 'triage' });
    expect(state.persistedSeq).toBe(2);
  });

  it('posts the ledger before the timeline, and the capped answer is in the state the read model sees', async () => {
    const { ctx, state, effects, calls, driver, setNow } = setup({ capLeft: '3000.00' });
    await driver.flush();
    calls.length = 0;
    // Restore target 1800 s, periods from the breach: at 1825 s three 10-second periods are owed (2,500.00 each).
    const at = T0 + 1825 * SEC;
    setNow(at);
    advance(ctx, state, effects, at);
    await driver.flush();
    const ports = calls.map((c) => c.port);
    expect(ports.slice(0, 3)).toEqual(['ledger', 'ledger', 'ledger']);
    expect(ports[3]).toBe('timeline');
    // Every breach and escalation up to now (triage, spare, expert, restore), only after the write.
    expect(new Set(ports.slice(4))).toEqual(new Set(['notify']));
    expect(calls.slice(4).map((c) => c.notification!.data.clock ?? c.notification!.data.rung)).toContain('penalty.restoreWithin');
    expect(state.penalty.postings.map((p) => [p.periodIndex, p.amount, p.capApplied, p.written])).toEqual([
      [1, '2500.00', false, true],
      [2, '500.00', true, true],
      [3, '0.00', true, false],
    ]);
    const view = calls[3].write!.projection.view;
    expect(view.penalty.postings.map((p) => p.amount)).toEqual(['2500.00', '500.00', '0.00']);
    expect(state.persistedSeq).toBe(state.seq);
  });

  it('reversals cancel exactly the written accruals, once, and keys derive from the accrual', async () => {
    const { ctx, state, effects, calls, driver, setNow } = setup();
    const at = T0 + 1815 * SEC;
    setNow(at);
    advance(ctx, state, effects, at);
    await driver.flush();
    calls.length = 0;
    applyStep(ctx, state, effects, 'exclude', payloadFor('exclude'), at + SEC);
    await driver.flush();
    const requests = calls.filter((c) => c.port === 'ledger').map((c) => c.request!);
    expect(requests.map((r) => [r.kind, r.amount, r.key])).toEqual([
      ['reversal', '-2500.00', `${WF}:accrual:g0:p1:reversal`],
      ['reversal', '-2500.00', `${WF}:accrual:g0:p2:reversal`],
    ]);
    expect(state.penalty.postings.filter((p) => p.kind === 'accrual').every((p) => p.cancelled)).toBe(true);
    // A second flush has nothing left to do.
    calls.length = 0;
    await driver.flush();
    expect(calls).toEqual([]);
  });

  it('drains effects queued while it waited on a port', async () => {
    const { ctx, state, effects, calls, driver } = setup();
    const slow = driver as unknown as { ports: EffectPorts };
    const persist = slow.ports.persistTimeline;
    let injected = false;
    slow.ports.persistTimeline = async (write) => {
      if (!injected) {
        injected = true;
        // An update handler runs while the first write is in flight.
        applyStep(ctx, state, effects, 'acknowledge', payloadFor('acknowledge'), T0 + 5 * SEC);
      }
      return persist(write);
    };
    await driver.flush();
    const writes = calls.filter((c) => c.port === 'timeline').map((c) => c.write!);
    expect(writes).toHaveLength(2);
    expect(writes[1].events.map((e) => e.kind)).toEqual(['step:acknowledge', 'target_met', 'rung_opened']);
    expect(state.persistedSeq).toBe(state.seq);
  });
});
