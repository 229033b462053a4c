/**
 * Finance API: GET /api/v1/contracts/{id}/penalties and /reconciliation on hand-made incidents
 * (facts in incidents.state) and ledger rows written straight to PostgreSQL. Each scenario has its own contract.
 */
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../harness/context';
import { createContract, type ContractFixture } from '../harness/fixtures';
import type { PenaltyTerms } from '../../src/domain/penalty/terms';
import { IncidentSnapshotRepository } from '../../src/incidents/incident-snapshot.repository';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Facts {
  status: string;
  reportedAt: number;
  breachedAt?: number | null;
  restoredAt?: number;
  closedAt?: number;
  pauses?: Array<{ from: number; to: number | null }>;
  restoreDueAt?: number;
}

async function insertIncident(t: TestApp, fx: ContractFixture, f: Facts): Promise<string> {
  const id = randomUUID();
  const state = {
    incidentId: id,
    status: f.status,
    penalty: { breachedAt: f.breachedAt ?? null, generation: 0, postings: [], periodsPosted: 0, stopped: f.status !== 'open' },
    pauses: (f.pauses ?? []).map((p) => ({ ...p, reason: 'force_majeure', actor: 'eng:test' })),
    clocks:
      f.restoreDueAt === undefined
        ? {}
        : { 'penalty.restoreWithin': { key: 'penalty.restoreWithin', status: 'running', dueAt: f.restoreDueAt } },
    ...(f.restoredAt !== undefined ? { restoredAt: f.restoredAt } : {}),
    ...(f.closedAt !== undefined ? { closedAt: f.closedAt } : {}),
  };
  await t.dataSource.query(
    `INSERT INTO incidents (id, workflow_id, contract_id, severity, description, reported_at, policy_id, policy_version, status, rung, stage, state,
       pinned, pinned_source)
     VALUES ($1, $2, $3, 'urgent', 'finance test', $4::timestamptz, $5, 1, $6, 'penalty', 'onsite', $7::jsonb, $8::jsonb, 'report')`,
    [
      id,
      `incident-${id}`,
      fx.contractId,
      new Date(f.reportedAt).toISOString(),
      fx.policyId,
      f.status,
      JSON.stringify(state),
      JSON.stringify(await new IncidentSnapshotRepository(t.dataSource).load(fx.contractId)),
    ],
  );
  return id;
}

async function post(
  t: TestApp,
  contractId: string,
  incidentId: string,
  kind: 'accrual' | 'reversal' | 'correction',
  periodIndex: number,
  amount: string,
  options: { capApplied?: boolean; currency?: string; basis?: string; rate?: string } = {},
): Promise<string> {
  const [{ id }]: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO ledger_entries (contract_id, incident_id, kind, period_index, period_start, period_end, amount, currency, rate,
       basis_amount, cap_applied, workflow_id, run_id, idempotency_key)
     VALUES ($1, $2, $3, $4, now(), now(), $5::numeric, $6, $7::numeric, $8::numeric, $9, $10, 'run-1', $11)
     RETURNING id::text AS id`,
    [
      contractId,
      incidentId,
      kind,
      periodIndex,
      amount,
      options.currency ?? 'CNY',
      options.rate ?? '0.0025',
      options.basis ?? '1000000.00',
      options.capApplied ?? false,
      `incident-${incidentId}`,
      `incident-${incidentId}:${kind}:p${periodIndex}:${randomUUID()}`,
    ],
  );
  return id;
}

async function accrue(t: TestApp, contractId: string, incidentId: string, periods: number, amount = '2500.00', rate = '0.0025') {
  for (let k = 1; k <= periods; k += 1) await post(t, contractId, incidentId, 'accrual', k, amount, { rate });
}

/** A whole-second instant `days` ago. */
function ago(days: number): number {
  return Math.floor((Date.now() - days * DAY) / 1000) * 1000;
}

async function reconcile(t: TestApp, contractId: string, query: Record<string, string> = {}) {
  const res = await t.http.get(`/api/v1/contracts/${contractId}/reconciliation`).query(query);
  if (res.status !== 200) throw new Error(`reconciliation: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('finance: penalties summary', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => t?.close());

  it('1,000,000.00 CNY at 0.25 %/day: 2500.00 per day, cap 50000.00, totals and headroom from the ledger', async () => {
    const fx = await createContract(t.dataSource);
    const restored = await insertIncident(t, fx, {
      status: 'restored',
      reportedAt: ago(10),
      breachedAt: ago(10) + 2 * HOUR,
      restoredAt: ago(7),
    });
    const excluded = await insertIncident(t, fx, {
      status: 'excluded',
      reportedAt: ago(5),
      breachedAt: ago(5) + 2 * HOUR,
      closedAt: ago(4),
    });
    const quiet = await insertIncident(t, fx, { status: 'open', reportedAt: ago(1) });
    await accrue(t, fx.contractId, restored, 3);
    await accrue(t, fx.contractId, excluded, 2);
    await post(t, fx.contractId, excluded, 'reversal', 1, '-2500.00');
    await post(t, fx.contractId, excluded, 'reversal', 2, '-2500.00');

    const res = await t.http.get(`/api/v1/contracts/${fx.contractId}/penalties`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      contractId: fx.contractId,
      currency: 'CNY',
      totalValue: '1000000.00',
      ratePerPeriod: '0.0025',
      period: { amount: 1, unit: 'days' },
      amountPerPeriod: '2500.00',
      cap: { fraction: '0.05', amount: '50000.00', scope: 'contract' },
      accrued: '12500.00',
      reversed: '-5000.00',
      corrected: '0.00',
      net: '7500.00',
      adjustments: { total: '0.00', countedAgainstCap: '0.00', entries: 0 },
      owed: '7500.00',
      headroom: '42500.00',
      capReached: false,
      incidents: [
        { incidentId: restored, accrued: '7500.00', reversed: '0.00', corrected: '0.00', net: '7500.00', entries: 3, capApplied: false },
        { incidentId: excluded, accrued: '5000.00', reversed: '-5000.00', corrected: '0.00', net: '0.00', entries: 4, capApplied: false },
      ],
      warnings: [],
    });
    expect(res.body.incidents.map((i: { incidentId: string }) => i.incidentId)).not.toContain(quiet);
  });

  it('reports the cap reached: 3000.00/day, the 17th day cut to the 2000.00 left under 50000.00', async () => {
    const fx = await createContract(t.dataSource, { terms: { ratePerPeriod: '0.003' } });
    const r = ago(20);
    // 16 days 23 hours of interruption: 17 periods started.
    const id = await insertIncident(t, fx, {
      status: 'restored',
      reportedAt: r,
      breachedAt: r + 2 * HOUR,
      restoredAt: r + 17 * DAY - HOUR,
    });
    for (let k = 1; k <= 16; k += 1) await post(t, fx.contractId, id, 'accrual', k, '3000.00', { rate: '0.003' });
    await post(t, fx.contractId, id, 'accrual', 17, '2000.00', { rate: '0.003', capApplied: true });

    const res = await t.http.get(`/api/v1/contracts/${fx.contractId}/penalties`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      amountPerPeriod: '3000.00',
      accrued: '50000.00',
      net: '50000.00',
      headroom: '0.00',
      capReached: true,
      incidents: [{ incidentId: id, net: '50000.00', entries: 17, capApplied: true }],
    });
    const rec = await reconcile(t, fx.contractId);
    expect(rec.ok).toBe(true);
    expect(rec.incidents[0]).toMatchObject({
      result: 'ok',
      expected: { periods: 17, net: '50000.00', owedPeriods: 17, cappedPeriods: 1 },
      ledger: { accruals: 17, net: '50000.00' },
      difference: '0.00',
    });
  });

  it('per-incident cap scope: headroom per incident, none for the contract', async () => {
    const fx = await createContract(t.dataSource, { terms: { capScope: 'incident' } });
    const a = await insertIncident(t, fx, { status: 'restored', reportedAt: ago(4), breachedAt: ago(4) + HOUR, restoredAt: ago(3) + HOUR });
    await accrue(t, fx.contractId, a, 2);
    const res = await t.http.get(`/api/v1/contracts/${fx.contractId}/penalties`);
    expect(res.body).toMatchObject({
      cap: { amount: '50000.00', scope: 'incident' },
      net: '5000.00',
      headroom: null,
      capReached: false,
      incidents: [{ incidentId: a, net: '5000.00', headroom: '45000.00' }],
    });
  });

  it("uses the currency's minor unit (JPY has none)", async () => {
    const fx = await createContract(t.dataSource, { currency: 'JPY', totalValue: '1000000' });
    const a = await insertIncident(t, fx, { status: 'open', reportedAt: ago(1), breachedAt: ago(1) + HOUR });
    await post(t, fx.contractId, a, 'accrual', 1, '2500', { currency: 'JPY', basis: '1000000' });
    const res = await t.http.get(`/api/v1/contracts/${fx.contractId}/penalties`);
    expect(res.body).toMatchObject({
      totalValue: '1000000',
      amountPerPeriod: '2500',
      net: '2500',
      headroom: '47500',
      cap: { amount: '50000' },
    });
  });

  it('404 for an unknown contract (penalties and reconciliation)', async () => {
    for (const path of ['penalties', 'reconciliation']) {
      const unknown = await t.http.get(`/api/v1/contracts/${randomUUID()}/${path}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toBe('not_found');
      const malformed = await t.http.get(`/api/v1/contracts/not-a-uuid/${path}`);
      expect(malformed.status).toBe(404);
    }
  });
});

describe('finance: reconciliation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => t?.close());

  it('a consistent ledger is ok; pauses are taken out of the interruption', async () => {
    const fx = await createContract(t.dataSource);
    const r = ago(30);
    // Reported, breached after 2 h, restored 2 d 3 h after the report: ceil(51 h / 24 h) = 3 periods.
    const a = await insertIncident(t, fx, {
      status: 'closed',
      reportedAt: r,
      breachedAt: r + 2 * HOUR,
      restoredAt: r + 2 * DAY + 3 * HOUR,
      closedAt: r + 3 * DAY,
    });
    // 32 h on the wall clock, 10 h paused: 22 h of interruption, so 1 period (2 without the pause).
    const s = ago(20);
    const b = await insertIncident(t, fx, {
      status: 'restored',
      reportedAt: s,
      breachedAt: s + 2 * HOUR,
      restoredAt: s + 32 * HOUR,
      pauses: [{ from: s + 10 * HOUR, to: s + 20 * HOUR }],
    });
    const never = await insertIncident(t, fx, { status: 'restored', reportedAt: ago(10), restoredAt: ago(10) + HOUR });
    await accrue(t, fx.contractId, a, 3);
    await accrue(t, fx.contractId, b, 1);

    const rec = await reconcile(t, fx.contractId);
    expect(rec).toMatchObject({ contractId: fx.contractId, currency: 'CNY', capScope: 'contract', ok: true });
    expect(Date.parse(rec.asOf)).toBeGreaterThan(Date.now() - 60_000);
    expect(rec.incidents.map((i: { incidentId: string }) => i.incidentId)).toEqual([a, b, never]);
    expect(rec.incidents[0]).toEqual({
      incidentId: a,
      status: 'closed',
      result: 'ok',
      facts: {
        breachedAt: new Date(r + 2 * HOUR).toISOString(),
        accrualStart: new Date(r).toISOString(),
        accrualEnd: new Date(r + 2 * DAY + 3 * HOUR).toISOString(),
        interruptionMs: 2 * DAY + 3 * HOUR,
      },
      expected: { periods: 3, net: '7500.00', owedPeriods: 3, cappedPeriods: 0 },
      ledger: { accruals: 3, reversals: 0, corrections: 0, livePeriods: 3, net: '7500.00' },
      difference: '0.00',
      issues: [],
      notes: [],
    });
    expect(rec.incidents[1]).toMatchObject({
      result: 'ok',
      facts: { interruptionMs: 22 * HOUR },
      expected: { periods: 1, net: '2500.00' },
    });
    expect(rec.incidents[2]).toMatchObject({
      result: 'ok',
      facts: { breachedAt: null, interruptionMs: 0 },
      expected: { periods: 0, net: '0.00' },
    });

    const one = await reconcile(t, fx.contractId, { incidentId: b });
    expect(one.incidents.map((i: { incidentId: string }) => i.incidentId)).toEqual([b]);
  });

  it('reports a duplicated accrual (same period, another idempotency key) and a missing period', async () => {
    const fx = await createContract(t.dataSource);
    const r = ago(10);
    const dup = await insertIncident(t, fx, { status: 'restored', reportedAt: r, breachedAt: r + 2 * HOUR, restoredAt: r + DAY + HOUR });
    await accrue(t, fx.contractId, dup, 2);
    const second = await post(t, fx.contractId, dup, 'accrual', 2, '2500.00');
    const s = ago(5);
    const short = await insertIncident(t, fx, {
      status: 'restored',
      reportedAt: s,
      breachedAt: s + 2 * HOUR,
      restoredAt: s + 2 * DAY + HOUR,
    });
    await accrue(t, fx.contractId, short, 2);

    const rec = await reconcile(t, fx.contractId);
    expect(rec.ok).toBe(false);
    const [d, m] = rec.incidents;
    expect(d).toMatchObject({
      incidentId: dup,
      result: 'mismatch',
      expected: { periods: 2, net: '5000.00' },
      ledger: { accruals: 3, livePeriods: 2, net: '7500.00' },
      difference: '2500.00',
    });
    expect(d.issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^duplicate accrual: period 2 has 2 live accrual rows \\(accrual ids \\d+, ${second}\\)$`)),
      ]),
    );
    expect(d.issues).toContain('net 7500.00 differs from expected 5000.00 by 2500.00');
    expect(m).toMatchObject({ incidentId: short, result: 'mismatch', expected: { periods: 3, net: '7500.00' }, difference: '-2500.00' });
    expect(m.issues).toContain('periods 3 owed but not in the ledger');

    const only = await reconcile(t, fx.contractId, { incidentId: short });
    expect(only.ok).toBe(false);
    expect(only.incidents).toHaveLength(1);
  });

  it('an excluded incident whose accruals were reversed owes net 0 and is ok; one left unreversed is reported', async () => {
    const fx = await createContract(t.dataSource);
    const r = ago(6);
    const excluded = await insertIncident(t, fx, {
      status: 'excluded',
      reportedAt: r,
      breachedAt: r + 2 * HOUR,
      closedAt: r + DAY + 5 * HOUR,
    });
    await accrue(t, fx.contractId, excluded, 2);
    await post(t, fx.contractId, excluded, 'reversal', 1, '-2500.00');
    await post(t, fx.contractId, excluded, 'reversal', 2, '-2500.00');

    const rec = await reconcile(t, fx.contractId);
    expect(rec.ok).toBe(true);
    expect(rec.incidents[0]).toMatchObject({
      incidentId: excluded,
      status: 'excluded',
      result: 'ok',
      expected: { periods: 0, net: '0.00', owedPeriods: 2 },
      ledger: { accruals: 2, reversals: 2, livePeriods: 0, net: '0.00' },
      difference: '0.00',
      issues: [],
    });

    const other = await createContract(t.dataSource);
    const cancelled = await insertIncident(t, other, {
      status: 'cancelled',
      reportedAt: r,
      breachedAt: r + 2 * HOUR,
      closedAt: r + DAY + 5 * HOUR,
    });
    await accrue(t, other.contractId, cancelled, 2);
    await post(t, other.contractId, cancelled, 'reversal', 1, '-2500.00');
    const bad = await reconcile(t, other.contractId);
    expect(bad.ok).toBe(false);
    expect(bad.incidents[0]).toMatchObject({ result: 'mismatch', difference: '2500.00' });
    expect(bad.incidents[0].issues).toEqual(['cancelled, but periods 2 are not reversed', 'cancelled: net 2500.00 should be 0.00']);
  });

  it('applies a contract-wide cap across incidents in posting order', async () => {
    // 10000.00 a day, cap 50000.00: the first incident's 4 days, then the second's first day fills the cap exactly.
    const fx = await createContract(t.dataSource, { terms: { ratePerPeriod: '0.01' } });
    const r = ago(20);
    const first = await insertIncident(t, fx, {
      status: 'restored',
      reportedAt: r,
      breachedAt: r + 2 * HOUR,
      restoredAt: r + 3 * DAY + HOUR,
    });
    const s = ago(10);
    const second = await insertIncident(t, fx, { status: 'restored', reportedAt: s, breachedAt: s + 2 * HOUR, restoredAt: s + DAY + HOUR });
    await accrue(t, fx.contractId, first, 4, '10000.00', '0.01');
    await post(t, fx.contractId, second, 'accrual', 1, '10000.00', { rate: '0.01' });

    const rec = await reconcile(t, fx.contractId);
    expect(rec.ok).toBe(true);
    expect(rec.incidents[1]).toMatchObject({
      incidentId: second,
      result: 'ok',
      expected: { periods: 1, net: '10000.00', owedPeriods: 2, cappedPeriods: 1 },
    });
    const summary = await t.http.get(`/api/v1/contracts/${fx.contractId}/penalties`);
    expect(summary.body).toMatchObject({ net: '50000.00', headroom: '0.00', capReached: true });
  });

  it('an incident still accruing counts to asOf; at a period boundary it is pending, not a difference', async () => {
    const fx = await createContract(t.dataSource);
    // Open for 2.5 days: 3 periods owed.
    const r = ago(2.5);
    const open = await insertIncident(t, fx, { status: 'open', reportedAt: r, breachedAt: r + 2 * HOUR });
    await accrue(t, fx.contractId, open, 3);
    // Open for 1 day and 2 s: period 2 fell due 2 s ago and the workflow has not posted it yet.
    const boundary = Date.now() - DAY - 2_000;
    const edge = await insertIncident(t, fx, { status: 'open', reportedAt: boundary, breachedAt: boundary + 2 * HOUR });
    await accrue(t, fx.contractId, edge, 1);

    const rec = await reconcile(t, fx.contractId);
    expect(rec.ok).toBe(true);
    expect(rec.incidents.find((i: { incidentId: string }) => i.incidentId === open)).toMatchObject({
      result: 'ok',
      expected: { periods: 3 },
    });
    const pending = rec.incidents.find((i: { incidentId: string }) => i.incidentId === edge);
    expect(pending).toMatchObject({
      result: 'pending',
      expected: { periods: 2 },
      ledger: { livePeriods: 1 },
      difference: '-2500.00',
      issues: [],
    });
    expect(pending.notes[0]).toMatch(/^pending: a period boundary/);
  });

  it('validates ?incidentId= (400) and refuses an incident of another contract (404)', async () => {
    const fx = await createContract(t.dataSource);
    const bad = await t.http.get(`/api/v1/contracts/${fx.contractId}/reconciliation`).query({ incidentId: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors.map((e: { path: string }) => e.path)).toEqual(['incidentId']);
    const foreign = await t.http.get(`/api/v1/contracts/${fx.contractId}/reconciliation`).query({ incidentId: randomUUID() });
    expect(foreign.status).toBe(404);
  });

  it('judges an incident by the terms pinned when it started, not by the contract as renegotiated since', async () => {
    const fx = await createContract(t.dataSource);
    const r = ago(3);
    const a = await insertIncident(t, fx, { status: 'restored', reportedAt: r, breachedAt: r + 2 * HOUR, restoredAt: r + 3 * DAY + HOUR });
    await accrue(t, fx.contractId, a, 4);
    const admin = await t.as(['admin']);
    const put = await admin
      .put(`/api/v1/contracts/${fx.contractId}`)
      .send({ penaltyTerms: { ratePerPeriod: '0.005', capFraction: '0.05' } });
    expect(put.status).toBe(200);
    const rec = await reconcile(t, fx.contractId);
    expect(rec.incidents[0]).toMatchObject({ result: 'ok', difference: '0.00', expected: { periods: 4, net: '10000.00' } });
    expect(rec.ok).toBe(true);
  });

  it('reports ledger rows posted at another rate than the pinned terms', async () => {
    const fx = await createContract(t.dataSource, { terms: { ratePerPeriod: '0.003' } satisfies Partial<PenaltyTerms> });
    const r = ago(3);
    const a = await insertIncident(t, fx, { status: 'restored', reportedAt: r, breachedAt: r + 2 * HOUR, restoredAt: r + 5 * HOUR });
    await post(t, fx.contractId, a, 'accrual', 1, '2500.00');
    const rec = await reconcile(t, fx.contractId);
    expect(rec.incidents[0]).toMatchObject({ result: 'mismatch', difference: '-500.00' });
    expect(rec.incidents[0].issues).toContain("posted with rate 0.0025 on 1000000.00; the incident's pinned terms say 0.003 on 1000000.00");
  });
});
