/**
 * The escalation ladder's transitions: a pure state machine (no Temporal, no I/O, no clock reads).
 * The caller feeds it instants and steps; it mutates the state and appends the side effects to
 * perform (timeline events, notifications, ledger commands) to an `Effects`.
 */
import { RUNGS } from './types';
import { accrueDuePeriods, nextAccrual } from './accrual';
import { anchorFor, dueOf, meetClock, meetCycle, openClock, refreshDues, restartCycle, stopClock } from './clocks';
import { isTerminal, type LadderContext } from './context';
import { emptyEffects, record, type Effects } from './effects';
import type { StepName, StepPayloads } from './steps';
import type { ClockKey, ClockState, IncidentState, Rung } from './types';

export function initialState(ctx: LadderContext): { state: IncidentState; effects: Effects } {
  const { input } = ctx;
  const state: IncidentState = {
    incidentId: input.incidentId,
    status: 'open',
    stage: 'triage',
    severity: input.severity,
    rung: 'triage',
    rungsOpenedAt: {},
    clocks: {},
    pauses: [],
    breachCount: 0,
    majorProblem: false,
    assignees: [],
    penalty: { breachedAt: null, generation: 0, postings: [], periodsPosted: 0 },
    seq: 0,
    persistedSeq: 0,
    history: [],
  };
  const effects = emptyEffects();
  const t0 = input.reportedAt;
  record(state, effects, 'reported', t0, input.reportedBy, {
    severity: input.severity,
    description: input.description,
    policy: { id: input.policy.id, version: input.policy.version },
    calendarId: input.calendar.id,
    contractId: input.contract.id,
    ...(input.reporter ? { reporter: input.reporter } : {}),
  });
  openRung(ctx, state, effects, 'triage', t0, ['triage.respondWithin']);
  // Time-driven promises count from the report whatever the engineers do.
  openClock(ctx, state, 'spare.triggerAfter', t0);
  openClock(ctx, state, 'expert.triggerAfter', t0);
  openClock(ctx, state, 'penalty.restoreWithin', t0);
  openCadence(ctx, state, t0);
  return { state, effects };
}

/** The progress-update cadence, when the class promises one (and the workflow runs the code that has it). */
function openCadence(ctx: LadderContext, state: IncidentState, at: number): void {
  if (ctx.progressCadence) openClock(ctx, state, 'progress.updateEvery', at);
}

function openRung(
  ctx: LadderContext,
  state: IncidentState,
  effects: Effects,
  rung: Rung,
  at: number,
  clocks: ClockKey[],
  cause?: string,
): void {
  if (state.rungsOpenedAt[rung] !== undefined) return;
  // A rung the letter does not promise never opens: no clock, no event, no escalation.
  if (!ctx.promises(state.severity, rung)) return;
  state.rungsOpenedAt[rung] = at;
  const escalated = RUNGS.indexOf(rung) > RUNGS.indexOf(state.rung);
  if (escalated) state.rung = rung;
  for (const key of clocks) openClock(ctx, state, key, at);
  // The named extra commitments on this rung open with it (listed with its clocks).
  for (const extra of ctx.extrasOn(state.severity, rung)) {
    const key: ClockKey = `extra:${extra.name}`;
    if (openClock(ctx, state, key, at)) clocks = [...clocks, key];
  }
  const event = record(state, effects, 'rung_opened', at, undefined, {
    rung,
    cause,
    clocks: clocks.map((k) => ({ key: k, dueAt: state.clocks[k]?.dueAt ?? null })),
  });
  if (escalated && rung !== 'triage') {
    effects.notifications.push({
      key: `${ctx.workflowId}:notify:${event.seq}`,
      kind: 'escalation',
      data: { rung, cause, at },
    });
  }
}

/** Processes everything due at or before `now`: breaches, rung triggers and penalty accruals. */
export function advance(ctx: LadderContext, state: IncidentState, effects: Effects, now: number): void {
  state.clockedAt = Math.max(state.clockedAt ?? now, now);
  if (isTerminal(state)) return;
  for (;;) {
    const due = Object.values(state.clocks)
      .filter((c): c is ClockState => !!c && c.status === 'running' && c.dueAt !== null && c.dueAt <= now)
      .sort((a, b) => a.dueAt! - b.dueAt! || a.key.localeCompare(b.key));
    if (due.length === 0) break;
    const clock = due[0];
    const at = clock.dueAt!;
    if (clock.kind === 'trigger') fireTrigger(ctx, state, effects, clock, at);
    else breach(ctx, state, effects, clock, at, now);
  }
  accrueDuePeriods(ctx, state, effects, now);
}

function fireTrigger(ctx: LadderContext, state: IncidentState, effects: Effects, clock: ClockState, at: number): void {
  clock.status = 'fired';
  clock.settledAt = at;
  record(state, effects, 'trigger_fired', at, undefined, { clock: clock.key });
  if (clock.key === 'spare.triggerAfter') {
    openRung(ctx, state, effects, 'spare', at, ['spare.deliverWithin'], 'not restored by spare.triggerAfter');
  } else if (clock.key === 'expert.triggerAfter') {
    openRung(ctx, state, effects, 'expert', at, ['expert.conveneWithin'], 'not restored by expert.triggerAfter');
  }
}

function breach(ctx: LadderContext, state: IncidentState, effects: Effects, clock: ClockState, at: number, now: number): void {
  clock.status = 'breached';
  clock.settledAt = at;
  clock.marginMs = at - now;
  state.breachCount += 1;
  // A cadence's breaches are told apart by their cycle.
  const cycle = clock.cycle !== undefined ? { cycle: clock.cycle } : {};
  const event = record(state, effects, 'breach', at, undefined, {
    clock: clock.key,
    rung: clock.rung,
    target: clock.target,
    dueAt: at,
    detectedAt: now,
    ...cycle,
  });
  effects.notifications.push({
    key: `${ctx.workflowId}:notify:${event.seq}`,
    kind: 'breach',
    data: { clock: clock.key, rung: clock.rung, dueAt: at, target: clock.target, ...cycle },
  });
  if (clock.cycle !== undefined) {
    // Each missed update is its own breach: the next cycle counts from the missed due instant.
    clock.missed = (clock.missed ?? 0) + 1;
    restartCycle(ctx, state, clock, at);
    return;
  }
  if (clock.key === 'remote.resolveWithin' && state.stage === 'diagnosing' && ctx.promises(state.severity, 'onsite')) {
    // No remote fix in time: the ladder moves up to on-site on its own (when the letter promises on site).
    state.stage = 'dispatch';
    openRung(ctx, state, effects, 'onsite', at, ['onsite.arriveWithin'], 'remote.resolveWithin breached');
  }
  if (clock.key === 'penalty.restoreWithin') {
    state.penalty.breachedAt = at;
    openRung(ctx, state, effects, 'penalty', at, [], 'penalty.restoreWithin breached');
  }
}

/** Applies an accepted step at `now` (the caller ran `advance(now)` first and checked `refusal`). */
export function applyStep<S extends StepName>(
  ctx: LadderContext,
  state: IncidentState,
  effects: Effects,
  step: S,
  payload: StepPayloads[S],
  now: number,
): void {
  const p = payload as StepPayloads[StepName] & Record<string, any>;
  const actor = p.actor;
  const data: Record<string, unknown> = { ...p };
  delete data.actor;
  record(state, effects, `step:${step}`, now, actor, data);
  // Extra commitments met by this step (before it may restore and stop every clock).
  for (const clock of Object.values(state.clocks)) {
    if (clock?.extra && clock.extra.metBy === step && step !== 'commitmentMet') meetClock(state, effects, clock.key, now);
  }
  switch (step) {
    case 'acknowledge':
      meetClock(state, effects, 'triage.respondWithin', now);
      if (!state.assignees.includes(actor)) state.assignees.push(actor);
      if (!ctx.promises(state.severity, 'remote') && ctx.promises(state.severity, 'onsite')) {
        // No remote rung in the letter: the next promise is on site, so the call goes straight there.
        state.stage = 'dispatch';
        openRung(ctx, state, effects, 'onsite', now, ['onsite.arriveWithin'], 'call acknowledged (no remote rung promised)');
      } else {
        state.stage = 'remote';
        openRung(ctx, state, effects, 'remote', now, ['remote.startWithin'], 'call acknowledged');
      }
      break;
    case 'remoteSession':
      meetClock(state, effects, 'remote.startWithin', now);
      state.stage = 'diagnosing';
      openClock(ctx, state, 'remote.resolveWithin', state.rungsOpenedAt.remote ?? now);
      break;
    case 'diagnosis':
      if (p.outcome === 'resolved_remotely') {
        meetClock(state, effects, 'remote.resolveWithin', now);
        restore(ctx, state, effects, now, actor, { cause: p.cause, method: p.method });
      } else {
        stopClock(state, 'remote.resolveWithin', now);
        state.stage = 'dispatch';
        openRung(ctx, state, effects, 'onsite', now, ['onsite.arriveWithin'], 'diagnosis: needs on-site');
      }
      break;
    case 'dispatch':
      state.stage = 'en_route';
      if (!state.assignees.includes(p.engineer)) state.assignees.push(p.engineer);
      break;
    case 'arrive':
      meetClock(state, effects, 'onsite.arriveWithin', now);
      state.stage = 'onsite';
      break;
    case 'spare':
      state.spareUnitId = p.unitId;
      meetClock(state, effects, 'spare.deliverWithin', now);
      break;
    case 'majorProblem':
      state.majorProblem = true;
      stopClock(state, 'expert.triggerAfter', now);
      openRung(ctx, state, effects, 'expert', now, ['expert.conveneWithin'], 'major technical problem flagged');
      break;
    case 'experts':
      state.experts = [...p.experts];
      meetClock(state, effects, 'expert.conveneWithin', now);
      break;
    case 'progressUpdate':
      meetCycle(ctx, state, effects, 'progress.updateEvery', now);
      break;
    case 'commitmentMet':
      meetClock(state, effects, `extra:${p.name}`, now);
      break;
    case 'restore':
      restore(ctx, state, effects, now, actor, { cause: p.cause, method: p.method });
      break;
    case 'signOff':
      state.signedOffBy = p.signer;
      meetClock(state, effects, 'signOff.within', now);
      state.stage = 'closed';
      openClock(ctx, state, 'faultReport.deliverWithin', now);
      break;
    case 'pause':
      state.pauses.push({ from: now, to: null, reason: p.reason, note: p.note, actor });
      state.status = 'paused';
      refreshDues(ctx, state);
      break;
    case 'resume': {
      const open = state.pauses[state.pauses.length - 1];
      open.to = now;
      state.status = state.restoredAt !== undefined ? 'restored' : 'open';
      refreshDues(ctx, state);
      break;
    }
    case 'reclassify':
      reclassify(ctx, state, effects, p.severity, now);
      break;
    case 'exclude':
      end(ctx, state, effects, 'excluded', p.reason, now, p.cause);
      break;
    case 'cancel':
      end(ctx, state, effects, 'cancelled', p.reason, now);
      break;
  }
}

function restore(
  ctx: LadderContext,
  state: IncidentState,
  effects: Effects,
  now: number,
  actor: string,
  resolution: { cause: string; method: string },
): void {
  state.resolution = resolution;
  state.restoredAt = now;
  state.status = 'restored';
  state.stage = 'restored';
  meetClock(state, effects, 'penalty.restoreWithin', now);
  for (const key of Object.keys(state.clocks) as ClockKey[]) stopClock(state, key, now);
  record(state, effects, 'restored', now, actor, { ...resolution });
  openClock(ctx, state, 'signOff.within', now);
}

/** Customer-caused (excluded) or duplicate (cancelled): every clock stops and accruals are reversed. */
function end(
  ctx: LadderContext,
  state: IncidentState,
  effects: Effects,
  status: 'excluded' | 'cancelled',
  reason: string,
  now: number,
  cause?: string,
): void {
  for (const key of Object.keys(state.clocks) as ClockKey[]) stopClock(state, key, now);
  state.status = status;
  state.stage = 'closed';
  state.closedAt = now;
  state.closeReason = reason;
  const open = state.pauses[state.pauses.length - 1];
  if (open && open.to === null) open.to = now;
  effects.ledger.push({ type: 'cancelAll', kind: 'reversal', reason: `${status}: ${reason}` });
  // Only a step that named a cause records one: histories from before causes replay to the same events.
  const event = record(state, effects, status, now, undefined, cause === undefined ? { reason } : { reason, cause });
  effects.notifications.push({ key: `${ctx.workflowId}:notify:${event.seq}`, kind: 'closed', data: { status, reason } });
}

/** Severity changed: every target is re-read from the new class and recomputed from its anchor. */
function reclassify(ctx: LadderContext, state: IncidentState, effects: Effects, severity: string, now: number): void {
  const previous = state.severity;
  const breachBefore = state.penalty.breachedAt;
  const accruedBefore = ctx.accrues(previous);
  state.severity = severity;
  for (const clock of Object.values(state.clocks)) {
    if (!clock || clock.status === 'met' || clock.status === 'stopped' || clock.status === 'fired') continue;
    const target = ctx.target(severity, clock.key);
    if (!target) {
      // The new class does not promise this rung: its clock ends, and a breach of it is withdrawn.
      if (clock.status === 'breached') withdrawBreach(state, effects, clock, now);
      clock.status = 'stopped';
      clock.settledAt = now;
      clock.dueAt = null;
      if (clock.key === 'penalty.restoreWithin') state.penalty.breachedAt = null;
      continue;
    }
    clock.target = target;
    clock.anchorAt = anchorFor(ctx, clock.target, clock.openedAt, clock.key);
    const due = dueOf(ctx, state, clock);
    clock.dueAt = due;
    if (clock.status !== 'breached') continue;
    const doneAt = clock.completedAt;
    if (doneAt !== undefined && due !== null && doneAt <= due) {
      // Taken late under the old class, in time under the new one: the target was met.
      withdrawBreach(state, effects, clock, now);
      clock.status = 'met';
      clock.settledAt = doneAt;
      clock.marginMs = due - doneAt;
    } else if (doneAt === undefined && (due === null || due > now)) {
      // Not missed yet under the new class: the clock runs again (or stays closed after a restore).
      withdrawBreach(state, effects, clock, now);
      clock.status = state.restoredAt === undefined ? 'running' : 'stopped';
      clock.settledAt = state.restoredAt;
      clock.marginMs = undefined;
    } else if (due !== null) {
      clock.settledAt = due;
    }
    if (clock.key === 'penalty.restoreWithin') state.penalty.breachedAt = clock.status === 'breached' ? clock.settledAt! : null;
  }
  if (state.restoredAt === undefined) {
    // Time-driven promises the old class did not make count from the report under the new one.
    for (const key of ['spare.triggerAfter', 'expert.triggerAfter', 'penalty.restoreWithin'] as const) {
      if (!state.clocks[key]) openClock(ctx, state, key, ctx.input.reportedAt);
    }
    // A cadence the old class did not have (or stopped) counts from the reclassification (no missed updates before it).
    const cadence = state.clocks['progress.updateEvery'];
    if (!cadence) openCadence(ctx, state, now);
    else if (cadence.status === 'stopped' && ctx.progressCadence) {
      const target = ctx.target(severity, cadence.key);
      if (target) {
        // Its cycles go on numbering, so every breach of it stays distinct.
        cadence.target = target;
        restartCycle(ctx, state, cadence, now);
      }
    }
  }
  record(state, effects, 'reclassified', now, undefined, { from: previous, to: severity });

  const breachAfter = state.penalty.breachedAt;
  const countsFromBreach = ctx.input.contract.penalty?.countFrom === 'breach';
  // Periods owed change only when the breach is withdrawn, or moves while periods count from it, or
  // the new class accrues where the old did not (or the other way round: a policy's penaltyFree).
  const accrualSwitched = accruedBefore !== ctx.accrues(severity);
  if (breachBefore !== null && ((breachBefore !== breachAfter && (breachAfter === null || countsFromBreach)) || accrualSwitched)) {
    // Corrections cancel every accrual posted or still queued; accrual then restarts from scratch.
    effects.ledger.push({ type: 'cancelAll', kind: 'correction', reason: `reclassified ${previous} -> ${severity}` });
    state.penalty.generation += 1;
    state.penalty.periodsPosted = 0;
  }
  advance(ctx, state, effects, now);
}

function withdrawBreach(state: IncidentState, effects: Effects, clock: ClockState, now: number): void {
  state.breachCount -= 1;
  record(state, effects, 'breach_withdrawn', now, undefined, { clock: clock.key, dueAt: clock.dueAt });
}

/** A webhook that kept failing after its retries: the timeline says so (the breach itself stands). */
export function recordNotificationFailure(state: IncidentState, effects: Effects, key: string, error: string, now: number): void {
  record(state, effects, 'notification_failed', now, undefined, { notification: key, error });
}

/** Marks the fault report delivered and closes the incident. */
export function closeWithReport(ctx: LadderContext, state: IncidentState, effects: Effects, now: number): void {
  meetClock(state, effects, 'faultReport.deliverWithin', now);
  state.status = 'closed';
  state.closedAt = now;
  const event = record(state, effects, 'closed', now, undefined, { signedOffBy: state.signedOffBy });
  effects.notifications.push({ key: `${ctx.workflowId}:notify:${event.seq}`, kind: 'closed', data: { status: 'closed' } });
}

/** The earliest instant at which `advance` has something to do, or null. */
export function nextWakeAt(ctx: LadderContext, state: IncidentState): number | null {
  if (isTerminal(state)) return null;
  const candidates: number[] = [];
  for (const clock of Object.values(state.clocks)) {
    if (clock && clock.status === 'running' && clock.dueAt !== null) candidates.push(clock.dueAt);
  }
  const accrual = nextAccrual(ctx, state);
  if (accrual?.owedFrom != null) candidates.push(accrual.owedFrom);
  return candidates.length ? Math.min(...candidates) : null;
}
