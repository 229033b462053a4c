/**
 * Catalogue keys of the domain's own identifiers. A label is looked up by a key derived from the
 * identifier the code already uses, so every text that names a rung, a target, a step or a status
 * — the console, fault reports, notifications, and later the step/rung catalogue — says it the same
 * way in each language:
 *
 *   domain:rung.<rung>              domain:target.<rung>.<field> (the clock key, e.g. triage.respondWithin)
 *   domain:step.<step>              domain:event.<timeline kind>  (step:<name> → event.step.<name>)
 *   domain:status.<status>          domain:stage.<stage>          domain:clockStatus.<status>
 *   domain:pauseReason.<reason>     domain:outcome.<outcome>      domain:unit.<unit>, domain:amount.<unit> (plural)
 *   domain:anchor.<anchor>          domain:ledgerKind.<kind>      domain:capScope / partialPeriod / countFrom.<value>
 *   domain:role.<role>              domain:notificationKind.<kind>
 *
 * Severity classes are policy data: they are shown as the policy names them, never translated here.
 */
import {
  type StepName,
  type StepPayloads,
  type ClockKey,
  type ClockStatus,
  type IncidentStatus,
  type LedgerPosting,
  type PauseReason,
  type Stage,
} from '../domain/ladder';
import type { SendNotificationInput } from '../../activities/notification.activities';
import { ROLES } from '../auth/roles';
import { DURATION_UNITS } from '../domain/clock/types';
import { CAP_SCOPES, COUNT_FROM, PARTIAL_PERIODS } from '../domain/penalty/terms';
import { RUNGS, RUNG_TARGETS, TARGET_ANCHORS } from '../domain/policy/policy';

const keys = <K extends string>(all: Record<K, true>): K[] => Object.keys(all) as K[];

/** Every identifier that has a label, per catalogue group (the missing-key test walks this). */
export const LABELLED = {
  rung: [...RUNGS],
  target: RUNG_TARGETS.map((t) => t.key) satisfies ClockKey[],
  targetHint: RUNG_TARGETS.map((t) => t.key),
  step: keys<StepName>({
    acknowledge: true,
    remoteSession: true,
    diagnosis: true,
    dispatch: true,
    arrive: true,
    spare: true,
    majorProblem: true,
    experts: true,
    progressUpdate: true,
    commitmentMet: true,
    restore: true,
    signOff: true,
    pause: true,
    resume: true,
    reclassify: true,
    exclude: true,
    cancel: true,
  }),
  status: keys<IncidentStatus>({ open: true, paused: true, restored: true, closed: true, cancelled: true, excluded: true }),
  stage: keys<Stage>({
    triage: true,
    remote: true,
    diagnosing: true,
    dispatch: true,
    en_route: true,
    onsite: true,
    restored: true,
    closed: true,
  }),
  clockStatus: keys<ClockStatus>({ running: true, met: true, breached: true, fired: true, stopped: true }),
  clockKind: keys<'deadline' | 'trigger'>({ deadline: true, trigger: true }),
  pauseReason: keys<PauseReason>({ force_majeure: true, waiting_on_customer: true }),
  outcome: keys<StepPayloads['diagnosis']['outcome']>({ needs_onsite: true, resolved_remotely: true }),
  unit: [...DURATION_UNITS],
  amount: [...DURATION_UNITS],
  anchor: [...TARGET_ANCHORS],
  ledgerKind: keys<LedgerPosting['kind']>({ accrual: true, reversal: true, correction: true }),
  capScope: [...CAP_SCOPES],
  partialPeriod: [...PARTIAL_PERIODS],
  countFrom: [...COUNT_FROM],
  role: [...ROLES],
  notificationKind: keys<SendNotificationInput['kind']>({ breach: true, escalation: true, closed: true }),
};

export type LabelGroup = keyof typeof LABELLED;

/** A clock's label: a named extra commitment (`extra:<name>`) is called by the name its policy gives it. */
export function targetLabel(t: (key: string, options?: Record<string, unknown>) => string, clock: string): string {
  return clock.startsWith('extra:') ? clock.slice('extra:'.length) : t(labelKey('target', clock));
}

/** The catalogue key of an identifier's label: `labelKey('target', 'triage.respondWithin')`. */
export function labelKey(group: LabelGroup | 'event', id: string): string {
  if (group === 'event') return id.startsWith('step:') ? `domain:event.step.${id.slice(5)}` : `domain:event.${id}`;
  return `domain:${group}.${id}`;
}
