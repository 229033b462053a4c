/**
 * The exposure simulator on real servers: incidents of one contract run to their end on the real
 * worker (breaches, accruals, a cap, an exclusion), then POST /policies/{id}/simulate replays them.
 * Under the actual policy its "actual" column is the ledger to the cent and the difference is zero;
 * a candidate with looser on-site and restore targets shows fewer breaches and less penalty.
 */
import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../harness/context';
import { createContract, secondsPolicy } from '../harness/fixtures';
import { ledgerNet, report, step, waitForEvents, waitForState } from '../harness/incidents';

const s = (amount: number, anchor: 'report' | 'rungStart' = 'report') => ({ amount, unit: 'seconds' as const, anchor });
const ACTUAL = secondsPolicy({
  urgent: { triage: { respondWithin: s(600) }, onsite: { arriveWithin: s(1, 'rungStart') }, penalty: { restoreWithin: s(2) } },
  general: {},
});
const LOOSER = secondsPolicy({
  urgent: { triage: { respondWithin: s(600) }, onsite: { arriveWithin: s(600, 'rungStart') }, penalty: { restoreWithin: s(600) } },
  general: {},
});

describe('POST /api/v1/policies/{id}/simulate', () => {
  let t: TestApp;
  let contractId: string;
  let policyId: string;
  let period: { from: string; to: string };
  const ids: string[] = [];

  /** Late on site (arrives only after the breach), restored after two accruals, signed off and closed. */
  async function lateOnSite(): Promise<string> {
    const id = await report(t, contractId);
    await step(t, id, 'acknowledge');
    await step(t, id, 'remote-session');
    await step(t, id, 'diagnosis', { outcome: 'needs_onsite' });
    await step(t, id, 'dispatch', { engineer: 'eng:wang.fang' });
    await waitForState(t, id, (st) => st.clocks['onsite.arriveWithin']?.status === 'breached');
    await step(t, id, 'arrive');
    await waitForEvents(t, id, 'penalty_period_due', 2);
    await step(t, id, 'restore', { cause: 'PSU failure', method: 'Replaced PSU' });
    await step(t, id, 'sign-off', { signer: 'customer:liu' });
    await waitForEvents(t, id, 'closed', 1);
    return id;
  }

  /** Accrues, then turns out customer-caused: every accrual reversed. */
  async function excluded(): Promise<string> {
    const id = await report(t, contractId);
    await waitForEvents(t, id, 'penalty_period_due', 1);
    await step(t, id, 'exclude', { reason: 'customer UPS failure' });
    await waitForState(t, id, (st) => st.status === 'excluded' && st.penalty.postings.some((p: { kind: string }) => p.kind === 'reversal'));
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const from = new Date(Date.now() - 60_000).toISOString();
    ({ contractId, policyId } = await createContract(t.dataSource, {
      policy: ACTUAL,
      terms: { ratePerPeriod: '0.01', capFraction: '0.5', period: { amount: 1, unit: 'seconds' } },
    }));
    ids.push(...(await Promise.all([lateOnSite(), lateOnSite(), excluded()])));
    period = { from, to: new Date(Date.now() + 60_000).toISOString() };
  });
  afterAll(async () => t?.close());

  it('under the actual policy: the actual column is the ledger to the cent, and the difference is zero', async () => {
    const res = await t.http.post(`/api/v1/policies/${policyId}/simulate`).send({ candidate: { version: 1 }, contractId, period });
    expect(res.status).toBe(200);
    expect(res.body.incidents.map((r: { incidentId: string }) => r.incidentId).sort()).toEqual([...ids].sort());
    for (const row of res.body.incidents) {
      expect(row.comparable).toBe(true);
      expect(row.flagged).toBe(false);
      expect(row.actual.penalty).toBe(await ledgerNet(t, { incidentId: row.incidentId }));
      expect(row.ledgerPenalty).toBe(row.actual.penalty);
      expect(row.difference).toEqual({ breaches: 0, penalty: '0.00' });
    }
    const late = res.body.incidents.filter((r: { actual: { status: string } }) => r.actual.status === 'closed');
    expect(late).toHaveLength(2);
    for (const row of late) expect(row.actual.breaches).toEqual(expect.arrayContaining(['onsite.arriveWithin', 'penalty.restoreWithin']));
    expect(res.body.totals.actual.penalty).toBe(await ledgerNet(t, { contractId }));
    expect(res.body.totals.ledgerPenalty).toBe(res.body.totals.actual.penalty);
    expect(Number(res.body.totals.actual.penalty)).toBeGreaterThan(0);
    expect(res.body.totals.difference).toEqual({ breaches: 0, penalty: '0.00' });
  });

  it('a candidate with looser on-site and restore targets shows fewer breaches and less penalty', async () => {
    const res = await t.http.post(`/api/v1/policies/${policyId}/simulate`).send({ candidate: { definition: LOOSER }, contractId, period });
    expect(res.status).toBe(200);
    const { totals } = res.body;
    expect(totals.candidate.breaches).toBeLessThan(totals.actual.breaches);
    expect(totals.candidate.penalty).toBe('0.00');
    expect(Number(totals.difference.penalty)).toBeLessThan(0);
    expect(totals.breachesByTarget['onsite.arriveWithin']).toEqual({ actual: 2, candidate: 0 });
    expect(res.body.candidateVersion).toBeNull();
    const last = res.body.cumulative[res.body.cumulative.length - 1];
    expect(last).toMatchObject({ actual: totals.actual.penalty, candidate: '0.00' });
  });

  it('answers CSV with Accept: text/csv, one row per incident with the same figures', async () => {
    const json = await t.http.post(`/api/v1/policies/${policyId}/simulate`).send({ candidate: { definition: LOOSER }, contractId, period });
    const res = await t.http
      .post(`/api/v1/policies/${policyId}/simulate`)
      .set('Accept', 'text/csv')
      .send({ candidate: { definition: LOOSER }, contractId, period });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows: Array<Record<string, string>> = parse(res.text, { columns: true });
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const same = json.body.incidents.find((r: { incidentId: string }) => r.incidentId === row.incidentId);
      expect(row.actualPenalty).toBe(same.actual.penalty);
      expect(row.candidatePenalty).toBe(same.candidate.penalty);
      expect(row.differencePenalty).toBe(same.difference.penalty);
    }
  });

  it('refuses bad input with field-named 400s and unknown ids with 404', async () => {
    const post = (body: object) => t.http.post(`/api/v1/policies/${policyId}/simulate`).send(body);
    const paths = async (body: object) => {
      const res = await post(body);
      expect(res.status).toBe(400);
      return res.body.fieldErrors.map((e: { path: string }) => e.path);
    };
    expect(await paths({ candidate: { version: 1, definition: LOOSER }, contractId, period })).toEqual(['candidate']);
    expect(await paths({ candidate: { version: 1 }, contractId: 'nope', period })).toEqual(['contractId']);
    expect(await paths({ candidate: { version: 1 }, contractId, period: { from: period.to, to: period.from } })).toEqual(['period.to']);
    expect(await paths({ candidate: { definition: { severities: { urgent: {} } } }, contractId, period })).toEqual(
      expect.arrayContaining(['candidate.definition.severities.urgent']),
    );
    expect(await paths({ candidate: { version: 1 }, contractId, period, terms: { ratePerPeriod: 0.01, capFraction: '0.05' } })).toEqual([
      'terms.ratePerPeriod',
    ]);
    expect((await post({ candidate: { version: 9 }, contractId, period })).status).toBe(404);
    const other = await t.http
      .post('/api/v1/policies/00000000-0000-4000-8000-000000000000/simulate')
      .send({ candidate: { version: 1 }, contractId, period });
    expect(other.status).toBe(404);
  });
});
