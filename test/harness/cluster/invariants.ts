/**
 * What must hold for every incident of a scenario once its load is over, whatever the fault:
 * deadlines kept (each breach dated at the due instant computed here from the report instant and
 * the policy), the timeline complete (seq 1..n once each, n = the workflow's own count), the
 * ledger exact (one accrual per owed period, one row per idempotency key, nothing else), and the
 * product's reconciliation saying ok.
 */
import { LOAD_STEPS } from './load';
import type { DataSource } from 'typeorm';
import { BusinessCalendar, deadlineOf } from '../../../src/domain/clock';
import type { ApiClient } from './api-client';

/** The report-anchored targets the scenario's policy sets, in seconds. */
export interface ScenarioTargets {
  'triage.respondWithin': number;
  'remote.startWithin': number;
  'penalty.restoreWithin': number;
}

export interface ScenarioTerms {
  periodSeconds: number;
  /** Per period, as the ledger writes it (NUMERIC(…, 4) text). */
  amount: string;
}

export interface CheckFigures {
  incidents: number;
  timelineRows: number;
  breaches: number;
  ledgerRows: number;
  /** Largest detectedAt − dueAt of a breach (how late a fault made the ladder notice). */
  maxBreachLatenessMs: number;
}

interface Detail {
  status: string;
  timeline: unknown[];
  state: {
    seq: number;
    status: string;
    restoredAt?: number;
    breachCount: number;
    clocks: Record<string, { status: string; dueAt: number | null; settledAt?: number }>;
    penalty: { postings: Array<{ kind: string; written: boolean }> };
  };
}

/** Waits until every incident is restored, its read model has caught up and its postings are all in the ledger. */
export async function waitQuiescent(api: ApiClient, db: DataSource, ids: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(ids);
  while (pending.size > 0) {
    for (const id of [...pending]) {
      const d = (await api.get(`/incidents/${id}`)) as Detail;
      const written = d.state.penalty.postings.filter((p) => p.written).length;
      const [{ rows }] = await db.query(`SELECT count(*)::int AS rows FROM ledger_entries WHERE incident_id = $1`, [id]);
      if (d.state.status === 'restored' && d.status === 'restored' && d.timeline.length === d.state.seq && rows === written) {
        pending.delete(id);
      }
    }
    if (pending.size === 0) return;
    if (Date.now() > deadline) throw new Error(`incidents not settled within ${timeoutMs / 1000} s: ${[...pending].join(', ')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function checkInvariants(options: {
  api: ApiClient;
  db: DataSource;
  contractId: string;
  ids: string[];
  targets: ScenarioTargets;
  terms: ScenarioTerms;
}): Promise<CheckFigures> {
  const { api, db, targets, terms } = options;
  const cal = BusinessCalendar.twentyFourSeven();
  const figures: CheckFigures = { incidents: options.ids.length, timelineRows: 0, breaches: 0, ledgerRows: 0, maxBreachLatenessMs: 0 };
  const problems: string[] = [];

  for (const id of options.ids) {
    const d = (await api.get(`/incidents/${id}`)) as Detail;
    const [row] = await db.query(
      `SELECT (extract(epoch FROM reported_at) * 1000)::bigint AS reported_at, projection_seq FROM incidents WHERE id = $1`,
      [id],
    );
    const reportedAt = Number(row.reported_at);
    const due = Object.fromEntries(
      Object.entries(targets).map(([key, seconds]) => [key, deadlineOf(cal, reportedAt, { amount: seconds, unit: 'seconds' })!]),
    ) as Record<keyof ScenarioTargets, number>;

    // Timeline: 1..n, each once, n = the workflow's count and the read model's.
    const timeline: Array<{ seq: number; kind: string; at: string; data: any }> = await db.query(
      `SELECT seq, kind, (extract(epoch FROM at) * 1000)::bigint AS at, data FROM incident_timeline WHERE incident_id = $1 ORDER BY seq`,
      [id],
    );
    figures.timelineRows += timeline.length;
    const seqs = timeline.map((t) => t.seq);
    if (seqs.some((s, i) => s !== i + 1)) problems.push(`${id}: timeline seqs ${seqs.join(',')} are not 1..${seqs.length}`);
    if (seqs.length !== d.state.seq || Number(row.projection_seq) !== d.state.seq) {
      problems.push(`${id}: ${seqs.length} timeline rows, read model at seq ${row.projection_seq}, workflow at seq ${d.state.seq}`);
    }

    // Steps: each of the engineer's steps once on the timeline, with exactly one audit row each,
    // however many times a killed replica made the client send it.
    const steps = timeline.filter((t) => t.kind.startsWith('step:'));
    const stepKinds = steps.map((t) => t.kind);
    if (new Set(stepKinds).size !== stepKinds.length || stepKinds.length !== LOAD_STEPS.length) {
      problems.push(`${id}: step rows ${stepKinds.join(',')}, expected each of ${LOAD_STEPS.length} steps once`);
    }
    const [{ audited }]: Array<{ audited: number }> = await db.query(
      `SELECT count(*)::int AS audited FROM audit_log WHERE entity_type = 'incident' AND entity_id = $1 AND action LIKE 'incident.step.%'`,
      [id],
    );
    if (audited !== steps.length) problems.push(`${id}: ${audited} step audit rows for ${steps.length} step rows`);

    // Deadlines: every breach at its computed due instant, once; met clocks settled in time.
    const breaches = timeline.filter((t) => t.kind === 'breach');
    figures.breaches += breaches.length;
    if (breaches.length !== d.state.breachCount) problems.push(`${id}: ${breaches.length} breach rows, breachCount ${d.state.breachCount}`);
    for (const key of Object.keys(targets) as Array<keyof ScenarioTargets>) {
      const clock = d.state.clocks[key];
      const rows = breaches.filter((b) => b.data.clock === key);
      if (clock?.dueAt !== due[key]) problems.push(`${id}: ${key} due ${clock?.dueAt}, computed ${due[key]}`);
      if (clock?.status === 'breached') {
        if (rows.length !== 1) problems.push(`${id}: ${key} breached with ${rows.length} breach rows`);
        for (const b of rows) {
          if (Number(b.at) !== due[key] || b.data.dueAt !== due[key]) {
            problems.push(`${id}: ${key} breach dated ${b.at} (dueAt ${b.data.dueAt}), computed due ${due[key]}`);
          }
          figures.maxBreachLatenessMs = Math.max(figures.maxBreachLatenessMs, b.data.detectedAt - b.data.dueAt);
        }
      } else if (clock?.status === 'met') {
        if (rows.length > 0) problems.push(`${id}: ${key} met but has ${rows.length} breach rows`);
        if (clock.settledAt === undefined || clock.settledAt > due[key])
          problems.push(`${id}: ${key} met at ${clock.settledAt} after due ${due[key]}`);
      } else {
        problems.push(`${id}: ${key} is ${clock?.status} after restore`);
      }
    }

    // Ledger: exactly the owed periods, one accrual row each, one row per idempotency key.
    const ledger: Array<{ kind: string; period_index: number; amount: string; idempotency_key: string }> = await db.query(
      `SELECT kind, period_index, amount::text AS amount, idempotency_key FROM ledger_entries WHERE incident_id = $1 ORDER BY period_index, id`,
      [id],
    );
    figures.ledgerRows += ledger.length;
    const restoredAt = d.state.restoredAt;
    if (restoredAt === undefined) {
      problems.push(`${id}: not restored`);
      continue;
    }
    // Counted from the report, every started period owed (no pauses here): computed here, not by the engine.
    const owed = Math.ceil((restoredAt - reportedAt) / (terms.periodSeconds * 1000));
    const periods = ledger.map((l) => l.period_index);
    const expected = Array.from({ length: owed }, (_, i) => i + 1);
    if (periods.join(',') !== expected.join(',')) problems.push(`${id}: ledger periods ${periods.join(',')}, owed 1..${owed}`);
    if (ledger.some((l) => l.kind !== 'accrual' || l.amount !== terms.amount)) {
      problems.push(`${id}: ledger rows other than accruals of ${terms.amount}: ${JSON.stringify(ledger)}`);
    }
    if (new Set(ledger.map((l) => l.idempotency_key)).size !== ledger.length) problems.push(`${id}: an idempotency key is used twice`);
  }

  // Nothing duplicated by a retried report: the contract has exactly the incidents the load reported.
  const [{ incidents }] = await db.query(`SELECT count(*)::int AS incidents FROM incidents WHERE contract_id = $1`, [options.contractId]);
  if (incidents !== new Set(options.ids).size || incidents !== options.ids.length) {
    problems.push(`the contract has ${incidents} incidents, the load reported ${options.ids.length}`);
  }

  // The product's own reconciliation of the contract.
  const rec = await api.get(`/contracts/${options.contractId}/reconciliation`);
  const notOk = (rec.incidents as Array<{ incidentId: string; result: string; issues: string[] }>).filter((i) => i.result !== 'ok');
  if (!rec.ok || notOk.length > 0 || rec.incidents.length !== options.ids.length) {
    problems.push(`reconciliation: ok=${rec.ok}, ${rec.incidents.length} incidents, not ok: ${JSON.stringify(notOk)}`);
  }
  if (problems.length > 0) throw new Error(`invariants broken:\n  ${problems.join('\n  ')}`);
  return figures;
}
