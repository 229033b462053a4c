/** Why a step cannot be taken now: state refusals (the stage, the status) and payload refusals. */
import { hasSeverity } from '../policy/policy';
import { exclusionCauseRefusal } from '../contract/exclusion-causes';
import { classCalendarRefusal } from '../contract/class-calendars';
import { isTerminal, type LadderContext } from './context';
import { stepDefinition, stepPayloadSchema } from '../catalogue';
import { fieldIssues } from '../validation';
import { stepNames, type StepName, type StepPayloads } from './steps';
import type { IncidentState, Stage } from './types';

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
  const expected = stepDefinition(step)?.stage;
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
    case 'commitmentMet':
      if (!Object.values(state.clocks).some((c) => c?.extra?.metBy === 'commitmentMet'))
        return "no extra commitment of the incident's policy is met by this step";
      return null;
    case 'progressUpdate':
      // Updates are due until the restore; after it the timeline has the resolution.
      if (state.status !== 'open') return 'service is already restored';
      return null;
    case 'restore':
      if (state.stage === 'triage') return 'the call has not been acknowledged yet';
      if (state.status !== 'open') return 'service is already restored';
      return null;
    default:
      return null;
  }
}

/** Why a step's payload is unacceptable (null when fine): its catalogue schema, then the incident's policy. */
export function payloadRefusal<S extends StepName>(
  ctx: LadderContext,
  state: IncidentState,
  step: S,
  payload: StepPayloads[S],
): string | null {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    return 'the step carries no payload (it needs at least its actor)';
  const parsed = stepPayloadSchema(step).safeParse(payload);
  if (!parsed.success)
    return fieldIssues(parsed.error)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ');
  if (step === 'reclassify') {
    const severity = (payload as StepPayloads['reclassify']).severity;
    if (!hasSeverity(ctx.input.policy.definition, severity)) {
      const known = Object.keys(ctx.input.policy.definition.severities).join(', ');
      return `severity ${severity} is not in the incident's policy (one of: ${known})`;
    }
    if (severity === state.severity) return `the incident is already ${state.severity}`;
    const calendar = classCalendarRefusal(ctx.input.classCalendars, ctx.input.calendar, severity);
    if (calendar) return calendar;
  }
  if (step === 'commitmentMet') return commitmentRefusal(ctx, state, (payload as StepPayloads['commitmentMet']).name);
  if (step === 'exclude') return exclusionCauseRefusal(ctx.input.contract.exclusionCauses, (payload as StepPayloads['exclude']).cause);
  return null;
}

/** Why commitmentMet cannot meet `name`: not one of this incident's open extra commitments met by that step. */
function commitmentRefusal(ctx: LadderContext, state: IncidentState, name: string): string | null {
  const open = Object.values(state.clocks)
    .filter((c) => c?.extra?.metBy === 'commitmentMet' && c.status === 'running')
    .map((c) => c!.extra!.name);
  const known = open.length ? `open: ${open.join(', ')}` : 'none is open';
  const clock = state.clocks[`extra:${name}`];
  if (!clock) {
    const extra = ctx.extra(name);
    if (!extra) return `"${name}" is not an extra commitment of the incident's policy (${known})`;
    return `extra commitment "${name}" has not opened (it opens with the ${extra.rung} rung; ${known})`;
  }
  if (clock.extra?.metBy !== 'commitmentMet')
    return `extra commitment "${name}" is met by the ${clock.extra?.metBy} step, not commitment-met`;
  if (clock.status === 'breached' && clock.completedAt === undefined) return null;
  if (clock.status !== 'running') return `extra commitment "${name}" is already ${clock.status}`;
  return null;
}

export function refusal<S extends StepName>(ctx: LadderContext, state: IncidentState, step: S, payload: StepPayloads[S]): string | null {
  return stateRefusal(state, step) ?? payloadRefusal(ctx, state, step, payload);
}

export function allowedSteps(state: IncidentState): StepName[] {
  return stepNames().filter((s) => stateRefusal(state, s) === null);
}
