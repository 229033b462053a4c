/**
 * Whether a contract takes a new report (issue 14 item 9): it must be active, and the report must
 * fall inside its term (the end extended by force majeure) unless an admin overrides with a reason.
 */
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { ConflictError } from '../common/errors';
import { extendedEnd, forceMajeureDays, termProblem, type ContractStatus } from '../domain/contract/life';
import { DomainValidationError } from '../domain/errors';

export interface TermOverride {
  reason: string;
  by: string;
  tokenId: string;
  /** What the report would have been refused for. */
  problem: string;
}

/** Throws (409 for a suspended/terminated contract, 400 naming reportedAt or termOverride) or returns the override to record. */
export async function checkContractStanding(
  db: EntityManager,
  input: { contractId: string; reportedAt: number; override?: { reason: string }; principal: Principal },
): Promise<TermOverride | null> {
  // The term's dates are read in the zone of the contract's calendarId, whatever calendar the class runs on.
  const [c]: Array<{
    status: ContractStatus;
    status_reason: string | null;
    starts_on: string | null;
    ends_on: string | null;
    zone: string;
  }> = await db.query(
    `SELECT status, status_reason, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on,
         (SELECT definition->>'zone' FROM calendars WHERE id = contracts.calendar_id) AS zone
     FROM contracts WHERE id = $1`,
    [input.contractId],
  );
  if (!c) return null; // the snapshot load has answered 404 already
  if (c.status !== 'active') {
    throw new ConflictError(
      `contract ${input.contractId} is ${c.status}${c.status_reason ? ` (${c.status_reason})` : ''}: no incident can be reported under it`,
      'contract_not_active',
    );
  }
  const pauses: Array<{ from_ms: string; to_ms: string }> = c.ends_on
    ? await db.query(
        `SELECT (extract(epoch FROM paused_from) * 1000)::bigint AS from_ms, (extract(epoch FROM paused_to) * 1000)::bigint AS to_ms
         FROM contract_force_majeure WHERE contract_id = $1`,
        [input.contractId],
      )
    : [];
  const { days } = forceMajeureDays(pauses.map((p) => ({ from: Number(p.from_ms), to: Number(p.to_ms) })));
  const problem = termProblem({
    reportedAt: input.reportedAt,
    zone: c.zone,
    startsOn: c.starts_on,
    effectiveEndsOn: extendedEnd(c.ends_on, days),
  });
  if (!problem) return null;
  if (!input.override) {
    throw new DomainValidationError([
      { path: 'reportedAt', message: `${problem}; an admin may report it anyway with termOverride: { reason }` },
    ]);
  }
  if (!input.principal.roles.includes('admin')) {
    throw new DomainValidationError([
      { path: 'termOverride', message: `only an admin may report outside the contract term (${input.principal.name} has no admin role)` },
    ]);
  }
  return { reason: input.override.reason, by: input.principal.name, tokenId: input.principal.tokenId, problem };
}
