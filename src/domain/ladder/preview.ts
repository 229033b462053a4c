/**
 * The policy preview: every target's due instant for an incident reported at t0, computed by
 * running the ladder itself on a scripted incident in which each rung opens at the latest moment
 * the policy allows, i.e. when the target before it falls due.
 */
import type { BusinessCalendar } from '../clock';
import { listTargets, type PolicyDefinition, type Rung, type Target, type TargetKey } from '../policy/policy';
import { LadderContext } from './context';
import { emptyEffects } from './effects';
import { refusal } from './refusals';
import type { StepName, StepPayloads } from './steps';
import { advance, applyStep, initialState } from './transitions';
import type { ClockKey, IncidentState } from './types';

/** The target whose due instant is assumed to open each rung; null: the rung opens at the report (t0). */
export const RUNG_OPENED_BY: Record<Rung, TargetKey | null> = {
  triage: null,
  // the remote session is started once the call is acknowledged
  remote: 'triage.respondWithin',
  // dispatch is decided when no remote fix came by remote.resolveWithin
  onsite: 'remote.resolveWithin',
  spare: 'spare.triggerAfter',
  expert: 'expert.triggerAfter',
  // the restore clock runs from the report
  penalty: null,
  // sign-off is asked for at the restore
  signOff: 'penalty.restoreWithin',
  // the fault report follows the sign-off
  faultReport: 'signOff.within',
  // the progress-update cadence's first cycle counts from the report
  progress: null,
};

export const RUNG_OPENING_NOTE =
  'The preview runs the ladder on an incident whose every rung opens at the latest moment the policy allows: ' +
  'the call is acknowledged when triage.respondWithin falls due, the remote session starts when remote.startWithin falls due, ' +
  'no remote fix comes (on site opens when remote.resolveWithin falls due), the spare and expert rungs open at their triggers, ' +
  'service is restored when penalty.restoreWithin falls due and the customer signs off when signOff.within falls due. ' +
  'A trigger target (spare.triggerAfter, expert.triggerAfter) opens at the report. Each rungStart-anchored row says so in `assumption`.';

export interface PreviewRow {
  key: TargetKey;
  rung: Rung;
  target: Target;
  anchorAt: number;
  dueAt: number;
  assumption: string | null;
}

const ACTOR = 'preview';

function take<S extends StepName>(
  ctx: LadderContext,
  state: IncidentState,
  step: S,
  payload: Omit<StepPayloads[S], 'actor'>,
  at: number,
): void {
  const effects = emptyEffects();
  advance(ctx, state, effects, at);
  const full = { ...payload, actor: ACTOR } as StepPayloads[S];
  if (refusal(ctx, state, step, full) === null) applyStep(ctx, state, effects, step, full, at);
}

function due(state: IncidentState, key: ClockKey): number | undefined {
  return state.clocks[key]?.dueAt ?? undefined;
}

/** Due instants of every target `severity` promises, in ladder order (no pauses). */
export function previewLadder(def: PolicyDefinition, severity: string, t0: number, calendar: BusinessCalendar): PreviewRow[] {
  const ctx = new LadderContext(
    {
      incidentId: 'preview',
      severity,
      description: '',
      reportedAt: t0,
      reportedBy: ACTOR,
      policy: { id: 'preview', version: 0, definition: def },
      calendar: { id: 'preview', definition: calendar.definition },
      contract: { id: 'preview', customer: '', totalValue: '0', currency: 'CNY', penalty: null, webhookUrl: null },
    },
    'preview',
  );
  const targets = listTargets(def, severity);

  // Never restored: triage → remote → on site, and the triggered rungs. A rung the policy does not
  // promise has no due instant: the step that would follow it is taken when the one before was.
  const open = initialState(ctx).state;
  const acknowledged = due(open, 'triage.respondWithin') ?? t0;
  take(ctx, open, 'acknowledge', {}, acknowledged);
  const sessionStarted = due(open, 'remote.startWithin') ?? acknowledged;
  take(ctx, open, 'remoteSession', {}, sessionStarted);
  const resolveDue = due(open, 'remote.resolveWithin') ?? sessionStarted;
  advance(ctx, open, emptyEffects(), resolveDue);
  take(ctx, open, 'dispatch', { engineer: ACTOR }, resolveDue);
  const triggers = (['spare.triggerAfter', 'expert.triggerAfter'] as const).map((k) => due(open, k)).filter((d) => d !== undefined);
  advance(ctx, open, emptyEffects(), Math.max(resolveDue, ...triggers));

  // Restored when the restore target falls due, then signed off when the sign-off target does.
  const closing = initialState(ctx).state;
  take(ctx, closing, 'acknowledge', {}, t0);
  const restored = due(closing, 'penalty.restoreWithin') ?? t0;
  take(ctx, closing, 'restore', { cause: ACTOR, method: ACTOR }, restored);
  take(ctx, closing, 'signOff', { signer: ACTOR }, due(closing, 'signOff.within') ?? restored);

  return targets.map(({ key, rung, target }) => {
    // A cadence restarts at every due instant: its row is the first cycle, from the report.
    const from =
      key === 'progress.updateEvery'
        ? initialState(ctx).state
        : key === 'signOff.within' || key === 'faultReport.deliverWithin'
          ? closing
          : open;
    const clock = from.clocks[key];
    if (!clock || clock.dueAt === null) throw new Error(`preview: ${key} did not open`);
    let assumption: string | null = null;
    if (target.anchor === 'rungStart') {
      const opener = RUNG_OPENED_BY[rung];
      const openerPromised = opener !== null && targets.some((t) => t.key === opener);
      assumption =
        opener === null || opener === key || clock.anchorAt === t0
          ? `assumes the ${rung} rung opens at the report (${new Date(t0).toISOString()})`
          : openerPromised
            ? `assumes the ${rung} rung opens when ${opener} falls due (${new Date(clock.anchorAt).toISOString()})`
            : `assumes the ${rung} rung opens as late as the promised targets before it allow (${new Date(clock.anchorAt).toISOString()})`;
    }
    return { key, rung, target, anchorAt: clock.anchorAt, dueAt: clock.dueAt, assumption };
  });
}
