import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import type { PostLedgerEntryResult } from '../../activities/ledger.activities';
import { openDataSource } from '../harness/context';
import { createContract } from '../harness/fixtures';
import { insertIncident, netWhere, posting, rowsWhere, withTransactionQuery, type IncidentRow } from './helpers';

/**
 * postLedgerEntry called directly (a plain async function) against the real PostgreSQL:
 * idempotency, the cap under concurrency (and proof that the row lock is what holds it),
 * per-incident caps, negative postings, and the append-only table.
 */
describe('postLedgerEntry', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openDataSource(); // pool of 10: enough for real concurrency
  });
  afterAll(async () => ds?.destroy());

  const activities = () => createActivities({ dataSource: ds });

  async function contractWithIncidents(n: number): Promise<{ contractId: string; incidents: IncidentRow[] }> {
    const contract = await createContract(ds, { terms: { ratePerPeriod: '0.015', period: { amount: 1, unit: 'seconds' } } });
    const incidents: IncidentRow[] = [];
    for (let i = 0; i < n; i++) incidents.push(await insertIncident(ds, contract));
    return { contractId: contract.contractId, incidents };
  }

  /**
   * A DataSource that sleeps 50 ms between reading the net and writing the row (widening the
   * race window) and, with `lock: false`, drops the `FOR UPDATE` from the lock query so it
   * becomes a plain `SELECT 1`: the activity's posting logic, minus the row lock.
   */
  function racing(lock: boolean): DataSource {
    return withTransactionQuery(ds, async (real, sql, parameters) => {
      const statement = lock ? sql : sql.replace(/\s+FOR UPDATE\b/, '');
      if (!lock && statement === sql && /FOR UPDATE/.test(sql))
        throw new Error('lock query not found: the test no longer removes the lock');
      const result = await real(statement, parameters);
      if (/SUM\(amount\)/.test(sql)) await real('SELECT pg_sleep(0.05)');
      return result;
    });
  }

  /** 30 accruals of 3,333.33 (nominal 99,999.90) spread over three incidents of one contract, all at once. */
  async function race(dataSource: DataSource) {
    const { contractId, incidents } = await contractWithIncidents(3);
    const post = createActivities({ dataSource }).postLedgerEntry;
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post(posting(incidents[i % 3], { periodIndex: Math.floor(i / 3) + 1, amount: '3333.33' }))),
    );
    return {
      contractId,
      results,
      rows: await rowsWhere(ds, 'contract_id', contractId),
      net: await netWhere(ds, 'contract_id', contractId),
    };
  }

  describe('idempotency key', () => {
    it('a retry with the same key writes one row and returns the same result', async () => {
      const { incidents } = await contractWithIncidents(1);
      const input = posting(incidents[0]);
      const first = await activities().postLedgerEntry(input);
      const second = await activities().postLedgerEntry(input);
      expect(first).toEqual({ written: true, amount: '15000.00', capApplied: false });
      expect(second).toEqual(first);
      const rows = await rowsWhere(ds, 'incident_id', incidents[0].incidentId);
      expect(rows.map((r) => [r.idempotency_key, r.amount, r.cap_applied])).toEqual([[input.key, '15000.0000', false]]);
    });

    it('a retry after other postings filled the cap still returns the first result (no recomputation)', async () => {
      const { contractId, incidents } = await contractWithIncidents(2);
      const [a, b] = incidents;
      const input = posting(a, { periodIndex: 1 });
      const first = await activities().postLedgerEntry(input);
      for (let p = 1; p <= 4; p++) await activities().postLedgerEntry(posting(b, { periodIndex: p }));
      expect(await netWhere(ds, 'contract_id', contractId)).toBe('50000.00');
      const retry = await activities().postLedgerEntry(input);
      expect(retry).toEqual(first);
      expect((await rowsWhere(ds, 'incident_id', a.incidentId)).length).toBe(1);
    });

    it('a retry of a posting the cap cut returns the cut amount, flagged', async () => {
      const { incidents } = await contractWithIncidents(1);
      const [a] = incidents;
      for (let p = 1; p <= 3; p++) await activities().postLedgerEntry(posting(a, { periodIndex: p }));
      const cut = posting(a, { periodIndex: 4 });
      const first = await activities().postLedgerEntry(cut);
      const retry = await activities().postLedgerEntry(cut);
      expect(first).toEqual({ written: true, amount: '5000.00', capApplied: true });
      expect(retry).toEqual(first);
      expect((await rowsWhere(ds, 'incident_id', a.incidentId)).filter((r) => r.idempotency_key === cut.key)).toHaveLength(1);
    });

    it('duplicates of one key running concurrently write one row and all report it', async () => {
      const { incidents } = await contractWithIncidents(1);
      const input = posting(incidents[0], { amount: '1234.56' });
      const results = await Promise.all(Array.from({ length: 8 }, () => activities().postLedgerEntry(input)));
      for (const r of results) expect(r).toEqual({ written: true, amount: '1234.56', capApplied: false });
      const rows = await rowsWhere(ds, 'incident_id', incidents[0].incidentId);
      expect(rows.map((r) => r.amount)).toEqual(['1234.5600']);
    });
  });

  describe('contract cap under concurrency', () => {
    it('30 concurrent postings far above the cap end exactly at the cap, one posting cut and flagged, the rest not written', async () => {
      const { results, rows, net } = await race(racing(true));
      expect(net).toBe('50000.00');
      // 15 × 3,333.33 = 49,999.95; the 16th is cut to the 0.05 left; the other 14 find nothing owed.
      const full = results.filter((r) => r.written && !r.capApplied);
      const cut = results.filter((r) => r.written && r.capApplied);
      const skipped = results.filter((r) => !r.written);
      expect(full).toHaveLength(15);
      for (const r of full) expect(r.amount).toBe('3333.33');
      expect(cut).toEqual([{ written: true, amount: '0.05', capApplied: true }]);
      expect(skipped).toHaveLength(14);
      for (const r of skipped) expect(r).toEqual<PostLedgerEntryResult>({ written: false, amount: '0.00', capApplied: true });
      expect(rows).toHaveLength(16);
      expect(rows.filter((r) => r.cap_applied).map((r) => r.amount)).toEqual(['0.0500']);
      expect(rows.filter((r) => !r.cap_applied).every((r) => r.amount === '3333.3300')).toBe(true);
    });

    it('the same race without the FOR UPDATE lock overshoots the cap (so the test above can fail)', async () => {
      const overshoots: string[] = [];
      for (let attempt = 0; attempt < 5 && overshoots.length === 0; attempt++) {
        const { net } = await race(racing(false));
        if (Number(net) > 50000) overshoots.push(net);
      }
      expect(overshoots.length).toBeGreaterThan(0);
    });

    it('with the cap reached, a further accrual on another incident of the contract is not written', async () => {
      const { contractId, incidents } = await contractWithIncidents(2);
      for (let p = 1; p <= 4; p++) await activities().postLedgerEntry(posting(incidents[0], { periodIndex: p }));
      const late = await activities().postLedgerEntry(posting(incidents[1]));
      expect(late).toEqual({ written: false, amount: '0.00', capApplied: true });
      expect(await rowsWhere(ds, 'incident_id', incidents[1].incidentId)).toEqual([]);
      expect(await netWhere(ds, 'contract_id', contractId)).toBe('50000.00');
    });
  });

  // A period worth nothing (e.g. 1.00 × 0.0025 rounds to 0.00) far below the cap is not a cap cut.
  it('a zero accrual with headroom left is not written and not reported as cut by the cap', async () => {
    const { contractId, incidents } = await contractWithIncidents(1);
    const result = await activities().postLedgerEntry(posting(incidents[0], { amount: '0.00' }));
    expect(await netWhere(ds, 'contract_id', contractId)).toBe('0.00');
    expect(result).toEqual({ written: false, amount: '0.00', capApplied: false });
  });

  describe('per-incident cap scope', () => {
    it('caps each incident separately, also under concurrency', async () => {
      const { contractId, incidents } = await contractWithIncidents(2);
      const [a, b] = incidents;
      const post = createActivities({ dataSource: racing(true) }).postLedgerEntry;
      const inputs = [a, b].flatMap((incident) =>
        Array.from({ length: 8 }, (_, i) =>
          posting(incident, { periodIndex: i + 1, amount: '7000.00', cap: '20000.00', capScope: 'incident' }),
        ),
      );
      const results = await Promise.all(inputs.map((input) => post(input)));
      for (const incident of [a, b]) {
        expect(await netWhere(ds, 'incident_id', incident.incidentId)).toBe('20000.00');
        const rows = await rowsWhere(ds, 'incident_id', incident.incidentId);
        expect(rows.map((r) => r.amount).sort()).toEqual(['6000.0000', '7000.0000', '7000.0000']);
        expect(rows.filter((r) => r.cap_applied).map((r) => r.amount)).toEqual(['6000.0000']);
      }
      // Twice the per-incident cap on one contract: the contract's own net is not what limits.
      expect(await netWhere(ds, 'contract_id', contractId)).toBe('40000.00');
      expect(results.filter((r) => !r.written)).toHaveLength(10);
    });

    it("one incident at its cap does not stop another incident's accrual", async () => {
      const { incidents } = await contractWithIncidents(2);
      const [a, b] = incidents;
      const scope = { cap: '20000.00', capScope: 'incident' as const };
      await activities().postLedgerEntry(posting(a, { periodIndex: 1, amount: '20000.00', ...scope }));
      expect(await activities().postLedgerEntry(posting(a, { periodIndex: 2, ...scope }))).toEqual({
        written: false,
        amount: '0.00',
        capApplied: true,
      });
      expect(await activities().postLedgerEntry(posting(b, { periodIndex: 1, ...scope }))).toEqual({
        written: true,
        amount: '15000.00',
        capApplied: false,
      });
    });
  });

  describe('reversals and corrections', () => {
    it('are posted in full with negative amounts even when the cap is reached, and free headroom again', async () => {
      const { contractId, incidents } = await contractWithIncidents(1);
      const [a] = incidents;
      const accruals = [];
      for (let p = 1; p <= 4; p++) {
        const input = posting(a, { periodIndex: p });
        accruals.push({ input, result: await activities().postLedgerEntry(input) });
      }
      expect(await netWhere(ds, 'contract_id', contractId)).toBe('50000.00');

      const reversal = await activities().postLedgerEntry(
        posting(a, { key: `${accruals[0].input.key}:reversal`, kind: 'reversal', periodIndex: 1, amount: '-15000.00' }),
      );
      expect(reversal).toEqual({ written: true, amount: '-15000.00', capApplied: false });
      // A cap of zero would cut any accrual to nothing: a correction is never cut.
      const correction = await activities().postLedgerEntry(
        posting(a, { key: `${accruals[3].input.key}:correction`, kind: 'correction', periodIndex: 4, amount: '-5000.00', cap: '0.00' }),
      );
      expect(correction).toEqual({ written: true, amount: '-5000.00', capApplied: false });
      expect(await netWhere(ds, 'contract_id', contractId)).toBe('30000.00');

      const negatives = (await rowsWhere(ds, 'incident_id', a.incidentId)).filter((r) => r.kind !== 'accrual');
      expect(negatives.map((r) => [r.kind, r.amount, r.cap_applied])).toEqual([
        ['reversal', '-15000.0000', false],
        ['correction', '-5000.0000', false],
      ]);

      // The headroom freed by the negatives is usable again, and the cap still holds after it.
      expect(await activities().postLedgerEntry(posting(a, { periodIndex: 5 }))).toEqual({
        written: true,
        amount: '15000.00',
        capApplied: false,
      });
      expect(await activities().postLedgerEntry(posting(a, { periodIndex: 6 }))).toEqual({
        written: true,
        amount: '5000.00',
        capApplied: true,
      });
      expect(await netWhere(ds, 'contract_id', contractId)).toBe('50000.00');
    });

    it('a retried reversal is written once', async () => {
      const { incidents } = await contractWithIncidents(1);
      const [a] = incidents;
      const accrual = posting(a);
      await activities().postLedgerEntry(accrual);
      const reversal = posting(a, { key: `${accrual.key}:reversal`, kind: 'reversal', amount: '-15000.00' });
      const first = await activities().postLedgerEntry(reversal);
      expect(await activities().postLedgerEntry(reversal)).toEqual(first);
      expect(await netWhere(ds, 'incident_id', a.incidentId)).toBe('0.00');
      expect((await rowsWhere(ds, 'incident_id', a.incidentId)).length).toBe(2);
    });
  });

  describe('append-only table', () => {
    /**
     * Runs `sql` in its own transaction that is always rolled back (so a missing trigger harms no
     * other test), on a plain pg connection so the expected refusals are not logged as errors.
     */
    async function attempt(sql: string, parameters: unknown[] = []): Promise<{ message?: string; code?: string } | undefined> {
      const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL lock_timeout = '20s'`);
        await client.query(sql, parameters);
        return undefined;
      } catch (error) {
        return error as { message?: string; code?: string };
      } finally {
        await client.query('ROLLBACK');
        await client.end();
      }
    }

    it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
      const { incidents } = await contractWithIncidents(1);
      const [a] = incidents;
      await activities().postLedgerEntry(posting(a));
      const before = await rowsWhere(ds, 'incident_id', a.incidentId);
      expect(before).toHaveLength(1);

      for (const [sql, parameters] of [
        [`UPDATE ledger_entries SET amount = 0 WHERE incident_id = $1`, [a.incidentId]],
        [`UPDATE ledger_entries SET amount = amount WHERE incident_id = $1`, [a.incidentId]],
        [`DELETE FROM ledger_entries WHERE incident_id = $1`, [a.incidentId]],
        [`TRUNCATE ledger_entries`, []],
      ] as const) {
        const error = await attempt(sql, [...parameters]);
        expect({ sql, message: error?.message, code: error?.code }).toEqual({
          sql,
          message: expect.stringMatching(/append-only/),
          code: '42501',
        });
      }
      expect(await rowsWhere(ds, 'incident_id', a.incidentId)).toEqual(before);
    });
  });
});
