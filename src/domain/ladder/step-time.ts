/**
 * When a step happened, and whether it was already applied. A step's time is the instant the API
 * received it (so an engineer who acknowledged on time while no worker ran is not late), but never
 * before what the incident has already processed, and never after now. A retried step (same
 * idempotency key) is applied once, also across continue-as-new (the keys travel in the state).
 */
import type { LadderContext } from './context';
import type { StepBase } from './steps';
import type { IncidentState } from './types';

/** Clock skew tolerated between the API and the workflow. */
export const STEP_TIME_SKEW_MS = 60_000;
/** Keys remembered per incident: far more than a client keeps retrying. */
export const STEP_KEYS_KEPT = 200;

const iso = (ms: number) => new Date(ms).toISOString();

/** Why a step's time is implausible (null when fine): in the future, or before the incident. */
export function stepTimeRefusal(ctx: LadderContext, payload: Partial<StepBase>, now: number): string | null {
  const at = payload.requestedAt;
  if (at === undefined) return null;
  if (at > now + STEP_TIME_SKEW_MS) return `the step's time ${iso(at)} is in the future`;
  if (at < ctx.input.reportedAt) return `the step's time ${iso(at)} is before the incident was reported (${iso(ctx.input.reportedAt)})`;
  return null;
}

/** The instant the ladder applies a step at. */
export function stepInstant(state: IncidentState, payload: Partial<StepBase>, now: number): number {
  if (payload.requestedAt === undefined) return now;
  return Math.min(now, Math.max(payload.requestedAt, state.clockedAt ?? payload.requestedAt));
}

export function isKnownStep(state: IncidentState, key: string | undefined): boolean {
  return key !== undefined && (state.stepKeys ?? []).includes(key);
}

export function rememberStep(state: IncidentState, key: string): void {
  const keys = (state.stepKeys ??= []);
  keys.push(key);
  if (keys.length > STEP_KEYS_KEPT) keys.splice(0, keys.length - STEP_KEYS_KEPT);
}
