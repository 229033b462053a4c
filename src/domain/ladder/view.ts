import { clockKind, deadlineOf, runningTime } from '../clock';
import { enginePauses, type LadderContext } from './context';
import { allowedSteps } from './refusals';
import { nextWakeAt } from './transitions';
import type { ClockView, IncidentState, IncidentView } from './types';

/** Derives the per-clock figures (elapsed, remaining, paused, % used) at `now`. Pure. */
export function buildView(ctx: LadderContext, state: IncidentState, now: number): IncidentView {
  const pauses = enginePauses(state);
  const clockViews: ClockView[] = [];
  for (const clock of Object.values(state.clocks)) {
    if (!clock) continue;
    const kind = clockKind(clock.target.unit);
    const end = clock.status === 'running' ? now : (clock.settledAt ?? now);
    const from = clock.anchorAt;
    const to = Math.max(from, end);
    const elapsedMs = runningTime(ctx.calendar, kind, from, to, pauses);
    const pausedMs = runningTime(ctx.calendar, kind, from, to) - elapsedMs;
    // The target's own running length (pauses excluded), known even while a pause hides the due instant.
    const unpausedDue = deadlineOf(ctx.calendar, from, clock.target)!;
    const totalMs = runningTime(ctx.calendar, kind, from, unpausedDue);
    const remainingMs = clock.status === 'running' ? Math.max(0, totalMs - elapsedMs) : null;
    const percentUsed = totalMs > 0 ? Math.round((elapsedMs / totalMs) * 1000) / 10 : 0;
    clockViews.push({
      key: clock.key,
      rung: clock.rung,
      kind: clock.kind,
      status: clock.status,
      target: clock.target,
      anchorAt: clock.anchorAt,
      dueAt: clock.dueAt,
      settledAt: clock.settledAt,
      marginMs: clock.marginMs,
      ...(clock.cycle !== undefined ? { cycle: clock.cycle, missed: clock.missed ?? 0 } : {}),
      ...(clock.extra !== undefined ? { extra: clock.extra } : {}),
      elapsedMs,
      remainingMs,
      pausedMs,
      percentUsed,
    });
  }
  return {
    ...state,
    asOf: now,
    clockViews,
    nextDueAt: nextWakeAt(ctx, state),
    allowedSteps: allowedSteps(state),
  };
}
