import fc from 'fast-check';
import {
  advance,
  allowedSteps,
  applyStep,
  closeWithReport,
  emptyEffects,
  isTerminal,
  nextWakeAt,
  payloadRefusal,
  refusal,
  stateRefusal,
  stepNames,
  type StepName,
  type StepPayloads,
  type IncidentState,
  RUNGS,
  buildView,
} from '../../../src/domain/ladder';
import { CALENDAR_5X8, makePolicy, MIN, Run, type RunOptions, sec, SEC, targets, type TargetOverrides } from './helpers';

const json = (v: unknown): string => JSON.stringify(v);

/** A scripted incident touching every mechanism: breaches, triggers, pause, reclassify, accrual, restore, close. */
function scripted(options: RunOptions = {}): Run {
  const run = new Run({ terms: { period: { amount: 30, unit: 'seconds' } }, ...options });
  const t = (s: number) => run.t0 + s * SEC;
  run.step('acknowledge', t(75)); // late
  run.step('remoteSession', t(200));
  run.step('pause', t(250), { reason: 'waiting_on_customer' });
  run.step('resume', t(400));
  run.tick(t(800)); // resolveWithin breached at 750 → dispatch
  run.step('dispatch', t(820));
  run.step('majorProblem', t(830));
  run.step('reclassify', t(900), { severity: 'general' });
  run.step('arrive', t(1000));
  run.tick(t(2500));
  run.step('experts', t(2600));
  run.tick(t(3900));
  run.step('restore', t(4000));
  run.step('signOff', t(4100));
  closeWithReport(run.ctx, run.state, run.log, t(4110));
  return run;
}

describe('determinism (what makes workflow replay safe)', () => {
  it('the same sequence twice yields deep-equal states and effects', () => {
    const a = scripted();
    const b = scripted();
    expect(json(a.state)).toBe(json(b.state));
    expect(json(a.log)).toBe(json(b.log));
    expect(a.state.status).toBe('closed');
    expect(a.state.breachCount).toBeGreaterThan(0);
    expect(a.log.ledger.length).toBeGreaterThan(0);
  });

  it('the same sequence on a 5×8 calendar twice yields deep-equal states', () => {
    expect(json(scripted({ calendar: CALENDAR_5X8 }).state)).toBe(json(scripted({ calendar: CALENDAR_5X8 }).state));
  });

  it('a state carried through JSON (continue-as-new, a validator probe) continues identically', () => {
    const a = new Run();
    const t = (s: number) => a.t0 + s * SEC;
    a.step('acknowledge', t(10));
    a.step('pause', t(20));
    const carried = JSON.parse(json(a.state)) as IncidentState;
    const steps: Array<[StepName, unknown, number]> = [
      ['resume', { actor: 'x' }, t(50)],
      ['remoteSession', { actor: 'x' }, t(60)],
      ['reclassify', { actor: 'x', severity: 'general' }, t(70)],
    ];
    const go = (state: IncidentState) => {
      const e = emptyEffects();
      for (const [step, payload, now] of steps) {
        advance(a.ctx, state, e, now);
        expect(refusal(a.ctx, state, step, payload as never)).toBeNull();
        applyStep(a.ctx, state, e, step, payload as never, now);
      }
      advance(a.ctx, state, e, t(5000));
      return e;
    };
    const e1 = go(a.state);
    const e2 = go(carried);
    expect(json(carried)).toBe(json(a.state));
    expect(json(e2)).toBe(json(e1));
  });

  it("advancing a validator's JSON probe leaves the real state untouched", () => {
    const run = new Run();
    const before = run.snapshot();
    const probe = JSON.parse(json(run.state)) as IncidentState;
    advance(run.ctx, probe, emptyEffects(), run.t0 + 10_000 * SEC);
    expect(probe.breachCount).toBeGreaterThan(0);
    expect(run.state).toEqual(before);
  });
});

// ---------------------------------------------------------------- property

type Command =
  | { kind: 'tick'; dt: number }
  | { kind: 'loop'; dt: number }
  | { kind: 'step'; step: StepName; variant: number; dt: number }
  /** The step the current stage expects (state-dependent, still deterministic): walks the ladder. */
  | { kind: 'next'; variant: number; dt: number };

const NEXT: Record<IncidentState['stage'], StepName> = {
  triage: 'acknowledge',
  remote: 'remoteSession',
  diagnosing: 'diagnosis',
  dispatch: 'dispatch',
  en_route: 'arrive',
  onsite: 'restore',
  restored: 'signOff',
  closed: 'signOff',
};

// Inherited keys ('constructor', …) are left out on purpose: see the it.failing in refusals.test.ts.
const SEVERITIES = ['urgent', 'general', 'critical', '', 'urgent'];

/** A payload for `step`: valid most of the time, sometimes refused for its content. */
function payloadOf(step: StepName, v: number): StepPayloads[StepName] {
  const actor = v % 11 === 0 ? ' ' : `eng:${v % 3}`;
  const note = v % 5 === 0 ? 'note' : undefined;
  switch (step) {
    case 'diagnosis':
      return v % 4 === 0
        ? { actor, note, outcome: 'resolved_remotely', cause: 'c', method: 'm' }
        : v % 4 === 1
          ? { actor, outcome: 'resolved_remotely', cause: 'c' }
          : { actor, outcome: 'needs_onsite' };
    case 'dispatch':
      return { actor, engineer: v % 7 === 0 ? '' : `eng:${v % 4}` };
    case 'spare':
      return { actor, unitId: v % 7 === 0 ? '' : `SP-${v}` };
    case 'experts':
      return { actor, experts: v % 7 === 0 ? [] : [`expert:${v % 3}`] };
    case 'restore':
      return { actor, cause: 'cause', method: v % 9 === 0 ? '' : 'method' };
    case 'signOff':
      return { actor, signer: v % 9 === 0 ? '' : 'customer:liu' };
    case 'pause':
      return { actor, note, reason: (['force_majeure', 'waiting_on_customer', 'lunch'] as const)[v % 3] as 'force_majeure' };
    case 'reclassify':
      return { actor, severity: SEVERITIES[v % SEVERITIES.length] };
    case 'exclude':
    case 'cancel':
      return { actor, reason: v % 3 === 0 ? '' : 'reason' };
    default:
      return { actor, note };
  }
}

const ladderStep = fc.constantFrom<StepName>('acknowledge', 'remoteSession', 'diagnosis', 'dispatch', 'arrive', 'restore', 'signOff');
// commitmentMet is left out: the generated policies have no extra commitments, so it is always refused (extra-commitments.test.ts).
const anyStep = fc.constantFrom<StepName>(...stepNames().filter((s) => s !== 'commitmentMet'));
const rareStep = fc.constantFrom<StepName>('exclude', 'cancel');
const commonStep = anyStep.filter((s) => s !== 'exclude' && s !== 'cancel');
const dt = fc.oneof(
  fc.integer({ min: 0, max: 120 }).map((s) => s * SEC),
  fc.integer({ min: 0, max: 900_000 }),
);

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('tick' as const), dt }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('loop' as const), dt }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('step' as const), step: ladderStep, variant: fc.nat(1000), dt }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('next' as const), variant: fc.nat(1000), dt }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('step' as const), step: commonStep, variant: fc.nat(1000), dt }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('step' as const), step: rareStep, variant: fc.nat(1000), dt }) },
);

const wh = (amount: number) => ({ amount, unit: 'workingMinutes' as const, anchor: 'report' as const });
const WORKING: TargetOverrides = {
  triage: { respondWithin: wh(10) },
  remote: { startWithin: wh(30), resolveWithin: { amount: 1, unit: 'workingHours', anchor: 'rungStart' } },
  onsite: { arriveWithin: wh(60) },
  spare: { triggerAfter: { amount: 1, unit: 'workingDays', anchor: 'report' }, deliverWithin: wh(120) },
};
// Restore commitments short and far apart, so breaches, withdrawals and corrections are frequent.
const WALL_POLICY = makePolicy({
  urgent: targets({ penalty: { restoreWithin: sec(300) } }),
  general: targets({ penalty: { restoreWithin: sec(1500) } }, 2),
});
const WORKING_POLICY = makePolicy({
  urgent: targets({ ...WORKING, penalty: { restoreWithin: sec(300) } }),
  general: targets({ ...WORKING, penalty: { restoreWithin: sec(1500) } }, 2),
});
const scenario = fc.record({
  severity: fc.constantFrom('urgent', 'general'),
  calendar: fc.boolean(),
  partialPeriod: fc.constantFrom('started' as const, 'completed' as const),
  countFrom: fc.constantFrom('report' as const, 'breach' as const),
  startOffset: fc.integer({ min: 0, max: 7 * 24 * 60 }).map((m) => m * MIN),
  commands: fc.array(command, { minLength: 1, maxLength: 60, size: 'max' }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function optionsOf(sc: Scenario): RunOptions {
  return {
    severity: sc.severity,
    calendar: sc.calendar ? CALENDAR_5X8 : undefined,
    policy: sc.calendar ? WORKING_POLICY : WALL_POLICY,
    reportedAt: Date.UTC(2026, 2, 2, 10, 0) + sc.startOffset,
    terms: { period: { amount: 5, unit: 'minutes' }, partialPeriod: sc.partialPeriod, countFrom: sc.countFrom },
  };
}

/** A plain assertion: cheap enough for the thousands of checks a property run makes. */
function must(ok: boolean, message: () => string): void {
  if (!ok) throw new Error(message());
}

function checkInvariants(run: Run, now: number, withView: boolean): void {
  const { state, ctx } = run;
  // Timeline: seq contiguous from 1, history is its tail, nothing dated in the future.
  must(run.log.events.length === state.seq, () => `${run.log.events.length} events but seq ${state.seq}`);
  run.log.events.forEach((e, i) => {
    must(e.seq === i + 1, () => `event #${i + 1} has seq ${e.seq}`);
    must(e.at <= now, () => `event ${e.seq} (${e.kind}) is dated after now`);
  });
  must(state.history.length === Math.min(200, state.seq), () => `history holds ${state.history.length} events`);
  must(state.history[state.history.length - 1] === run.log.events[state.seq - 1] || state.seq === 0, () => 'history tail differs');
  must(state.history[0].seq === state.seq - state.history.length + 1, () => 'history is not the tail of the timeline');
  // Breaches: never negative, always the number of breached clocks.
  const clocks = Object.values(state.clocks).map((c) => c!);
  must(state.breachCount >= 0, () => `breachCount ${state.breachCount}`);
  const breached = clocks.filter((c) => c.status === 'breached').length;
  must(state.breachCount === breached, () => `breachCount ${state.breachCount} but ${breached} breached clocks`);
  // Notifications: unique keys.
  const keys = run.log.notifications.map((n) => n.key);
  must(new Set(keys).size === keys.length, () => 'duplicate notification key');
  // Ledger: unique idempotency keys; periodsPosted counts this generation's posts.
  const posted = run.log.ledger.flatMap((c) => (c.type === 'post' ? [c.posting] : []));
  must(new Set(posted.map((p) => p.key)).size === posted.length, () => 'duplicate accrual key');
  const current = posted.filter((p) => p.generation === state.penalty.generation).length;
  must(state.penalty.periodsPosted === current, () => `periodsPosted ${state.penalty.periodsPosted} but ${current} posts`);
  // Status, stage and pauses agree.
  const open = state.pauses.filter((p) => p.to === null);
  must(open.length === (state.status === 'paused' ? 1 : 0), () => `${open.length} open pauses while ${state.status}`);
  if (open.length) must(state.pauses[state.pauses.length - 1].to === null, () => 'the open pause is not the last');
  for (let i = 1; i < state.pauses.length; i++) must(state.pauses[i].from >= state.pauses[i - 1].to!, () => 'overlapping pauses');
  for (const c of clocks) {
    if (c.status === 'running')
      must((c.dueAt === null) === (state.status === 'paused'), () => `${c.key} dueAt ${c.dueAt} while ${state.status}`);
  }
  if (state.status === 'open') must(state.stage !== 'restored' && state.stage !== 'closed', () => `open in stage ${state.stage}`);
  if (state.status === 'restored') must(state.stage === 'restored' || state.stage === 'closed', () => `restored in stage ${state.stage}`);
  if (isTerminal(state)) must(state.stage === 'closed', () => `${state.status} in stage ${state.stage}`);
  must((state.restoredAt !== undefined) === (state.resolution !== undefined), () => 'restoredAt without resolution');
  // The rung is the highest one opened.
  const opened = (Object.keys(state.rungsOpenedAt) as Array<(typeof RUNGS)[number]>).map((r) => RUNGS.indexOf(r));
  must(RUNGS.indexOf(state.rung) === Math.max(...opened), () => `rung ${state.rung} is not the highest opened`);
  // A terminal incident accepts nothing and never wakes.
  if (isTerminal(state)) {
    for (const s of stepNames())
      must(stateRefusal(state, s) === `the incident is ${state.status}`, () => `${s} accepted while ${state.status}`);
    must(nextWakeAt(ctx, state) === null, () => 'a terminal incident wakes');
  }
  // The view never throws and its figures are sane.
  if (withView) {
    for (const v of buildView(ctx, state, now).clockViews) {
      must(v.elapsedMs >= 0 && v.pausedMs >= 0 && Number.isFinite(v.percentUsed), () => `view of ${v.key}: ${json(v)}`);
    }
  }
}

/** Plays a scenario like the workflow would; returns the run and whether every check held. */
function play(sc: Scenario, check: boolean, observe?: (run: Run) => void): Run {
  const run = new Run(optionsOf(sc));
  let now = run.t0;
  for (const [i, cmd] of sc.commands.entries()) {
    now += cmd.dt;
    const e = emptyEffects();
    advance(run.ctx, run.state, e, now);
    const wake = nextWakeAt(run.ctx, run.state);
    // Everything due at or before now has been processed.
    if (check) must(wake === null || wake > now, () => `next wake ${wake} is not after now ${now}`);
    if (cmd.kind === 'loop' && run.state.stage === 'closed' && run.state.status === 'restored') {
      closeWithReport(run.ctx, run.state, e, now);
    }
    if (cmd.kind === 'step' || cmd.kind === 'next') {
      const step = cmd.kind === 'step' ? cmd.step : run.state.status === 'paused' ? 'resume' : NEXT[run.state.stage];
      const payload = payloadOf(step, cmd.variant);
      const before = check ? json(run.state) : '';
      const reason = refusal(run.ctx, run.state, step, payload);
      if (check) {
        const sr = stateRefusal(run.state, step);
        must(allowedSteps(run.state).includes(step) === (sr === null), () => `allowedSteps disagrees on ${step}`);
        must(reason === (sr ?? payloadRefusal(run.ctx, run.state, step, payload)), () => `refusal of ${step} is not state ?? payload`);
        if (isTerminal(run.state)) must(reason !== null, () => `${step} accepted by a ${run.state.status} incident`);
        must(json(run.state) === before, () => 'judging a step mutated the state');
      }
      // Applied exactly when the refusal is null (as the update handler does).
      if (reason === null) {
        const seq = run.state.seq;
        applyStep(run.ctx, run.state, e, step, payload, now);
        if (check) {
          const ev = e.events.find((x) => x.seq === seq + 1);
          must(ev?.kind === `step:${step}` && ev.at === now, () => `step ${step} not recorded first`);
        }
      }
    }
    run.log.events.push(...e.events);
    run.log.notifications.push(...e.notifications);
    run.log.ledger.push(...e.ledger);
    run.pendingLedger.push(...e.ledger);
    run.settleLedger();
    if (check) checkInvariants(run, now, i % 4 === 0 || i === sc.commands.length - 1);
    observe?.(run);
  }
  return run;
}

describe('property: random step sequences at increasing instants', () => {
  it('never throw, keep seq contiguous and breachCount consistent, refuse everything once terminal', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        play(sc, true);
      }),
      { numRuns: 200 },
    );
  });

  it('are deterministic: replaying the same commands gives the same JSON state and effects', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const a = play(sc, false);
        const b = play(sc, false);
        expect(json(b.state)).toBe(json(a.state));
        expect(json(b.log)).toBe(json(a.log));
      }),
      { numRuns: 100 },
    );
  });

  it('reach the interesting states (sanity check of the generator)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenario, (sc) => {
        const run = play(sc, false, (r) => {
          seen.add(`status:${r.state.status}`);
          seen.add(`stage:${r.state.stage}`);
        });
        if (run.log.events.some((e) => e.kind === 'breach_withdrawn')) seen.add('withdrawn');
        if (run.log.events.some((e) => e.kind === 'trigger_fired')) seen.add('trigger');
        if (run.log.ledger.some((c) => c.type === 'post')) seen.add('accrual');
        if (run.log.ledger.some((c) => c.type === 'cancelAll' && c.kind === 'correction')) seen.add('correction');
      }),
      { numRuns: 200, seed: 42 },
    );
    for (const s of [
      'trigger',
      'correction',
      'stage:en_route',
      'stage:dispatch',
      'stage:diagnosing',
      'status:open',
      'status:paused',
      'status:restored',
      'status:closed',
      'status:cancelled',
      'status:excluded',
      'stage:onsite',
      'withdrawn',
      'accrual',
    ]) {
      expect(seen).toContain(s);
    }
  });
});
