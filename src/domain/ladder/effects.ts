/**
 * What a ladder transition asks the outside world to do: timeline events, notifications and ledger
 * commands. The ladder only appends to an `Effects`; the effect driver (driver.ts) performs them.
 */
import type { IncidentState, LedgerPosting, TimelineEvent } from './types';

/** The newest steps kept in the state; the full list is the timeline in PostgreSQL. */
export const HISTORY_LIMIT = 200;

/** A ledger command queued by the ladder and executed by the ledger port in order. */
export type LedgerCommand =
  | { type: 'post'; posting: Omit<LedgerPosting, 'amount' | 'capApplied' | 'written'> & { amount: string } }
  | { type: 'cancelAll'; kind: 'reversal' | 'correction'; reason: string };

export interface Notification {
  key: string;
  kind: 'breach' | 'escalation' | 'closed';
  data: Record<string, unknown>;
}

/** Side effects produced by a transition, drained by the effect driver. */
export interface Effects {
  events: TimelineEvent[];
  notifications: Notification[];
  ledger: LedgerCommand[];
}

export function emptyEffects(): Effects {
  return { events: [], notifications: [], ledger: [] };
}

/** Appends a timeline event: numbered in the state, queued for the timeline, kept in the bounded history. */
export function record(
  state: IncidentState,
  effects: Effects,
  kind: string,
  at: number,
  actor: string | undefined,
  data: Record<string, unknown>,
): TimelineEvent {
  state.seq += 1;
  const event: TimelineEvent = { seq: state.seq, kind, at, actor, data };
  effects.events.push(event);
  state.history.push(event);
  if (state.history.length > HISTORY_LIMIT) state.history.splice(0, state.history.length - HISTORY_LIMIT);
  return event;
}
