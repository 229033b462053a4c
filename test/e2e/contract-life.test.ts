/**
 * Issue 14 item 9 over HTTP on the real servers: the term is enforced at the report (an admin may
 * override with a recorded reason), a contract is suspended, resumed and terminated (never deleted),
 * and a force-majeure pause extends its end date by the paused days, shown with the incident.
 */
import type { Agent, IssuedToken } from '../harness/context';
import { startTestApp, type TestApp } from '../harness/context';
import { createContract, eventually, secondsPolicy } from '../harness/fixtures';
import { step, waitForState } from '../harness/incidents';

const s = (amount: number) => ({ amount, unit: 'seconds' as const, anchor: 'report' as const });
/** Long targets: the incidents here only need to stay open. */
const POLICY = secondsPolicy({ urgent: { triage: { respondWithin: s(3600) } } });

describe('a contract has a life', () => {
  let t: TestApp;
  let admin: Agent;
  let engineer: Agent;
  let adminEngineer: Agent & { token: IssuedToken };
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as(['admin']);
    engineer = await t.as(['engineer']);
    adminEngineer = await t.as(['admin', 'engineer']);
  });
  afterAll(async () => t?.close());

  /** A contract over HTTP (no money, so incidents reported in the past post nothing). */
  const contract = async (term: { startsOn?: string; endsOn?: string }) => {
    const { policyId } = await createContract(t.dataSource, { policy: POLICY });
    const res = await admin.post('/api/v1/contracts').send({
      name: `life-${policyId}`,
      customer: 'Ningxia Expressway',
      totalValue: '500000.00',
      currency: 'CNY',
      calendarId: '24x7',
      policyId,
      penaltyTerms: null,
      ...term,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'active', extension: { days: 0, pauses: [] }, effectiveEndsOn: term.endsOn ?? null });
    return res.body.id as string;
  };
  const reportAt = (a: Agent, contractId: string, reportedAt: string, extra: Record<string, unknown> = {}) =>
    a.post('/api/v1/incidents').send({ contractId, severity: 'urgent', description: 'Toll gate cameras down', reportedAt, ...extra });

  it('refuses reports outside the term with the reason; an admin overrides with a recorded reason', async () => {
    const contractId = await contract({ startsOn: '2026-01-01', endsOn: '2026-03-31' });
    expect((await reportAt(engineer, contractId, '2026-02-01T08:00:00Z')).status).toBe(201);

    const late = await reportAt(engineer, contractId, '2026-04-01T08:00:00Z');
    expect(late.status).toBe(400);
    expect(late.body.fieldErrors).toEqual([
      { path: 'reportedAt', message: expect.stringContaining('after the contract term ended on 2026-03-31') },
    ]);
    const early = await reportAt(engineer, contractId, '2025-12-31T23:00:00Z');
    expect(early.body.fieldErrors[0].message).toContain('before the contract term starts on 2026-01-01');

    const notAdmin = await reportAt(engineer, contractId, '2026-04-01T08:00:00Z', { termOverride: { reason: 'renewal in signature' } });
    expect(notAdmin.status).toBe(400);
    expect(notAdmin.body.fieldErrors.map((e: { path: string }) => e.path)).toEqual(['termOverride']);
    const count = async () =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM incidents WHERE contract_id = $1`, [contractId]))[0].n;
    expect(await count()).toBe(1);

    const overridden = await reportAt(adminEngineer, contractId, '2026-04-01T08:00:00Z', {
      termOverride: { reason: 'renewal in signature' },
    });
    expect(overridden.status).toBe(201);
    const [row] = await t.dataSource.query(`SELECT term_override FROM incidents WHERE id = $1`, [overridden.body.id]);
    expect(row.term_override).toMatchObject({ reason: 'renewal in signature', by: adminEngineer.token.name });
    expect((await engineer.get(`/api/v1/incidents/${overridden.body.id}`)).body.termOverride).toMatchObject({
      reason: 'renewal in signature',
    });
    const audit = await t
      .withToken(t.adminToken)
      .get('/api/v1/audit')
      .query({ action: 'incident.term_override', entityId: overridden.body.id });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].details).toMatchObject({ reason: 'renewal in signature', problem: expect.stringContaining('2026-03-31') });
  });

  it('suspend, resume, terminate: reports refused while not active; never deleted', async () => {
    const contractId = await contract({});
    const now = () => new Date().toISOString();
    const act = (action: string, reason = `${action} for the test`) =>
      admin.post(`/api/v1/contracts/${contractId}/${action}`).send({ reason });

    const suspended = await act('suspend', 'campus move');
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: 'campus move' });
    const refused = await reportAt(engineer, contractId, now());
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/is suspended \(campus move\)/);
    expect((await act('suspend')).status).toBe(409);
    expect(
      (await admin.post(`/api/v1/contracts/${contractId}/suspend`).send({})).body.fieldErrors.map((e: { path: string }) => e.path),
    ).toEqual(['reason']);
    expect((await engineer.post(`/api/v1/contracts/${contractId}/resume`).send({ reason: 'x' })).status).toBe(403);

    expect((await act('resume')).body.status).toBe('active');
    expect((await reportAt(engineer, contractId, now())).status).toBe(201);

    const terminated = await act('terminate', 'contract ended by mutual agreement');
    expect(terminated.body).toMatchObject({ status: 'terminated' });
    expect((await reportAt(engineer, contractId, now())).status).toBe(409);
    expect((await act('resume')).status).toBe(409);
    expect((await admin.get(`/api/v1/contracts/${contractId}`)).body).toMatchObject({ id: contractId, status: 'terminated' });
    const audit = await t.withToken(t.adminToken).get('/api/v1/audit').query({ entityType: 'contract', entityId: contractId, limit: 50 });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['contract.suspend', 'contract.resume', 'contract.terminate']),
    );
  });

  it('a force-majeure pause extends the end date by the paused days, shown with its incident', async () => {
    const contractId = await contract({ startsOn: '2026-01-01', endsOn: '2026-01-10' });
    // Just after the end: refused until force majeure extends the term.
    expect((await reportAt(engineer, contractId, '2026-01-11T08:00:00Z')).status).toBe(400);

    const inTerm = await reportAt(engineer, contractId, '2026-01-10T08:00:00Z');
    expect(inTerm.status).toBe(201);
    const id = inTerm.body.id as string;
    await step(t, id, 'pause', { reason: 'force_majeure', note: 'flood' });
    await step(t, id, 'resume');
    await waitForState(t, id, (st) => st.pauses.length === 1 && st.pauses[0].to !== null);

    const extended = await eventually(async () => {
      const res = await admin.get(`/api/v1/contracts/${contractId}`);
      return res.body.extension.days === 1 ? res.body : undefined;
    });
    expect(extended).toMatchObject({ endsOn: '2026-01-10', effectiveEndsOn: '2026-01-11' });
    expect(extended.extension.pauses).toEqual([{ incidentId: id, pausedFrom: expect.any(String), pausedTo: expect.any(String) }]);

    expect((await reportAt(engineer, contractId, '2026-01-11T08:00:00Z')).status).toBe(201);
    const beyond = await reportAt(engineer, contractId, '2026-01-12T08:00:00Z');
    expect(beyond.status).toBe(400);
    expect(beyond.body.fieldErrors[0].message).toContain('ended on 2026-01-11');

    // A pause waiting on the customer extends nothing.
    await step(t, id, 'pause', { reason: 'waiting_on_customer' });
    await step(t, id, 'resume');
    await waitForState(t, id, (st) => st.pauses.length === 2 && st.pauses[1].to !== null);
    expect((await admin.get(`/api/v1/contracts/${contractId}`)).body.extension.pauses).toHaveLength(1);
  });
});
