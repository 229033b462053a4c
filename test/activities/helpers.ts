/**
 * Shared by the activity tests: incident rows written straight to PostgreSQL (the activities only
 * need the rows their foreign keys point at) and ledger postings with sensible defaults.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { PostLedgerEntryInput } from '../../activities/ledger.activities';
import { incidentWorkflowId } from '../../workflows/incident/definitions';
import type { ContractFixture } from '../harness/fixtures';

export interface IncidentRow {
  incidentId: string;
  workflowId: string;
  contractId: string;
}

/** One incidents row for `contract` (status open, at the triage rung, projection_seq 0). */
export async function insertIncident(dataSource: DataSource, contract: ContractFixture, reportedAt = Date.now()): Promise<IncidentRow> {
  const incidentId = randomUUID();
  const workflowId = incidentWorkflowId(incidentId);
  await dataSource.query(
    `INSERT INTO incidents (id, workflow_id, contract_id, severity, description, reported_at, policy_id, policy_version, status, rung, stage)
     VALUES ($1, $2, $3, 'urgent', 'activity test', timestamptz 'epoch' + $4::bigint * interval '1 millisecond', $5, 1, 'open', 'triage', 'triage')`,
    [incidentId, workflowId, contract.contractId, reportedAt, contract.policyId],
  );
  return { incidentId, workflowId, contractId: contract.contractId };
}

const T0 = Date.UTC(2026, 0, 5, 1, 0, 0);

/** An accrual of 15,000.00 CNY (1,000,000.00 × 0.015) against a 50,000.00 contract cap, unless overridden. */
export function posting(incident: IncidentRow, overrides: Partial<PostLedgerEntryInput> = {}): PostLedgerEntryInput {
  const periodIndex = overrides.periodIndex ?? 1;
  return {
    key: `${incident.workflowId}:accrual:${randomUUID()}`,
    kind: 'accrual',
    contractId: incident.contractId,
    incidentId: incident.incidentId,
    periodIndex,
    periodStart: T0 + (periodIndex - 1) * 1000,
    periodEnd: T0 + periodIndex * 1000,
    amount: '15000.00',
    currency: 'CNY',
    rate: '0.015',
    basisAmount: '1000000.00',
    cap: '50000.00',
    capScope: 'contract',
    workflowId: incident.workflowId,
    runId: 'run-1',
    ...overrides,
  };
}

export interface LedgerRowFull {
  kind: string;
  incident_id: string;
  period_index: number;
  amount: string;
  cap_applied: boolean;
  idempotency_key: string;
}

export async function rowsWhere(dataSource: DataSource, column: 'contract_id' | 'incident_id', id: string): Promise<LedgerRowFull[]> {
  return dataSource.query(
    `SELECT kind, incident_id::text AS incident_id, period_index, amount::text AS amount, cap_applied, idempotency_key
     FROM ledger_entries WHERE ${column} = $1 ORDER BY id`,
    [id],
  );
}

/** Net of the ledger rows (exact, computed by PostgreSQL) with two decimals. */
export async function netWhere(dataSource: DataSource, column: 'contract_id' | 'incident_id', id: string): Promise<string> {
  const [row] = await dataSource.query(
    `SELECT to_char(COALESCE(SUM(amount), 0), 'FM999999999999990.00') AS net FROM ledger_entries WHERE ${column} = $1`,
    [id],
  );
  return row.net;
}

type Query = (sql: string, parameters?: unknown[]) => Promise<any>;

/**
 * A DataSource whose transactions hand the callback an EntityManager with its `query` replaced by
 * `rewrite` (everything else is the real object). Lets a test change what the activity's SQL does
 * without touching the activity.
 */
export function withTransactionQuery(
  dataSource: DataSource,
  rewrite: (real: Query, sql: string, parameters?: unknown[]) => Promise<any>,
): DataSource {
  return new Proxy(dataSource, {
    get(target, prop) {
      if (prop === 'transaction') {
        return (...args: unknown[]) => {
          const callback = args[args.length - 1] as (tx: unknown) => Promise<unknown>;
          const head = args.slice(0, -1);
          return (target.transaction as (...a: unknown[]) => Promise<unknown>)(...head, (tx: { query: Query }) => {
            const real: Query = (sql, parameters) => tx.query(sql, parameters);
            const wrapped = new Proxy(tx, {
              get(m, p) {
                if (p === 'query') return (sql: string, parameters?: unknown[]) => rewrite(real, sql, parameters);
                const v = Reflect.get(m, p, m);
                return typeof v === 'function' ? v.bind(m) : v;
              },
            });
            return callback(wrapped);
          });
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
