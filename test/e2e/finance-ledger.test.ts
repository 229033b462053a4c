/**
 * Finance API: GET /api/v1/ledger (JSON and CSV) on ledger rows written straight to PostgreSQL,
 * and the database's append-only guard. Every test uses its own contracts (the database is shared).
 */
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../harness/context';
import { createContract } from '../harness/fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface EntryInput {
  contractId: string;
  incidentId: string;
  kind: 'accrual' | 'reversal' | 'correction';
  periodIndex: number;
  amount: string;
  createdAt: number;
  currency?: string;
  capApplied?: boolean;
  workflowId?: string;
  runId?: string;
  key?: string;
}

async function insertIncident(t: TestApp, contractId: string, policyId: string, reportedAt: number): Promise<string> {
  const id = randomUUID();
  await t.dataSource.query(
    `INSERT INTO incidents (id, workflow_id, contract_id, severity, description, reported_at, policy_id, policy_version, status, rung, stage)
     VALUES ($1, $2, $3, 'urgent', 'ledger test', $4::timestamptz, $5, 1, 'open', 'penalty', 'onsite')`,
    [id, `incident-${id}`, contractId, new Date(reportedAt).toISOString(), policyId],
  );
  return id;
}

async function insertEntry(t: TestApp, e: EntryInput): Promise<string> {
  const periodStart = e.createdAt - DAY;
  const [{ id }]: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO ledger_entries (contract_id, incident_id, kind, period_index, period_start, period_end, amount, currency, rate,
       basis_amount, cap_applied, created_at, workflow_id, run_id, idempotency_key)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $6::timestamptz, $7::numeric, $8, '0.0025', $9::numeric, $10, $11::timestamptz, $12, $13, $14)
     RETURNING id::text AS id`,
    [
      e.contractId,
      e.incidentId,
      e.kind,
      e.periodIndex,
      new Date(periodStart).toISOString(),
      new Date(periodStart + DAY).toISOString(),
      e.amount,
      e.currency ?? 'CNY',
      e.currency === 'USD' ? '200000.00' : '1000000.00',
      e.capApplied ?? false,
      new Date(e.createdAt).toISOString(),
      e.workflowId ?? `incident-${e.incidentId}`,
      e.runId ?? 'run-1',
      e.key ?? `${e.incidentId}:${e.kind}:p${e.periodIndex}:${randomUUID()}`,
    ],
  );
  return id;
}

/** A fixed window of its own, decades back, so unfiltered-by-contract queries only see this file's rows. */
function privateEpoch(): number {
  return Date.UTC(1995, 0, 1) + Math.floor(Math.random() * 5000) * DAY;
}

/** ISO instant shown in a given UTC offset ("+08:00"), same instant. */
function withOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().replace('Z', '');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const SNAKE: Record<string, string> = {
  id: 'id',
  createdAt: 'created_at',
  contractId: 'contract_id',
  incidentId: 'incident_id',
  kind: 'kind',
  periodIndex: 'period_index',
  periodStart: 'period_start',
  periodEnd: 'period_end',
  amount: 'amount',
  currency: 'currency',
  rate: 'rate',
  basisAmount: 'basis_amount',
  capApplied: 'cap_applied',
  workflowId: 'workflow_id',
  runId: 'run_id',
  idempotencyKey: 'idempotency_key',
  adjustmentId: 'adjustment_id',
  countsAgainstCap: 'counts_against_cap',
};

describe('finance: GET /api/v1/ledger', () => {
  let t: TestApp;
  let contractId: string;
  let usdContractId: string;
  let i1: string;
  let i2: string;
  let t0: number;
  const ids: string[] = [];
  const oddWorkflowId = `wf,"odd" ${randomUUID()}`;
  const oddRunId = 'run\nsecond line';

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const fx = await createContract(t.dataSource);
    contractId = fx.contractId;
    t0 = privateEpoch();
    i1 = await insertIncident(t, contractId, fx.policyId, t0 - DAY);
    i2 = await insertIncident(t, contractId, fx.policyId, t0 - DAY);
    const at = (minutes: number) => t0 + minutes * 60_000;
    // i1: three accruals (one with a comma and quotes in its workflow id, one with a line break in its run id), then a correction.
    ids.push(
      await insertEntry(t, {
        contractId,
        incidentId: i1,
        kind: 'accrual',
        periodIndex: 1,
        amount: '2500.00',
        createdAt: at(1),
        workflowId: oddWorkflowId,
      }),
    );
    ids.push(
      await insertEntry(t, {
        contractId,
        incidentId: i1,
        kind: 'accrual',
        periodIndex: 2,
        amount: '2500.00',
        createdAt: at(2),
        runId: oddRunId,
      }),
    );
    ids.push(await insertEntry(t, { contractId, incidentId: i1, kind: 'accrual', periodIndex: 3, amount: '2500.00', createdAt: at(3) }));
    // i2: two accruals, both reversed (excluded).
    ids.push(await insertEntry(t, { contractId, incidentId: i2, kind: 'accrual', periodIndex: 1, amount: '2500.00', createdAt: at(4) }));
    ids.push(await insertEntry(t, { contractId, incidentId: i2, kind: 'accrual', periodIndex: 2, amount: '2500.00', createdAt: at(5) }));
    ids.push(await insertEntry(t, { contractId, incidentId: i2, kind: 'reversal', periodIndex: 1, amount: '-2500.00', createdAt: at(6) }));
    ids.push(await insertEntry(t, { contractId, incidentId: i2, kind: 'reversal', periodIndex: 2, amount: '-2500.00', createdAt: at(7) }));
    ids.push(
      await insertEntry(t, { contractId, incidentId: i1, kind: 'correction', periodIndex: 3, amount: '-2500.00', createdAt: at(8) }),
    );

    const usd = await createContract(t.dataSource, { currency: 'USD', totalValue: '200000.00' });
    usdContractId = usd.contractId;
    const i3 = await insertIncident(t, usdContractId, usd.policyId, t0 - DAY);
    await insertEntry(t, {
      contractId: usdContractId,
      incidentId: i3,
      kind: 'accrual',
      periodIndex: 1,
      amount: '500.00',
      currency: 'USD',
      createdAt: at(9),
    });
  });
  afterAll(async () => t?.close());

  it('lists a contract in posting order with totals, amounts as decimal strings with the minor digits', async () => {
    const res = await t.http.get('/api/v1/ledger').query({ contractId });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(ids);
    expect(res.body).toMatchObject({
      currency: 'CNY',
      totals: { accrued: '12500.00', reversed: '-5000.00', corrected: '-2500.00', adjusted: '0.00', net: '5000.00', count: 8 },
      totalsByCurrency: {
        CNY: { accrued: '12500.00', reversed: '-5000.00', corrected: '-2500.00', adjusted: '0.00', net: '5000.00', count: 8 },
      },
      limit: 100,
      offset: 0,
      total: 8,
    });
    expect(res.body.items[0]).toEqual({
      id: ids[0],
      createdAt: new Date(t0 + 60_000).toISOString(),
      contractId,
      incidentId: i1,
      kind: 'accrual',
      periodIndex: 1,
      periodStart: new Date(t0 + 60_000 - DAY).toISOString(),
      periodEnd: new Date(t0 + 60_000).toISOString(),
      amount: '2500.00',
      currency: 'CNY',
      rate: '0.0025',
      basisAmount: '1000000.00',
      capApplied: false,
      workflowId: oddWorkflowId,
      runId: 'run-1',
      idempotencyKey: expect.stringContaining(`${i1}:accrual:p1:`),
      adjustmentId: null,
      countsAgainstCap: true,
    });
    expect(res.body.items[5]).toMatchObject({ kind: 'reversal', amount: '-2500.00', incidentId: i2 });
  });

  it('filters by incident, by kind, and by created_at from (inclusive) to (exclusive) in any offset', async () => {
    const byIncident = await t.http.get('/api/v1/ledger').query({ contractId, incidentId: i2 });
    expect(byIncident.status).toBe(200);
    expect(byIncident.body.items.map((i: { id: string }) => i.id)).toEqual(ids.slice(3, 7));
    expect(byIncident.body.totals).toEqual({
      accrued: '5000.00',
      reversed: '-5000.00',
      corrected: '0.00',
      adjusted: '0.00',
      net: '0.00',
      count: 4,
    });

    const onlyIncident = await t.http.get('/api/v1/ledger').query({ incidentId: i1 });
    expect(onlyIncident.body.items.map((i: { id: string }) => i.id)).toEqual([ids[0], ids[1], ids[2], ids[7]]);

    const reversals = await t.http.get('/api/v1/ledger').query({ contractId, kind: 'reversal' });
    expect(reversals.body.items.map((i: { kind: string }) => i.kind)).toEqual(['reversal', 'reversal']);
    expect(reversals.body.totals).toEqual({
      accrued: '0.00',
      reversed: '-5000.00',
      corrected: '0.00',
      adjusted: '0.00',
      net: '-5000.00',
      count: 2,
    });

    const window = await t.http
      .get('/api/v1/ledger')
      .query({ contractId, from: withOffset(t0 + 2 * 60_000, 8 * 60), to: withOffset(t0 + 5 * 60_000, -3 * 60 - 30) });
    expect(window.status).toBe(200);
    expect(window.body.items.map((i: { id: string }) => i.id)).toEqual(ids.slice(1, 4));
    expect(window.body.total).toBe(3);

    const zulu = await t.http.get('/api/v1/ledger').query({ contractId, from: new Date(t0 + 8 * 60_000).toISOString() });
    expect(zulu.body.items.map((i: { id: string }) => i.id)).toEqual([ids[7]]);
  });

  it('pages with limit/offset; totals always cover every matching entry', async () => {
    const seen: string[] = [];
    for (const offset of [0, 3, 6]) {
      const res = await t.http.get('/api/v1/ledger').query({ contractId, limit: 3, offset });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ limit: 3, offset, total: 8, totals: { net: '5000.00', count: 8 } });
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
    }
    expect(seen).toEqual(ids);
    const past = await t.http.get('/api/v1/ledger').query({ contractId, limit: 3, offset: 8 });
    expect(past.body.items).toEqual([]);
    expect(past.body.total).toBe(8);
  });

  it('never adds money across currencies: totals per currency when the filter spans several', async () => {
    const res = await t.http
      .get('/api/v1/ledger')
      .query({ from: new Date(t0).toISOString(), to: new Date(t0 + 10 * 60_000).toISOString() });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(9);
    expect(res.body.currency).toBeNull();
    expect(res.body.totals).toBeNull();
    expect(res.body.totalsByCurrency).toEqual({
      CNY: { accrued: '12500.00', reversed: '-5000.00', corrected: '-2500.00', adjusted: '0.00', net: '5000.00', count: 8 },
      USD: { accrued: '500.00', reversed: '0.00', corrected: '0.00', adjusted: '0.00', net: '500.00', count: 1 },
    });
  });

  it('an empty result still names the contract currency and zero totals', async () => {
    const empty = await createContract(t.dataSource, { currency: 'JPY', totalValue: '1000000' });
    const res = await t.http.get('/api/v1/ledger').query({ contractId: empty.contractId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      items: [],
      currency: 'JPY',
      totals: { accrued: '0', reversed: '0', corrected: '0', adjusted: '0', net: '0', count: 0 },
      totalsByCurrency: {},
      total: 0,
    });
  });

  it('exports CSV (RFC 4180) whose records equal the JSON items field by field', async () => {
    const res = await t.http.get('/api/v1/ledger').query({ contractId, format: 'csv' }).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="ledger-contract-${contractId}-\\d{8}T\\d{6}Z\\.csv"$`),
    );
    const body = res.text;
    const header =
      'id,created_at,contract_id,incident_id,kind,period_index,period_start,period_end,amount,currency,rate,basis_amount,cap_applied,workflow_id,run_id,idempotency_key,adjustment_id,counts_against_cap';
    expect(body.startsWith(`${header}\r\n`)).toBe(true);
    expect(body.endsWith('\r\n')).toBe(true);
    // Quoting: comma and quotes doubled; a line break inside a field is quoted and kept as is.
    expect(body).toContain(`,"wf,""odd"" ${oddWorkflowId.split(' ')[1]}",`);
    expect(body).toContain(',"run\nsecond line",');
    // Every record ends in CRLF: the only bare LF is the one inside the quoted run id.
    expect(body.replace(/\r\n/g, '').split('\n')).toHaveLength(2);

    const records: Array<Record<string, string>> = parse(body, { columns: true, record_delimiter: '\r\n' });
    const json = await t.http.get('/api/v1/ledger').query({ contractId });
    expect(records).toHaveLength(json.body.items.length);
    json.body.items.forEach((item: Record<string, unknown>, n: number) => {
      const record = records[n];
      expect(Object.keys(record)).toEqual(Object.values(SNAKE));
      for (const [field, column] of Object.entries(SNAKE)) expect(record[column]).toBe(item[field] === null ? '' : String(item[field]));
    });
    expect(records[1].run_id).toBe(oddRunId);
    expect(records[0].workflow_id).toBe(oddWorkflowId);
  });

  it('streams every matching row as CSV (no pagination), across several cursor fetches', async () => {
    const fx = await createContract(t.dataSource);
    const incident = await insertIncident(t, fx.contractId, fx.policyId, Date.now() - DAY);
    const n = 2345;
    await t.dataSource.query(
      `INSERT INTO ledger_entries (contract_id, incident_id, kind, period_index, period_start, period_end, amount, currency, rate,
         basis_amount, workflow_id, run_id, idempotency_key)
       SELECT $1, $2, 'accrual', g, now(), now(), 1.25, 'CNY', 0.0025, 500.00, 'wf', 'run', $3 || g
       FROM generate_series(1, $4::int) g`,
      [fx.contractId, incident, `${randomUUID()}:`, n],
    );
    const res = await t.http.get('/api/v1/ledger').query({ contractId: fx.contractId, format: 'csv', limit: 1 }).buffer(true);
    expect(res.status).toBe(200);
    const records: Array<Record<string, string>> = parse(res.text, { columns: true });
    expect(records).toHaveLength(n);
    expect(records.map((r) => Number(r.period_index)).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, k) => k + 1));
    const ids = records.map((r) => BigInt(r.id));
    // Numeric id order (not text order: '101' sorts before '1010' as text).
    expect(ids.every((id, k) => k === 0 || id > ids[k - 1])).toBe(true);
    expect(new Set(records.map((r) => r.amount))).toEqual(new Set(['1.25']));
    const json = await t.http.get('/api/v1/ledger').query({ contractId: fx.contractId, limit: 1 });
    expect(json.body.totals).toEqual({
      accrued: '2931.25',
      reversed: '0.00',
      corrected: '0.00',
      adjusted: '0.00',
      net: '2931.25',
      count: n,
    });
  });

  it.each([
    [{ contractId: 'not-a-uuid' }, 'contractId'],
    [{ incidentId: '123' }, 'incidentId'],
    [{ from: '2026-11-20T09:00:00' }, 'from'],
    [{ to: 'yesterday' }, 'to'],
    [{ from: '2026-11-20T10:00:00Z', to: '2026-11-20T09:00:00Z' }, 'to'],
    [{ from: '2026-11-20T09:00:00Z', to: '2026-11-20T17:00:00+08:00' }, 'to'],
    [{ kind: 'refund' }, 'kind'],
    [{ format: 'xml' }, 'format'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '1001' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ offset: '-1' }, 'offset'],
    [{ offset: '1.5' }, 'offset'],
    [{ currency: 'CNY' }, 'currency'],
  ])('refuses %j with a 400 naming %s', async (query, path) => {
    const res = await t.http.get('/api/v1/ledger').query(query);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    expect(res.body.fieldErrors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses a repeated parameter (?kind=a&kind=b) and an invalid CSV request before any byte is sent', async () => {
    const repeated = await t.http.get(`/api/v1/ledger?contractId=${contractId}&kind=accrual&kind=reversal`);
    expect(repeated.status).toBe(400);
    expect(repeated.body.fieldErrors.map((e: { path: string }) => e.path)).toContain('kind');
    const csv = await t.http.get('/api/v1/ledger').query({ format: 'csv', from: 'nope' });
    expect(csv.status).toBe(400);
    expect(csv.headers['content-type']).toMatch(/^application\/json/);
  });

  it('the database refuses UPDATE and DELETE on ledger_entries (append-only)', async () => {
    await expect(t.dataSource.query(`UPDATE ledger_entries SET amount = 0 WHERE id = $1`, [ids[0]])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM ledger_entries WHERE id = $1`, [ids[0]])).rejects.toThrow(/append-only/);
    const res = await t.http.get('/api/v1/ledger').query({ contractId });
    expect(res.body.totals).toMatchObject({ net: '5000.00', count: 8 });
  });
});
