/** What the exposure simulator reads of past incidents and what it answers (pure data, no I/O). */
import type { StepName } from '../catalogue';
import type { PolicyDefinition } from '../policy/policy';
import type { PenaltyTerms } from '../penalty/terms';
import type { PinnedSnapshot } from '../ladder/types';

/** One recorded step of an incident's timeline: the step, the instant the ladder applied it, its payload. */
export interface RecordedStep {
  /** A step of the catalogue, or 'close' (the fault report closed the signed-off incident). */
  step: StepName | 'close';
  at: number;
  /** The payload as the ladder applied it (actor included); empty for 'close'. */
  payload: Record<string, unknown>;
  /** Timeline seq: orders steps recorded at the same instant. */
  seq: number;
}

/** A past incident as it was recorded: its pinned snapshot and its steps in timeline order. */
export interface RecordedIncident {
  id: string;
  workflowId: string;
  reportedAt: number;
  /** Severity at the report (a later reclassification is one of the steps). */
  severity: string;
  /** Null for an incident that was never pinned: it cannot be replayed. */
  pinned: PinnedSnapshot | null;
  steps: RecordedStep[];
}

/** The policy (and optionally terms) a replay runs under instead of the pinned ones. */
export interface CandidatePolicy {
  policy: { id: string; version: number | null; definition: PolicyDefinition };
  /** Penalty terms replacing every incident's pinned terms; absent: the pinned terms. */
  terms?: PenaltyTerms;
}

export interface SimulationInput {
  incidents: RecordedIncident[];
  candidate: CandidatePolicy;
  /** Currency the totals are in (the contract's); incidents pinned in another currency are not comparable. */
  currency: string;
  /** Replays stop here: incidents still open accrue until this instant, as the ledger has. */
  asOf: number;
}

/** A recorded step one policy's ladder would not take: skipped, and the incident is flagged. */
export interface RefusedStep {
  step: string;
  at: number;
  reason: string;
}

/** One incident under one policy. */
export interface PolicyOutcome {
  /** Target keys breached at the end of the replay (withdrawn breaches excluded), in ladder order. */
  breaches: string[];
  /** Net penalty after the cap (decimal string in the currency's minor unit). */
  penalty: string;
  /** Accrual periods owed (whether or not the cap left anything to post). */
  periods: number;
  status: string;
  refusedSteps: RefusedStep[];
}

export interface IncidentSimulation {
  incidentId: string;
  reportedAt: number;
  severity: string;
  actual: PolicyOutcome | null;
  candidate: PolicyOutcome | null;
  /** candidate − actual; null when the incident is not comparable. */
  difference: { breaches: number; penalty: string } | null;
  /** True when a step was refused under either policy, or the incident is not comparable. */
  flagged: boolean;
  /** Why the incident is flagged, in words (empty when not). */
  notes: string[];
  /** Counted in the totals: replayed under both policies. */
  comparable: boolean;
}

export interface Totals {
  breaches: number;
  penalty: string;
}

/** A point of the cumulative penalty curve of both policies over the period. */
export interface CumulativePoint {
  at: number;
  actual: string;
  candidate: string;
}

export interface SimulationResult {
  currency: string;
  asOf: number;
  incidents: IncidentSimulation[];
  totals: {
    incidents: number;
    comparable: number;
    flagged: number;
    actual: Totals;
    candidate: Totals;
    difference: Totals;
    /** Per target key: breaches under each policy (comparable incidents). */
    breachesByTarget: Record<string, { actual: number; candidate: number }>;
  };
  cumulative: CumulativePoint[];
}
