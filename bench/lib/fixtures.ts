/**
 * Admin data for the lifecycle benchmark, written straight to PostgreSQL (like the test fixtures)
 * so the load does not depend on the admin API. One policy with targets seconds long, so each
 * incident breaches its restore target and accrues exactly one penalty period while the driver
 * walks it through every rung.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { validatePenaltyTerms } from '../../src/domain/penalty/terms';
import { validatePolicyDefinition, type SeverityTargets } from '../../src/domain/policy/policy';

/** Restore target: breached 1 s after the report. */
export const RESTORE_TARGET_MS = 1_000;
/**
 * When the driver restores service, from the report: after the breach and its accrual.
 * One lifecycle is thus ~2.2 s of wall time when the system keeps up.
 */
export const RESTORE_AT_MS = 2_050;

const s = (amount: number, anchor: 'report' | 'rungStart' = 'report') => ({ amount, unit: 'seconds' as const, anchor });

/** Every step target 30 s (met by the driver); restore 1 s (breached); spare/experts never reached. */
export function benchTargets(): SeverityTargets {
  return {
    triage: { respondWithin: s(30) },
    remote: { startWithin: s(30), resolveWithin: s(30) },
    onsite: { arriveWithin: s(30, 'rungStart') },
    spare: { triggerAfter: s(3600), deliverWithin: s(3600, 'rungStart') },
    expert: { triggerAfter: s(3600), conveneWithin: s(3600, 'rungStart') },
    penalty: { restoreWithin: s(RESTORE_TARGET_MS / 1000) },
    signOff: { within: s(30, 'rungStart') },
    faultReport: { deliverWithin: s(30, 'rungStart') },
  };
}

/**
 * Penalty terms: 0.001 % of 1,000,000.00 = 10.00 per started hour of interruption counted from the
 * breach, capped at 5 % per contract (5,000 periods). The first period is owed the moment the restore
 * target is breached (same activation as the breach timer), the second only an hour later: every
 * lifecycle posts exactly one ledger row however late the system runs, so the product's work per
 * lifecycle does not grow with the load (1-second periods would add a timer, a ledger posting and a
 * timeline write per second of lateness — a feedback loop that measures the benchmark, not the product).
 */
export const BENCH_TERMS = validatePenaltyTerms({
  ratePerPeriod: '0.00001',
  period: { amount: 1, unit: 'hours' },
  capFraction: '0.05',
  capScope: 'contract',
  partialPeriod: 'started',
  countFrom: 'breach',
});

/** Creates one policy and `count` contracts on the built-in 24x7 calendar; returns the contract ids. */
export async function createBenchContracts(pool: Pool, count: number): Promise<string[]> {
  const tag = randomUUID().slice(0, 8);
  const policyId = randomUUID();
  const definition = validatePolicyDefinition({ severities: { urgent: benchTargets() } });
  await pool.query(`INSERT INTO policies (id, name, current_version) VALUES ($1, $2, 1)`, [policyId, `bench-policy-${tag}`]);
  await pool.query(`INSERT INTO policy_versions (policy_id, version, definition) VALUES ($1, 1, $2)`, [
    policyId,
    JSON.stringify(definition),
  ]);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    await pool.query(
      `INSERT INTO contracts (id, name, customer, total_value, currency, calendar_id, policy_id, penalty_terms)
       VALUES ($1, $2, $3, '1000000.00', 'CNY', '24x7', $4, $5)`,
      [id, `bench-${tag}-${i}`, `Bench customer ${i}`, policyId, JSON.stringify(BENCH_TERMS)],
    );
    ids.push(id);
  }
  return ids;
}
