/** SLA clocks: opening a target, its due instant on the calendar (pauses excluded), meeting and stopping it. */
import { isRecurring, TARGET_SLOTS, type TargetKey } from '../catalogue';
import { deadlineOf } from '../clock';
import type { Target } from '../policy/policy';
import { enginePauses, EXTRA_PREFIX, type LadderContext } from './context';
import { record, type Effects } from './effects';
import type { ClockKey, ClockState, IncidentState } from './types';

/** Each clock's rung and kind, from the catalogue's target slots. */
export const CLOCK_SLOTS = Object.fromEntries(TARGET_SLOTS.map((slot) => [slot.key, { rung: slot.rung, kind: slot.kind }])) as Record<
  TargetKey,
  { rung: ClockState['rung']; kind: ClockState['kind'] }
>;

/** A clock's rung, kind and (for an extra commitment) its name and the step that meets it. */
function slotOf(ctx: LadderContext, key: ClockKey): Pick<ClockState, 'rung' | 'kind' | 'extra'> {
  if (!key.startsWith(EXTRA_PREFIX)) return CLOCK_SLOTS[key as TargetKey];
  const extra = ctx.extra(key.slice(EXTRA_PREFIX.length))!;
  return { rung: extra.rung, kind: 'deadline', extra: { name: extra.name, metBy: extra.metBy } };
}

/** What a clock counts from; a cadence's cycle always counts from its own start (`rungStart`, the cycle's opening). */
export function anchorFor(ctx: LadderContext, target: Target, rungStart: number, key?: ClockKey): number {
  if (key !== undefined && isRecurring(key)) return rungStart;
  return target.anchor === 'rungStart' ? rungStart : ctx.input.reportedAt;
}

/** The clock's due instant, moved by every pause; null while an open pause hides it. */
export function dueOf(ctx: LadderContext, state: IncidentState, clock: Pick<ClockState, 'anchorAt' | 'target'>): number | null {
  return deadlineOf(ctx.calendar, clock.anchorAt, clock.target, enginePauses(state));
}

/** Opens the clock of `key`, or nothing when the incident's class does not promise it. */
export function openClock(ctx: LadderContext, state: IncidentState, key: ClockKey, rungStart: number): ClockState | undefined {
  const target = ctx.target(state.severity, key);
  if (!target) return undefined;
  const clock: ClockState = {
    key,
    ...slotOf(ctx, key),
    target,
    anchorAt: anchorFor(ctx, target, rungStart, key),
    openedAt: rungStart,
    status: 'running',
    dueAt: null,
    ...(isRecurring(key) ? { cycle: 1, missed: 0 } : {}),
  };
  clock.dueAt = dueOf(ctx, state, clock);
  state.clocks[key] = clock;
  return clock;
}

export function meetClock(state: IncidentState, effects: Effects, key: ClockKey, now: number, actor?: string): void {
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

export function stopClock(state: IncidentState, key: ClockKey, now: number): void {
  const clock = state.clocks[key];
  if (!clock || clock.status !== 'running') return;
  clock.status = 'stopped';
  clock.settledAt = now;
}

/** Recomputes every running clock's due instant (after a pause, a resume or a reclassification). */
export function refreshDues(ctx: LadderContext, state: IncidentState): void {
  for (const clock of Object.values(state.clocks)) {
    if (clock && clock.status === 'running') clock.dueAt = dueOf(ctx, state, clock);
  }
}

/** A cadence's next cycle, counted from `at` (the update that met the last one, or the due instant it missed). */
export function restartCycle(ctx: LadderContext, state: IncidentState, clock: ClockState, at: number): void {
  clock.cycle = (clock.cycle ?? 1) + 1;
  clock.status = 'running';
  clock.openedAt = at;
  clock.anchorAt = at;
  clock.settledAt = undefined;
  clock.marginMs = undefined;
  clock.dueAt = dueOf(ctx, state, clock);
}

/** A cadence met by a step at `now`: the cycle is recorded met and the next one starts from the step. */
export function meetCycle(ctx: LadderContext, state: IncidentState, effects: Effects, key: ClockKey, now: number): void {
  const clock = state.clocks[key];
  if (!clock || clock.status !== 'running') return;
  const marginMs = clock.dueAt === null ? undefined : clock.dueAt - now;
  record(state, effects, 'target_met', now, undefined, { clock: key, dueAt: clock.dueAt, marginMs, cycle: clock.cycle });
  restartCycle(ctx, state, clock, now);
}
