/**
 * Issue 14 item 6, over HTTP on the real servers: a contract lists its customer-caused exclusion
 * causes; an incident pins them; exclude names one (or "other") and the excluded event carries it;
 * an unlisted cause is a 409 naming the allowed ones and changes nothing; GET /contracts/{id}/exclusions
 * counts the exclusions per cause over a period.
 */
import { startTestApp, type TestApp } from '../harness/context';
import { createContract } from '../harness/fixtures';
import { detail, report, step } from '../harness/incidents';

const CAUSES = ['power', 'water', 'ups', 'customer-hardware', 'os', 'operator-error', 'network'];

describe('exclusion causes per contract', () => {
  let t: TestApp;
  let contractId: string;
  beforeAll(async () => {
    t = await startTestApp();
    const { policyId } = await createContract(t.dataSource);
    const admin = await t.as(['admin']);
    const created = await admin.post('/api/v1/contracts').send({
      name: `exclusions-${policyId}`,
      customer: 'Shanghai Dianji University',
      totalValue: '100000.00',
      currency: 'CNY',
      calendarId: '24x7',
      policyId,
      penaltyTerms: null,
      exclusionCauses: CAUSES,
    });
    expect(created.status).toBe(201);
    expect(created.body.exclusionCauses).toEqual(CAUSES);
    contractId = created.body.id;
  });
  afterAll(async () => t?.close());

  it('PUT with bad causes is a field-named 400 and changes nothing; null clears the list', async () => {
    const admin = await t.as(['admin']);
    const bad = await admin.put(`/api/v1/contracts/${contractId}`).send({ exclusionCauses: ['ups', 'other', 'ups', ''] });
    expect(bad.status).toBe(400);
    const paths = bad.body.fieldErrors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['exclusionCauses[1]', 'exclusionCauses[2]', 'exclusionCauses[3]']));
    expect((await admin.get(`/api/v1/contracts/${contractId}`)).body.exclusionCauses).toEqual(CAUSES);

    const { contractId: other } = await createContract(t.dataSource);
    expect((await admin.get(`/api/v1/contracts/${other}`)).body.exclusionCauses).toBeNull();
    const set = await admin.put(`/api/v1/contracts/${other}`).send({ exclusionCauses: ['power'] });
    expect(set.status).toBe(200);
    expect(set.body.exclusionCauses).toEqual(['power']);
    const cleared = await admin.put(`/api/v1/contracts/${other}`).send({ exclusionCauses: null });
    expect(cleared.body.exclusionCauses).toBeNull();
  });

  it('an unlisted cause is refused (409 naming the allowed causes) and nothing changes', async () => {
    const id = await report(t, contractId);
    const refused = await t.http
      .post(`/api/v1/incidents/${id}/exclude`)
      .send({ actor: 'eng:li.na', cause: 'flood', reason: 'river flooded' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ statusCode: 409, error: 'step_refused', step: 'exclude' });
    expect(refused.body.message).toContain(
      `cause "flood" is not in the contract's exclusion causes (one of: ${[...CAUSES, 'other'].join(', ')})`,
    );
    const after = await detail(t, id);
    expect(after.status).toBe('open');
    expect(after.timeline.map((e: { kind: string }) => e.kind)).not.toContain('excluded');
    expect(after.exclusionCauses).toEqual(CAUSES);
  });

  it('a listed cause, "other" and a reason-only exclude are taken, carried by the event and counted per cause', async () => {
    const since = new Date().toISOString();
    const ups = await report(t, contractId);
    const excluded = await step(t, ups, 'exclude', { cause: 'ups', reason: 'customer UPS failed at 03:00' });
    expect(excluded.status).toBe('excluded');
    const event = (await detail(t, ups)).timeline.find((e: { kind: string }) => e.kind === 'excluded');
    expect(event.data).toEqual({ cause: 'ups', reason: 'customer UPS failed at 03:00' });

    const other = await report(t, contractId);
    await step(t, other, 'exclude', { cause: 'other', reason: 'a contractor cut the fibre' });
    const legacy = await report(t, contractId);
    await step(t, legacy, 'exclude', { reason: 'customer-side, no cause named' });

    const viewer = await t.as(['viewer']);
    const counts = await viewer.get(`/api/v1/contracts/${contractId}/exclusions`).query({ from: since });
    expect(counts.status).toBe(200);
    expect(counts.body).toMatchObject({ contractId, from: new Date(since).toISOString(), to: null, total: 3 });
    const byCause = Object.fromEntries(counts.body.causes.map((c: { cause: string; count: number }) => [c.cause, c.count]));
    expect(byCause).toEqual({
      power: 0,
      water: 0,
      ups: 1,
      'customer-hardware': 0,
      os: 0,
      'operator-error': 0,
      network: 0,
      other: 1,
      unspecified: 1,
    });
    expect(counts.body.causes.find((c: { cause: string }) => c.cause === 'ups').incidentIds).toEqual([ups]);

    // A period before the exclusions counts none of them; a reversed period is a field-named 400.
    const before = await viewer.get(`/api/v1/contracts/${contractId}/exclusions`).query({ to: since });
    expect(before.body.total).toBe(0);
    const reversed = await viewer.get(`/api/v1/contracts/${contractId}/exclusions`).query({ from: since, to: '2020-01-01T00:00:00Z' });
    expect(reversed.status).toBe(400);
    expect(reversed.body.fieldErrors.map((e: { path: string }) => e.path)).toContain('to');
  });
});
