import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { resolveTemporalCli } from '../../src/temporal/temporal-cli';
import type { TestApp } from './context';
import { eventually } from './fixtures';

/** Reports an incident over HTTP and returns its id. */
export async function report(t: TestApp, contractId: string, severity = 'urgent', extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.http
    .post('/api/v1/incidents')
    .send({ contractId, severity, description: 'Billing system unreachable', reportedBy: 'hotline', ...extra });
  if (res.status !== 201) throw new Error(`report failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Takes a step and expects it to be accepted; returns the new state. */
export async function step(t: TestApp, id: string, path: string, body: Record<string, unknown> = {}) {
  const res = await t.http.post(`/api/v1/incidents/${id}/${path}`).send({ actor: 'eng:li.na', ...body });
  if (res.status !== 200) throw new Error(`${path} refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function detail(t: TestApp, id: string) {
  const res = await t.http.get(`/api/v1/incidents/${id}`);
  if (res.status !== 200) throw new Error(`get failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function clock(state: { clockViews: Array<{ key: string }> }, key: string) {
  const found = state.clockViews.find((c) => c.key === key);
  if (!found) throw new Error(`no clock ${key} in ${state.clockViews.map((c) => c.key).join(', ')}`);
  return found as {
    key: string;
    status: string;
    dueAt: number | null;
    settledAt?: number;
    marginMs?: number;
    pausedMs: number;
    remainingMs: number | null;
  };
}

/**
 * Waits until the live state satisfies `predicate` and the read model in PostgreSQL has caught up
 * with it (same timeline length as the workflow's event count).
 */
export async function waitForState(t: TestApp, id: string, predicate: (state: any) => boolean, timeoutMs = 20_000) {
  return eventually(async () => {
    const d = await detail(t, id);
    return predicate(d.state) && d.timeline.length === d.state.seq && d.status === d.state.status ? d : undefined;
  }, timeoutMs);
}

export interface LedgerRow {
  kind: string;
  period_index: number;
  amount: string;
  cap_applied: boolean;
  idempotency_key: string;
}

export async function ledgerRows(t: TestApp, incidentId: string): Promise<LedgerRow[]> {
  return t.dataSource.query(
    `SELECT kind, period_index, amount::text AS amount, cap_applied, idempotency_key FROM ledger_entries WHERE incident_id = $1 ORDER BY id`,
    [incidentId],
  );
}

/** Sum of amounts as an exact decimal string with two digits (the SQL does the arithmetic). */
export async function ledgerNet(t: TestApp, where: { incidentId?: string; contractId?: string }): Promise<string> {
  const [row] = await t.dataSource.query(
    `SELECT to_char(COALESCE(SUM(amount), 0), 'FM999999999999990.00') AS net FROM ledger_entries
     WHERE ($1::uuid IS NULL OR incident_id = $1) AND ($2::uuid IS NULL OR contract_id = $2)`,
    [where.incidentId ?? null, where.contractId ?? null],
  );
  return row.net;
}

/**
 * Waits until the wall clock has passed `instant`, an instant the test computed from the incident's
 * own data (a due instant, the start of a pause): for proving that nothing happens while time passes.
 */
export async function untilInstant(instant: number): Promise<void> {
  for (let left = instant - Date.now(); left > 0; left = instant - Date.now()) {
    await new Promise((r) => setTimeout(r, Math.min(250, left)));
  }
}

/** Waits until the incident's timeline holds at least `count` events of `kind`: the workflow got that far. */
export async function waitForEvents(t: TestApp, id: string, kind: string, count: number, timeoutMs = 20_000) {
  return eventually(async () => {
    const rows: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM incident_timeline WHERE incident_id = $1 AND kind = $2`,
      [id, kind],
    );
    return rows[0].n >= count ? rows[0].n : undefined;
  }, timeoutMs);
}

/**
 * With RECORD_HISTORIES=1, saves the incident's workflow history under test/workflows/histories/
 * so the replay test keeps proving that new code still replays incidents that ran on old code.
 * A recorded history is a frozen fixture: an existing file is never overwritten (record a new
 * behaviour under a new name, and add it to MANIFEST.sha256).
 */
export async function recordHistory(t: TestApp, id: string, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const file = join(__dirname, '..', 'workflows', 'histories', `${name}.json`);
  if (existsSync(file)) return;
  // The CLI prints the history in the proto JSON form the SDK's replayer reads.
  const exe = await resolveTemporalCli();
  if (exe.type !== 'existing-path') throw new Error('recording histories needs the temporal CLI');
  const json = execFileSync(
    exe.path,
    ['workflow', 'show', '--workflow-id', `incident-${id}`, '--address', t.config.temporalAddress, '--output', 'json'],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, json);
}
