/**
 * When each rung opens, for previewing rungStart-anchored targets before any
 * incident exists. The ladder opens rungs on events (acknowledgement, dispatch,
 * restore, sign-off); a preview assumes each event happens at the latest moment
 * the policy allows, i.e. when the previous target falls due.
 */
import type { Rung, TargetKey } from '../domain/policy/policy';

/** The target whose due instant is assumed to open the rung; null: the rung opens at the report (t0). */
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
};

export const RUNG_OPENING_NOTE =
  'For rungStart-anchored targets the preview assumes each rung opens when the previous target falls due: ' +
  'onsite.arriveWithin from remote.resolveWithin, spare.deliverWithin from spare.triggerAfter, ' +
  'expert.conveneWithin from expert.triggerAfter, signOff.within from penalty.restoreWithin, ' +
  'faultReport.deliverWithin from signOff.within (and remote.* from triage.respondWithin; triage and penalty open at the report). ' +
  'A trigger target (spare.triggerAfter, expert.triggerAfter) opens at the report. Each such row says so in `assumption`.';
