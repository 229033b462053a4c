/**
 * Replays one recorded incident through the ladder engine under a given policy and terms, the way
 * its workflow ran: durable timers wake the ladder at each due instant, every recorded step is
 * taken at the instant it was applied (advance, refusal, apply), and the signed-off incident closes
 * when its fault report did. Ledger commands come out stamped with the instant they were queued,
 * so a simulated ledger can take them across incidents in the order the real one did.
 */
import { TARGET_SLOTS } from '../catalogue';
import { BusinessCalendar } from '../clock';
import { hasSeverity, type PolicyDefinition } from '../policy/policy';
import type { PenaltyTerms } from '../penalty/terms';
import {
  advance,
  applyStep,
  closeWithReport,
  emptyEffects,
  initialState,
  LadderContext,
  nextWakeAt,
  refusal,
  type Effects,
  type IncidentState,
  type LedgerCommand,
  type StepName,
  type StepPayloads,
} from '../ladder';
import type { RecordedIncident, RefusedStep } from './types';

/** A ledger command with the instant the ladder queued it and its place in the incident's order. */
export interface TimedCommand {
  at: number;
  order: number;
  command: LedgerCommand;
}

export interface Replay {
  ctx: LadderContext;
  state: IncidentState;
  commands: TimedCommand[];
  refused: RefusedStep[];
}

export interface ReplayPolicy {
  policy: { id: string; version: number; definition: PolicyDefinition };
  /** Null: the contract carries no money. */
  terms: PenaltyTerms | null;
}

/** Why the incident cannot be replayed under this policy at all, or null. */
export function replayProblem(incident: RecordedIncident, policy: ReplayPolicy): string | null {
  if (!incident.pinned) return 'the incident has no pinned snapshot of its terms';
  if (!hasSeverity(policy.policy.definition, incident.severity)) {
    const known = Object.keys(policy.policy.definition.severities).join(', ');
    return `its severity ${incident.severity} is not in the policy (one of: ${known})`;
  }
  return null;
}

/**
 * Built calendars by definition: incidents pinned to the same calendar share one, with its memos of
 * zone offsets and working days (calendar arithmetic is most of a replay's cost).
 */
export class CalendarCache {
  private readonly built = new Map<string, BusinessCalendar>();

  of(definition: unknown): BusinessCalendar {
    const key = JSON.stringify(definition);
    let calendar = this.built.get(key);
    if (!calendar) this.built.set(key, (calendar = BusinessCalendar.of(definition)));
    return calendar;
  }
}

/** Replays the incident up to `asOf`; call replayProblem first. */
export function replayIncident(
  incident: RecordedIncident,
  policy: ReplayPolicy,
  asOf: number,
  calendars: CalendarCache = new CalendarCache(),
): Replay {
  const pinned = incident.pinned!;
  const ctx = new LadderContext(
    {
      ...pinned,
      policy: policy.policy,
      contract: { ...pinned.contract, penalty: policy.terms },
      incidentId: incident.id,
      severity: incident.severity,
      description: '',
      reportedAt: incident.reportedAt,
      reportedBy: '',
    },
    incident.workflowId,
    { calendar: calendars.of(pinned.calendar.definition) },
  );
  const commands: TimedCommand[] = [];
  const refused: RefusedStep[] = [];
  const collect = (effects: Effects, at: number) => {
    for (const command of effects.ledger) commands.push({ at, order: commands.length, command });
  };
  const initial = initialState(ctx);
  const state = initial.state;
  collect(initial.effects, incident.reportedAt);

  /** The durable timer: wakes at every due instant up to `until`. */
  const wakeUntil = (until: number) => {
    for (let wake = nextWakeAt(ctx, state); wake !== null && wake <= until;) {
      const effects = emptyEffects();
      advance(ctx, state, effects, wake);
      collect(effects, wake);
      const next = nextWakeAt(ctx, state);
      wake = next !== null && next > wake ? next : null;
    }
  };

  const steps = [...incident.steps].sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (const recorded of steps) {
    if (recorded.at > asOf) break;
    wakeUntil(recorded.at);
    const effects = emptyEffects();
    advance(ctx, state, effects, recorded.at);
    if (recorded.step === 'close') {
      if (state.stage === 'closed' && state.status === 'restored') closeWithReport(ctx, state, effects, recorded.at);
    } else {
      const step = recorded.step;
      const payload = recorded.payload as unknown as StepPayloads[StepName];
      const reason = refusal(ctx, state, step, payload);
      if (reason === null) applyStep(ctx, state, effects, step, payload, recorded.at);
      else refused.push({ step, at: recorded.at, reason });
    }
    collect(effects, recorded.at);
  }
  wakeUntil(asOf);
  const last = emptyEffects();
  advance(ctx, state, last, asOf);
  collect(last, asOf);
  return { ctx, state, commands, refused };
}

const LADDER_ORDER = TARGET_SLOTS.map((s) => s.key as string);

/** A clock's place in ladder order; named extra commitments (extra:<name>) come after the slots. */
const rank = (key: string): number => (LADDER_ORDER.includes(key) ? LADDER_ORDER.indexOf(key) : LADDER_ORDER.length);

/** Target keys breached at the end of a replay, in ladder order. */
export function breachedTargets(state: IncidentState): string[] {
  return (
    Object.values(state.clocks)
      // A cadence never stays breached (it restarts): its misses count instead.
      .filter((c) => c?.status === 'breached' || (c?.missed ?? 0) > 0)
      .map((c) => c!.key as string)
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  );
}
