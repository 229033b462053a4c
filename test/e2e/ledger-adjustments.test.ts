/**
 * Issue 14 item 7 over HTTP on the real servers: manual ledger adjustments with maker–checker. A
 * proposal posts nothing; its proposer can never approve it (field-named 400, nothing changes); a
 * second finance user's approval posts one append-only 'adjustment' entry, audited, shown apart in
 * the ledger, CSV, summary and reconciliation; counted against the cap it leaves less for accruals,
 * and reconciliation of the incident whose accruals it cut is still ok.
 */
import { parse } from 'csv-parse/sync';
import type { Agent, IssuedToken, TestApp } from '../harness/context';
import { startTestApp } from '../harness/context';
import { createContract, secondsPolicy } from '../harness/fixtures';
import { ledgerRows, report, step, waitForEvents, waitForState } from '../harness/incidents';

type Finance = Agent & { token: IssuedToken };
const s = (amount: number) => ({ amount, unit: 'seconds' as const, anchor: 'report' as const });

describe('manual ledger adjustments (maker–checker)', () => {
  let t: TestApp;
  let maker: Finance;
  let checker: Finance;
  beforeAll(async () => {
    t = await startTestApp();
    maker = await t.as(['finance'], `finance-maker-${Date.now()}`);
    checker = await t.as(['finance'], `finance-checker-${Date.now()}`);
  });
  afterAll(async () => t?.close());

  const propose = (a: Agent, contractId: string, body: Record<string, unknown>) =>
    a
      .post(`/api/v1/contracts/${contractId}/adjustments`)
      .send({ reason: 'Compensation agreed in the minutes', reference: 'MIN-7', ...body });

  it('the proposer cannot approve or reject; a second finance user decides once; bad input is field-named', async () => {
    const { contractId } = await createContract(t.dataSource);
    const proposed = await propose(maker, contractId, { amount: '3000.00', countsAgainstCap: true });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ status: 'proposed', amount: '3000.00', currency: 'CNY', incidentId: null, postedAmount: null });
    const id = proposed.body.id as string;
    const url = `/api/v1/contracts/${contractId}/adjustments/${id}`;

    for (const decision of ['approve', 'reject']) {
      const own = await maker.post(`${url}/${decision}`).send({ note: 'looks right to me' });
      expect(own.status).toBe(400);
      expect(own.body.fieldErrors).toEqual([{ path: 'approvedBy', message: expect.stringContaining(maker.token.name) }]);
    }
    expect((await checker.get(url)).body).toMatchObject({ status: 'proposed', decidedBy: null });
    expect((await checker.get(`/api/v1/ledger?contractId=${contractId}`)).body.total).toBe(0);

    // Not an engineer's or an admin's to decide.
    expect((await (await t.as(['admin'])).post(`${url}/approve`).send({})).status).toBe(403);

    const rejected = await checker.post(`${url}/reject`).send({ note: 'claim not signed yet' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decidedBy: { tokenId: checker.token.id },
      decisionNote: 'claim not signed yet',
    });
    const again = await checker.post(`${url}/approve`).send({});
    expect(again.status).toBe(409);
    expect((await checker.get(`/api/v1/ledger?contractId=${contractId}`)).body.total).toBe(0);

    const bad = await propose(maker, contractId, { amount: '12.345', countsAgainstCap: 'yes', incidentId: contractId });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors.map((e: { path: string }) => e.path).sort()).toEqual(['countsAgainstCap']);
    const badAmount = await propose(maker, contractId, { amount: '12.345', countsAgainstCap: false, incidentId: contractId });
    expect(badAmount.status).toBe(400);
    expect(badAmount.body.fieldErrors.map((e: { path: string }) => e.path).sort()).toEqual(['amount', 'incidentId']);

    const { contractId: noMoney } = await createContract(t.dataSource);
    await t.dataSource.query(`UPDATE contracts SET penalty_terms = NULL WHERE id = $1`, [noMoney]);
    const noCap = await propose(maker, noMoney, { amount: '100.00', countsAgainstCap: true });
    expect(noCap.status).toBe(400);
    expect(noCap.body.fieldErrors.map((e: { path: string }) => e.path)).toEqual(['countsAgainstCap']);
    expect((await checker.get(`/api/v1/contracts/${contractId}/adjustments`)).body.items).toHaveLength(1);
  });

  it('approved adjustments post apart from accruals; counted ones fill the cap, and reconciliation stays ok', async () => {
    // 100,000.00 CNY, 1 % (1,000.00) per 2 s, cap 5 % = 5,000.00; restore due 1 s after the report.
    const { contractId } = await createContract(t.dataSource, {
      totalValue: '100000.00',
      terms: { ratePerPeriod: '0.01', period: { amount: 2, unit: 'seconds' } },
      policy: secondsPolicy({ urgent: { triage: { respondWithin: s(600) }, penalty: { restoreWithin: s(1) } } }),
    });
    const approve = async (body: Record<string, unknown>) => {
      const p = await propose(maker, contractId, body);
      expect(p.status).toBe(201);
      const a = await checker.post(`/api/v1/contracts/${contractId}/adjustments/${p.body.id}/approve`).send({ note: 'checked' });
      expect(a.status).toBe(200);
      return a.body;
    };
    const counted = await approve({ amount: '3000.00', countsAgainstCap: true });
    expect(counted).toMatchObject({
      status: 'approved',
      postedAmount: '3000.00',
      capApplied: false,
      decidedBy: { name: checker.token.name },
    });
    const outside = await approve({ amount: '10000.00', countsAgainstCap: false, reference: 'DAMAGES-1' });
    expect(outside).toMatchObject({ postedAmount: '10000.00', capApplied: false });
    const cut = await approve({ amount: '5000.00', countsAgainstCap: true });
    expect(cut).toMatchObject({ amount: '5000.00', postedAmount: '2000.00', capApplied: true });

    // The cap is full: an incident that breaches restore owes periods, but the ledger takes nothing more.
    const id = await report(t, contractId);
    await waitForEvents(t, id, 'penalty_period_due', 2);
    await step(t, id, 'acknowledge');
    await step(t, id, 'restore', { cause: 'PSU', method: 'replaced' });
    await waitForState(t, id, (st) => st.status === 'restored');
    expect(await ledgerRows(t, id)).toEqual([]);

    const ledger = await checker.get(`/api/v1/ledger?contractId=${contractId}`);
    expect(ledger.body.totals).toEqual({
      accrued: '0.00',
      reversed: '0.00',
      corrected: '0.00',
      adjusted: '15000.00',
      net: '15000.00',
      count: 3,
    });
    expect(
      ledger.body.items.map((i: Record<string, unknown>) => [i.kind, i.amount, i.adjustmentId, i.countsAgainstCap, i.incidentId]),
    ).toEqual([
      ['adjustment', '3000.00', counted.id, true, null],
      ['adjustment', '10000.00', outside.id, false, null],
      ['adjustment', '2000.00', cut.id, true, null],
    ]);
    const only = await checker.get(`/api/v1/ledger?contractId=${contractId}&kind=adjustment`);
    expect(only.body.total).toBe(3);
    const csv = await checker.get(`/api/v1/ledger?contractId=${contractId}&format=csv`);
    const records: Array<Record<string, string>> = parse(csv.text, { columns: true });
    expect(records.map((r) => [r.kind, r.amount, r.adjustment_id, r.counts_against_cap])).toEqual([
      ['adjustment', '3000.00', counted.id, 'true'],
      ['adjustment', '10000.00', outside.id, 'false'],
      ['adjustment', '2000.00', cut.id, 'true'],
    ]);

    const summary = await checker.get(`/api/v1/contracts/${contractId}/penalties`);
    expect(summary.body).toMatchObject({
      net: '0.00',
      adjustments: { total: '15000.00', countedAgainstCap: '5000.00', entries: 3 },
      owed: '15000.00',
      headroom: '0.00',
      capReached: true,
    });
    const recon = await checker.get(`/api/v1/contracts/${contractId}/reconciliation`);
    expect(recon.body.ok).toBe(true);
    expect(recon.body.adjustments).toEqual({ entries: 3, total: '15000.00', countedAgainstCap: '5000.00' });
    const incident = recon.body.incidents.find((i: { incidentId: string }) => i.incidentId === id);
    expect(incident).toMatchObject({ result: 'ok', expected: { periods: 0, net: '0.00' } });
    expect(incident.expected.owedPeriods).toBeGreaterThanOrEqual(2);
    expect(incident.expected.cappedPeriods).toBe(incident.expected.owedPeriods);

    // Audited with the change; the ledger row stays append-only.
    const audit = await t.withToken(t.adminToken).get('/api/v1/audit').query({ entityType: 'adjustment', entityId: cut.id });
    expect(audit.body.items.map((e: { action: string; actor: { name: string } }) => [e.action, e.actor.name]).sort()).toEqual(
      [
        ['adjustment.approve', checker.token.name],
        ['adjustment.propose', maker.token.name],
      ].sort(),
    );
    await expect(t.dataSource.query(`UPDATE ledger_entries SET amount = 0 WHERE adjustment_id = $1`, [cut.id])).rejects.toThrow(
      /append-only/,
    );
  });
});
