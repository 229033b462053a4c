import type { EscalationRung, PauseReason, Rung as CatalogueRung, Stage, TargetKey } from '../catalogue';
import type { CalendarDefinition } from '../clock/types';
import type { PolicyDefinition, Target } from '../policy/policy';
import type { PenaltyTerms } from '../penalty/terms';
import type { Language } from '../../i18n/languages';

/** Lifecycle of an incident as a whole. */
export type IncidentStatus = 'open' | 'paused' | 'restored' | 'closed' | 'cancelled' | 'excluded';

export type { PauseReason, Stage } from '../catalogue';

/** The escalation rungs, in order (state.rung is the highest one opened). */
export { ESCALATION_RUNGS as RUNGS } from '../catalogue';
export type Rung = EscalationRung;

/** A clock is a policy's target slot running for one incident, or a named extra commitment (`extra:<name>`). */
export type ClockKey = TargetKey | ExtraClockKey;
export type ExtraClockKey = `extra:${string}`;

export type ClockStatus = 'running' | 'met' | 'breached' | 'fired' | 'stopped';

export interface ClockState {
  key: ClockKey;
  rung: CatalogueRung;
  /** deadline: a promise that can be met or breached; trigger: opens a rung when it fires. */
  kind: 'deadline' | 'trigger';
  target: Target;
  /** The instant the target counts from (t0 or the rung's opening). */
  anchorAt: number;
  openedAt: number;
  status: ClockStatus;
  /** Null while an open pause hides the due instant. */
  dueAt: number | null;
  /** When it was met, breached (the due instant), fired, or stopped. */
  settledAt?: number;
  /** Met: time left at the due instant (positive); breached: how late it was detected. */
  marginMs?: number;
  /** When the step that settles a breached clock was finally taken (a late acknowledge, …). */
  completedAt?: number;
  /** A cadence (progress.updateEvery): the running cycle, from 1. */
  cycle?: number;
  /** A cadence: how many of its cycles were missed (each one a breach). */
  missed?: number;
  /** A named extra commitment (policy `extras`): its name and the step that meets it. */
  extra?: { name: string; metBy: string };
}

export interface PauseRecord {
  from: number;
  to: number | null;
  reason: PauseReason;
  note?: string;
  actor: string;
}

export interface TimelineEvent {
  seq: number;
  kind: string;
  at: number;
  actor?: string;
  data: Record<string, unknown>;
}

export interface LedgerPosting {
  key: string;
  kind: 'accrual' | 'reversal' | 'correction';
  periodIndex: number;
  periodStart: number;
  periodEnd: number;
  /** Decimal string; negative for reversals and corrections. Filled by the ledger activity. */
  amount: string;
  capApplied: boolean;
  /** False when the cap left nothing to post (no row written). */
  written: boolean;
  /** For accruals: whether a reversal/correction already cancelled it. */
  cancelled?: boolean;
  generation: number;
}

export interface PenaltyState {
  /** Instant restoreWithin was breached; null = not breached (or breach withdrawn by a reclassification). */
  breachedAt: number | null;
  /** Incremented whenever the accrual schedule is rebuilt (reclassification). */
  generation: number;
  postings: LedgerPosting[];
  /** Periods posted (written or cut to zero) in the current generation. */
  periodsPosted: number;
}

export interface ContractSnapshot {
  id: string;
  customer: string;
  totalValue: string;
  currency: string;
  /** Null when the contract carries no money: breaches are tracked, nothing is posted. */
  penalty: PenaltyTerms | null;
  webhookUrl: string | null;
  /** Language of the customer's documents; absent in incidents started before contracts had one. */
  language?: Language;
  /** Customer-caused causes the exclude step may name (or "other"); absent in incidents pinned before contracts had them, null: no list. */
  exclusionCauses?: readonly string[] | null;
}

/**
 * The terms an incident runs under, pinned when it starts: the policy version, the calendar and the
 * contract's terms. Later admin edits never move its deadlines or its money, and everything computed
 * for it later (reconciliation, reports, simulations) uses this snapshot (kept in `incidents.pinned`).
 */
export interface PinnedSnapshot {
  policy: { id: string; version: number; definition: PolicyDefinition };
  /** The calendar of the incident's class at report time (the contract's classCalendars, else its calendarId). */
  calendar: { id: string; definition: CalendarDefinition };
  /**
   * Every class of the pinned policy with the calendar it runs on, when the contract maps classes to
   * calendars (issue 14 item 2); absent otherwise and in incidents pinned before contracts had the map.
   */
  classCalendars?: Record<string, { id: string; definition: CalendarDefinition }>;
  contract: ContractSnapshot;
}

/** Everything an incident's workflow starts from. */
export interface IncidentWorkflowInput extends PinnedSnapshot {
  incidentId: string;
  severity: string;
  description: string;
  reportedAt: number;
  reportedBy: string;
  /** The API token that reported it (absent in incidents reported before reports were audited with their first event). */
  reporter?: { tokenId: string | null; name: string; idempotencyKey?: string };
}

export interface Resolution {
  cause: string;
  method: string;
}

export interface IncidentState {
  incidentId: string;
  status: IncidentStatus;
  stage: Stage;
  severity: string;
  /** Highest rung opened so far. */
  rung: Rung;
  rungsOpenedAt: Partial<Record<Rung, number>>;
  clocks: Partial<Record<ClockKey, ClockState>>;
  pauses: PauseRecord[];
  breachCount: number;
  majorProblem: boolean;
  assignees: string[];
  spareUnitId?: string;
  experts?: string[];
  restoredAt?: number;
  resolution?: Resolution;
  signedOffBy?: string;
  closedAt?: number;
  closeReason?: string;
  penalty: PenaltyState;
  /** Timeline events created so far (the last `seq` used). */
  seq: number;
  /** Highest seq known to be in PostgreSQL. */
  persistedSeq: number;
  /** Steps taken, newest last (bounded; the full list is the timeline in PostgreSQL). */
  history: TimelineEvent[];
  /** The latest instant the ladder has processed (absent in states from before it was kept). */
  clockedAt?: number;
  /** Idempotency keys of the latest steps, newest last (bounded): a retry is applied once, across continue-as-new. */
  stepKeys?: string[];
}

/** What the query returns: the state plus derived per-clock figures at the query's instant. */
export interface IncidentView extends IncidentState {
  asOf: number;
  clockViews: ClockView[];
  nextDueAt: number | null;
  allowedSteps: string[];
}

export interface ClockView {
  key: ClockKey;
  rung: string;
  kind: 'deadline' | 'trigger';
  status: ClockStatus;
  target: Target;
  anchorAt: number;
  dueAt: number | null;
  settledAt?: number;
  marginMs?: number;
  /** A cadence: the running cycle and the cycles missed so far. */
  cycle?: number;
  missed?: number;
  /** A named extra commitment: its name and the step that meets it. */
  extra?: { name: string; metBy: string };
  elapsedMs: number;
  remainingMs: number | null;
  pausedMs: number;
  percentUsed: number;
}
