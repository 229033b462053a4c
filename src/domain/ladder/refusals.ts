/** Why a step cannot be taken now: state refusals (the stage, the status) and payload refusals. */
import { hasSeverity } from '../policy/policy';
import { isTerminal, type LadderContext } from './context';
import { STEP_NAMES, type StepName, type StepPayloads } from './steps';
import type { IncidentState, Stage } from './types';

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
  return STEP_NAMES.filter((s) => stateRefusal(state, s) === null);
}
