/**
 * A contract's life (issue 14 item 9; DESIGN §8): its term, its status, and the days force majeure
 * adds to it ("本协议执行时间将延长与上述事故持续相等日数"). Pure: no I/O, no clock reads.
 */
import { DateTime } from 'luxon';
import { dayNumberToIsoDate, isoDateToDayNumber } from '../clock/dates';
import { text } from '../fields';
import { z } from '../validation';

export const CONTRACT_STATUSES = ['active', 'suspended', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const CONTRACT_ACTIONS = ['suspend', 'resume', 'terminate'] as const;
export type ContractAction = (typeof CONTRACT_ACTIONS)[number];

/** What each action needs the contract to be in, and what it leaves it in. Terminated is final. */
const TRANSITIONS: Record<ContractAction, { from: readonly ContractStatus[]; to: ContractStatus }> = {
  suspend: { from: ['active'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'active' },
  terminate: { from: ['active', 'suspended'], to: 'terminated' },
};

/** The status after `action`, or why it cannot be taken from `status`. */
export function contractTransition(status: ContractStatus, action: ContractAction): { to: ContractStatus } | { refused: string } {
  const t = TRANSITIONS[action];
  if (t.from.includes(status)) return { to: t.to };
  return {
    refused:
      status === 'terminated'
        ? `the contract is terminated: a termination is final (its ledger and history stay)`
        : `cannot ${action} a contract that is ${status} (only one that is ${t.from.join(' or ')})`,
  };
}

/** Body of suspend/resume/terminate: the reason is recorded on the contract and in the audit trail. */
export const ContractActionSchema = z.strictObject({
  reason: text(2000).meta({ example: 'Customer asked to suspend service during the campus move (letter 2026-11-03)' }),
});

export interface PauseInterval {
  from: number;
  to: number;
}

const DAY_MS = 86_400_000;

/**
 * Days force majeure extends the term by: the union of the contract's force-majeure pauses (one
 * event pausing several incidents at once counts once), rounded up once over the total: every started
 * day of it counts as a whole day.
 */
export function forceMajeureDays(pauses: readonly PauseInterval[]): { days: number; pausedMs: number } {
  const sorted = pauses.filter((p) => p.to > p.from).sort((a, b) => a.from - b.from);
  let pausedMs = 0;
  let start = -Infinity;
  let end = -Infinity;
  for (const p of sorted) {
    if (p.from > end) {
      if (end > start) pausedMs += end - start;
      start = p.from;
      end = p.to;
    } else end = Math.max(end, p.to);
  }
  if (end > start) pausedMs += end - start;
  return { days: Math.ceil(pausedMs / DAY_MS), pausedMs };
}

/** endsOn moved by `days` (null stays null: an open-ended contract). */
export function extendedEnd(endsOn: string | null, days: number): string | null {
  if (endsOn === null) return null;
  const n = isoDateToDayNumber(endsOn);
  return n === null ? endsOn : dayNumberToIsoDate(n + days);
}

/**
 * Why a report at `reportedAt` falls outside the term (dates in the contract calendar's zone, both
 * ends inclusive, the end extended by force majeure), or undefined when it is inside.
 */
export function termProblem(input: {
  reportedAt: number;
  zone: string;
  startsOn: string | null;
  effectiveEndsOn: string | null;
}): string | undefined {
  const day = DateTime.fromMillis(input.reportedAt, { zone: input.zone }).toISODate();
  if (day === null) return undefined;
  if (input.startsOn !== null && day < input.startsOn)
    return `reported on ${day} (${input.zone}), before the contract term starts on ${input.startsOn}`;
  if (input.effectiveEndsOn !== null && day > input.effectiveEndsOn) {
    return `reported on ${day} (${input.zone}), after the contract term ended on ${input.effectiveEndsOn}`;
  }
  return undefined;
}
