/**
 * The escalation ladder as a pure state machine: no Temporal, no I/O, no clock reads.
 * The workflow feeds it instants and steps; it mutates the state and returns the
 * side effects to perform (timeline events, notifications, ledger postings).
 * Pure so that every rule is unit-tested without a server and replays identically.
 */
import { BusinessCalendar, deadlineOf } from '../../src/domain/clock';
import type { Pause } from '../../src/domain/clock/types';
import { hasSeverity, type SeverityTargets, type Target } from '../../src/domain/policy/policy';
import { accrualPerPeriod, capAmount } from '../../src/domain/penalty/penalty';
import type { StepName, StepPayloads } from './steps';
import type { ClockKey, ClockState, IncidentState, IncidentWorkflowInput, LedgerPosting, Rung, Stage, TimelineEvent } from './types';
import { RUNGS } from './types';

export const HISTORY_LIMIT = 200;

/** A ledger command queued by the ladder and executed by the ledger activity in order. */
export type LedgerCommand =
  | { type: 'post'; posting: Omit<LedgerPosting, 'amount' | 'capApplied' | 'written'> & { amount: string } }
  | { type: 'cancelAll'; kind: 'reversal' | 'correction'; reason: string };

export interface Notification {
  key: string;
  kind: 'breach' | 'escalation' | 'closed';
  data: Record<string, unknown>;
}

/** Side effects produced by a transition, drained by the workflow into activities. */
export interface Effects {
  events: TimelineEvent[];
  notifications: Notification[];
  ledger: LedgerCommand[];
}

export function emptyEffects(): Effects {
  return { events: [], notifications: [], ledger: [] };
}

const CLOCK_SLOTS: Record<ClockKey, { rung: ClockState['rung']; kind: ClockState['kind'] }> = {
  'triage.respondWithin': { rung: 'triage', kind: 'deadline' },
  'remote.startWithin': { rung: 'remote', kind: 'deadline' },
  'remote.resolveWithin': { rung: 'remote', kind: 'deadline' },
  'onsite.arriveWithin': { rung: 'onsite', kind: 'deadline' },
  'spare.triggerAfter': { rung: 'spare', kind: 'trigger' },
  'spare.deliverWithin': { rung: 'spare', kind: 'deadline' },
  'expert.triggerAfter': { rung: 'expert', kind: 'trigger' },
  'expert.conveneWithin': { rung: 'expert', kind: 'deadline' },
  'penalty.restoreWithin': { rung: 'penalty', kind: 'deadline' },
  'signOff.within': { rung: 'signOff', kind: 'deadline' },
  'faultReport.deliverWithin': { rung: 'faultReport', kind: 'deadline' },
};

const TERMINAL = new Set(['closed', 'cancelled', 'excluded']);

export function isTerminal(state: IncidentState): boolean {
  return TERMINAL.has(state.status);
}

/** The per-incident context the ladder computes with (derived from the pinned input). */
export class LadderContext {
  readonly calendar: BusinessCalendar;
  constructor(
    readonly input: IncidentWorkflowInput,
    readonly workflowId: string,
  ) {
    this.calendar = BusinessCalendar.of(input.calendar.definition);
  }

  targets(severity: string): SeverityTargets {
    const targets = hasSeverity(this.input.policy.definition, severity) ? this.input.policy.definition.severities[severity] : undefined;
    if (!targets) throw new Error(`severity ${severity} is not in policy ${this.input.policy.id} v${this.input.policy.version}`);
    return targets;
  }

  target(severity: string, key: ClockKey): Target {
    const [group, name] = key.split('.') as [keyof SeverityTargets, string];
    return (this.targets(severity)[group] as unknown as Record<string, Target>)[name];
  }
}

export function enginePauses(state: IncidentState): Pause[] {
  return state.pauses.map((p) => ({ from: p.from, to: p.to }));
}

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
  });
  openRung(ctx, state, effects, 'triage', t0, ['triage.respondWithin']);
  // Time-driven promises count from the report whatever the engineers do.
  openClock(ctx, state, 'spare.triggerAfter', t0);
  openClock(ctx, state, 'expert.triggerAfter', t0);
  openClock(ctx, state, 'penalty.restoreWithin', t0);
  return { state, effects };
}

function record(
  state: IncidentState,
  effects: Effects,
  kind: string,
  at: number,
  actor: string | undefined,
  data: Record<string, unknown>,
): TimelineEvent {
  state.seq += 1;
  const event: TimelineEvent = { seq: state.seq, kind, at, actor, data };
  effects.events.push(event);
  state.history.push(event);
  if (state.history.length > HISTORY_LIMIT) state.history.splice(0, state.history.length - HISTORY_LIMIT);
  return event;
}

function anchorFor(ctx: LadderContext, target: Target, rungStart: number): number {
  return target.anchor === 'rungStart' ? rungStart : ctx.input.reportedAt;
}

function dueOf(ctx: LadderContext, state: IncidentState, clock: Pick<ClockState, 'anchorAt' | 'target'>): number | null {
  return deadlineOf(ctx.calendar, clock.anchorAt, clock.target, enginePauses(state));
}

function openClock(ctx: LadderContext, state: IncidentState, key: ClockKey, rungStart: number): ClockState {
  const target = ctx.target(state.severity, key);
  const clock: ClockState = {
    key,
    ...CLOCK_SLOTS[key],
    target,
    anchorAt: anchorFor(ctx, target, rungStart),
    openedAt: rungStart,
    status: 'running',
    dueAt: null,
  };
  clock.dueAt = dueOf(ctx, state, clock);
  state.clocks[key] = clock;
  return clock;
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
  state.rungsOpenedAt[rung] = at;
  const escalated = RUNGS.indexOf(rung) > RUNGS.indexOf(state.rung);
  if (escalated) state.rung = rung;
  for (const key of clocks) openClock(ctx, state, key, at);
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

function meetClock(state: IncidentState, effects: Effects, key: ClockKey, now: number, actor?: string): void {
  const clock = state.clocks[key];
  if (clock?.status === 'breached' && clock.completedAt === undefined) {
    // Done late: still a breach, but a reclassification may turn it into a met target.
    clock.completedAt = now;
    return;
  }
  if (!clock || clock.status !== 'running') return;
  clock.status = 'met';
  clock.settledAt = now;
  clock.marginMs = clock.dueAt === null ? undefined : clock.dueAt - now;
  record(state, effects, 'target_met', now, actor, { clock: key, dueAt: clock.dueAt, marginMs: clock.marginMs });
}

function stopClock(state: IncidentState, key: ClockKey, now: number): void {
  const clock = state.clocks[key];
  if (!clock || clock.status !== 'running') return;
  clock.status = 'stopped';
  clock.settledAt = now;
}

/** Recomputes every running clock's due instant (after a pause, a resume or a reclassification). */
function refreshDues(ctx: LadderContext, state: IncidentState): void {
  for (const clock of Object.values(state.clocks)) {
    if (clock && clock.status === 'running') clock.dueAt = dueOf(ctx, state, clock);
  }
}

/** Processes everything due at or before `now`: breaches, rung triggers and penalty accruals. */
export function advance(ctx: LadderContext, state: IncidentState, effects: Effects, now: number): void {
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
  const event = record(state, effects, 'breach', at, undefined, {
    clock: clock.key,
    rung: clock.rung,
    target: clock.target,
    dueAt: at,
    detectedAt: now,
  });
  effects.notifications.push({
    key: `${ctx.workflowId}:notify:${event.seq}`,
    kind: 'breach',
    data: { clock: clock.key, rung: clock.rung, dueAt: at, target: clock.target },
  });
  if (clock.key === 'remote.resolveWithin' && state.stage === 'diagnosing') {
    // No remote fix in time: the ladder moves up to on-site on its own.
    state.stage = 'dispatch';
    openRung(ctx, state, effects, 'onsite', at, ['onsite.arriveWithin'], 'remote.resolveWithin breached');
  }
  if (clock.key === 'penalty.restoreWithin') {
    state.penalty.breachedAt = at;
    openRung(ctx, state, effects, 'penalty', at, [], 'penalty.restoreWithin breached');
  }
}

// ---------------------------------------------------------------- penalty accrual

interface ScheduledPeriod {
  index: number;
  /** The instant the period is posted (and dated). */
  postAt: number | null;
  /** The earliest `now` at which it is owed (see accrual rules below). */
  owedFrom: number | null;
  periodStart: number | null;
  periodEnd: number | null;
}

function periodBoundary(ctx: LadderContext, state: IncidentState, start: number, k: number): number | null {
  if (k === 0) return start;
  const { period } = ctx.input.contract.penalty;
  return deadlineOf(ctx.calendar, start, { amount: period.amount * k, unit: period.unit }, enginePauses(state));
}

/**
 * The next accrual period of the current generation, or null when nothing more accrues.
 * 'started': period i is owed once service is still down just after its start (so a restore at
 * exactly that instant owes nothing) and is posted at max(start, breach). 'completed': owed and
 * posted at its end (never dated before the breach). Interruption ends at the restore.
 */
export function nextAccrual(ctx: LadderContext, state: IncidentState): ScheduledPeriod | null {
  const { penalty } = state;
  if (penalty.breachedAt === null || state.status === 'excluded' || state.status === 'cancelled') return null;
  const terms = ctx.input.contract.penalty;
  const start = terms.countFrom === 'breach' ? penalty.breachedAt : ctx.input.reportedAt;
  const index = penalty.periodsPosted + 1;
  const periodStart = periodBoundary(ctx, state, start, index - 1);
  const periodEnd = periodBoundary(ctx, state, start, index);
  const started = terms.partialPeriod === 'started';
  const anchor = started ? periodStart : periodEnd;
  if (anchor === null) return { index, postAt: null, owedFrom: null, periodStart, periodEnd };
  const end = state.restoredAt ?? Infinity;
  if (started ? anchor >= end : anchor > end) return null;
  const postAt = Math.max(anchor, penalty.breachedAt);
  return { index, postAt, owedFrom: started ? postAt + 1 : postAt, periodStart, periodEnd };
}

function accrueDuePeriods(ctx: LadderContext, state: IncidentState, effects: Effects, now: number): void {
  const { contract } = ctx.input;
  const amount = accrualPerPeriod(contract.totalValue, contract.penalty.ratePerPeriod, contract.currency);
  for (;;) {
    const next = nextAccrual(ctx, state);
    // An open pause hides every later boundary (null): paused time accrues nothing.
    if (!next || next.owedFrom === null || next.postAt === null || next.owedFrom > now) return;
    state.penalty.periodsPosted = next.index;
    const key = `${ctx.workflowId}:accrual:g${state.penalty.generation}:p${next.index}`;
    effects.ledger.push({
      type: 'post',
      posting: {
        key,
        kind: 'accrual',
        periodIndex: next.index,
        periodStart: next.periodStart ?? next.postAt,
        periodEnd: next.periodEnd ?? next.postAt,
        amount,
        generation: state.penalty.generation,
      },
    });
    record(state, effects, 'penalty_period_due', next.postAt, undefined, {
      periodIndex: next.index,
      periodStart: next.periodStart,
      periodEnd: next.periodEnd,
      nominalAmount: amount,
      currency: contract.currency,
      idempotencyKey: key,
    });
  }
}

/**
 * The accruals a reversal/correction cancels (written, non-zero, not yet cancelled), each with its
 * negating posting. Keys derive from the accrual's, so a retry or replay posts each negation once.
 */
export function negationsFor(
  state: IncidentState,
  kind: 'reversal' | 'correction',
): Array<{ original: LedgerPosting; negation: Omit<LedgerPosting, 'capApplied' | 'written'> }> {
  return state.penalty.postings
    .filter((p) => p.kind === 'accrual' && p.written && !p.cancelled)
    .map((original) => ({
      original,
      negation: {
        key: `${original.key}:${kind}`,
        kind,
        periodIndex: original.periodIndex,
        periodStart: original.periodStart,
        periodEnd: original.periodEnd,
        amount: original.amount.startsWith('-') ? original.amount.slice(1) : `-${original.amount}`,
        generation: original.generation,
      },
    }));
}

/** Cap for the ledger activity: fraction of the contract total, per contract or per incident. */
export function penaltyCap(ctx: LadderContext): { cap: string; scope: 'contract' | 'incident' } {
  const { contract } = ctx.input;
  return { cap: capAmount(contract.totalValue, contract.penalty.capFraction, contract.currency), scope: contract.penalty.capScope };
}

// ---------------------------------------------------------------- engineers' steps

const STAGE_BEFORE: Partial<Record<StepName, Stage>> = {
  acknowledge: 'triage',
  remoteSession: 'remote',
  diagnosis: 'diagnosing',
  dispatch: 'dispatch',
  arrive: 'en_route',
  signOff: 'restored',
};

const STAGE_REFUSALS: Record<Stage, string> = {
  triage: 'the call has not been acknowledged yet',
  remote: 'no remote session has been started yet',
  diagnosing: 'the remote diagnosis is still running',
  dispatch: 'no engineer has been dispatched yet',
  en_route: 'the engineer is dispatched but not on site yet',
  onsite: 'the engineer is on site',
  restored: 'service is already restored and awaits the customer sign-off',
  closed: 'the incident is closed',
};

/**
 * Why a step cannot be taken in the current state (null when it can).
 * State-only: payload checks are in `payloadRefusal`.
 */
export function stateRefusal(state: IncidentState, step: StepName): string | null {
  if (isTerminal(state)) return `the incident is ${state.status}`;
  if (state.stage === 'closed') return 'the incident is signed off and closing';
  if (step === 'exclude' || step === 'cancel' || step === 'reclassify') return null;
  if (step === 'resume') return state.status === 'paused' ? null : 'the clocks are not paused';
  if (state.status === 'paused') return 'the clocks are paused: resume first';
  if (step === 'pause') return null;
  const expected = STAGE_BEFORE[step];
  if (expected && state.stage !== expected) {
    return `${step} needs stage ${expected}, but ${STAGE_REFUSALS[state.stage]} (stage ${state.stage})`;
  }
  switch (step) {
    case 'spare': {
      if (state.status !== 'open') return 'service is already restored';
      const clock = state.clocks['spare.deliverWithin'];
      if (!clock) return 'the spare unit rung has not opened (it opens at spare.triggerAfter)';
      if (state.spareUnitId !== undefined) return `spare unit ${state.spareUnitId} was already delivered`;
      return null;
    }
    case 'majorProblem':
      if (state.status !== 'open') return 'service is already restored';
      if (state.majorProblem) return 'a major technical problem is already flagged';
      if (state.rungsOpenedAt.expert !== undefined) return 'expert consultation is already open';
      return null;
    case 'experts': {
      const clock = state.clocks['expert.conveneWithin'];
      if (!clock) return 'expert consultation has not opened (flag a major problem or wait for expert.triggerAfter)';
      if (state.experts !== undefined) return 'experts were already convened';
      if (clock.status === 'stopped') return 'expert consultation ended when service was restored';
      return null;
    }
    case 'restore':
      if (state.stage === 'triage') return 'the call has not been acknowledged yet';
      if (state.status !== 'open') return 'service is already restored';
      return null;
    default:
      return null;
  }
}

const nonBlank = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Why a step's payload is unacceptable (null when fine). */
export function payloadRefusal<S extends StepName>(
  ctx: LadderContext,
  state: IncidentState,
  step: S,
  payload: StepPayloads[S],
): string | null {
  const p = payload as StepPayloads[StepName] & Record<string, unknown>;
  if (!p || !nonBlank(p.actor)) return 'actor is required';
  switch (step) {
    case 'diagnosis':
      if (p.outcome !== 'resolved_remotely' && p.outcome !== 'needs_onsite') {
        return 'outcome must be resolved_remotely or needs_onsite';
      }
      if (p.outcome === 'resolved_remotely' && (!nonBlank(p.cause) || !nonBlank(p.method))) {
        return 'a remote resolution needs cause and method for the fault report';
      }
      return null;
    case 'dispatch':
      return nonBlank(p.engineer) ? null : 'engineer is required';
    case 'spare':
      return nonBlank(p.unitId) ? null : 'unitId is required';
    case 'experts':
      return Array.isArray(p.experts) && p.experts.length > 0 && p.experts.every(nonBlank) ? null : 'experts must name at least one expert';
    case 'restore':
      return nonBlank(p.cause) && nonBlank(p.method) ? null : 'cause and method are required for the fault report';
    case 'signOff':
      return nonBlank(p.signer) ? null : 'signer is required';
    case 'pause':
      return p.reason === 'force_majeure' || p.reason === 'waiting_on_customer'
        ? null
        : 'reason must be force_majeure or waiting_on_customer';
    case 'reclassify': {
      if (!nonBlank(p.severity)) return 'severity is required';
      if (!hasSeverity(ctx.input.policy.definition, p.severity as string)) {
        const known = Object.keys(ctx.input.policy.definition.severities).join(', ');
        return `severity ${p.severity} is not in the incident's policy (one of: ${known})`;
      }
      if (p.severity === state.severity) return `the incident is already ${state.severity}`;
      return null;
    }
    case 'exclude':
    case 'cancel':
      return nonBlank(p.reason) ? null : 'reason is required';
    default:
      return null;
  }
}

export function refusal<S extends StepName>(ctx: LadderContext, state: IncidentState, step: S, payload: StepPayloads[S]): string | null {
  return stateRefusal(state, step) ?? payloadRefusal(ctx, state, step, payload);
}

export function allowedSteps(state: IncidentState): StepName[] {
  const steps: StepName[] = [
    'acknowledge',
    'remoteSession',
    'diagnosis',
    'dispatch',
    'arrive',
    'spare',
    'majorProblem',
    'experts',
    'restore',
    'signOff',
    'pause',
    'resume',
    'reclassify',
    'exclude',
    'cancel',
  ];
  return steps.filter((s) => stateRefusal(state, s) === null);
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
  switch (step) {
    case 'acknowledge':
      meetClock(state, effects, 'triage.respondWithin', now);
      state.stage = 'remote';
      if (!state.assignees.includes(actor)) state.assignees.push(actor);
      openRung(ctx, state, effects, 'remote', now, ['remote.startWithin'], 'call acknowledged');
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
    case 'cancel':
      end(ctx, state, effects, step === 'exclude' ? 'excluded' : 'cancelled', p.reason, now);
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
): void {
  for (const key of Object.keys(state.clocks) as ClockKey[]) stopClock(state, key, now);
  state.status = status;
  state.stage = 'closed';
  state.closedAt = now;
  state.closeReason = reason;
  const open = state.pauses[state.pauses.length - 1];
  if (open && open.to === null) open.to = now;
  effects.ledger.push({ type: 'cancelAll', kind: 'reversal', reason: `${status}: ${reason}` });
  const event = record(state, effects, status, now, undefined, { reason });
  effects.notifications.push({ key: `${ctx.workflowId}:notify:${event.seq}`, kind: 'closed', data: { status, reason } });
}

/** Severity changed: every target is re-read from the new class and recomputed from its anchor. */
function reclassify(ctx: LadderContext, state: IncidentState, effects: Effects, severity: string, now: number): void {
  const previous = state.severity;
  const breachBefore = state.penalty.breachedAt;
  state.severity = severity;
  for (const clock of Object.values(state.clocks)) {
    if (!clock || clock.status === 'met' || clock.status === 'stopped' || clock.status === 'fired') continue;
    clock.target = ctx.target(severity, clock.key);
    clock.anchorAt = anchorFor(ctx, clock.target, clock.openedAt);
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
  record(state, effects, 'reclassified', now, undefined, { from: previous, to: severity });

  const breachAfter = state.penalty.breachedAt;
  const countsFromBreach = ctx.input.contract.penalty.countFrom === 'breach';
  // Periods owed change only when the breach is withdrawn, or moves while periods count from it.
  if (breachBefore !== null && breachBefore !== breachAfter && (breachAfter === null || countsFromBreach)) {
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
