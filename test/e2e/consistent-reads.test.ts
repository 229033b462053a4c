/**
 * One consistent read: once a step has answered, the incident, the list and the fault report all
 * show at least that step's state (the close after the sign-off included), and one answer never
 * mixes an older read model with newer live state. And finance judges an incident by its pinned
 * terms: renegotiating the contract afterwards leaves its reconciliation ok.
 */
import { startTestApp, type TestApp } from '../harness/context';
import { createContract, eventually, secondsPolicy } from '../harness/fixtures';
import { ledgerRows, report, step } from '../harness/incidents';

const s = (amount: number) => ({ amount, unit: 'seconds' as const, anchor: 'report' as const });

describe('reads right after a step', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('the incident, the list and the report agree with every step the moment it answers, sign-off included', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: secondsPolicy({ urgent: { triage: { respondWithin: s(600) }, penalty: { restoreWithin: s(600) } }, general: {} }),
    });
    const id = await report(t, contractId);
    const path: Array<[string, Record<string, unknown>, string]> = [
      ['acknowledge', {}, 'acknowledge'],
      ['remote-session', {}, 'remoteSession'],
      ['diagnosis', { outcome: 'needs_onsite' }, 'diagnosis'],
      ['dispatch', { engineer: 'eng:wang.fang' }, 'dispatch'],
      ['arrive', {}, 'arrive'],
      ['restore', { cause: 'PSU failure', method: 'Replaced PSU' }, 'restore'],
      ['sign-off', { signer: 'customer:liu' }, 'signOff'],
    ];
    for (const [route, body, name] of path) {
      const answered = await step(t, id, route, body);
      if (route === 'sign-off') expect(answered).toMatchObject({ status: 'closed', stage: 'closed' });
      const [incident, list] = await Promise.all([
        t.http.get(`/api/v1/incidents/${id}`),
        t.http.get('/api/v1/incidents').query({ contractId }),
      ]);
      expect(incident.status).toBe(200);
      const item = list.body.items.find((i: { id: string }) => i.id === id);
      const seen = { status: answered.status, stage: answered.stage };
      expect([route, { status: incident.body.status, stage: incident.body.stage }]).toEqual([route, seen]);
      expect([route, { status: incident.body.state.status, stage: incident.body.state.stage }]).toEqual([route, seen]);
      expect([route, { status: item.status, stage: item.stage }]).toEqual([route, seen]);
      const kinds = incident.body.timeline.map((e: { kind: string }) => e.kind);
      expect(kinds).toContain(`step:${name}`);
      // The timeline never runs behind the state it is shown with.
      expect(incident.body.timeline[incident.body.timeline.length - 1].seq).toBeGreaterThanOrEqual(answered.seq);
    }
    // The sign-off answered 'closed': the list says so and the report is there at once.
    const list = await t.http.get('/api/v1/incidents').query({ contractId });
    expect(list.body.items[0]).toMatchObject({ id, status: 'closed' });
    const closed = await t.http.get(`/api/v1/incidents/${id}`);
    expect(closed.body).toMatchObject({ status: 'closed', stage: 'closed' });
    const rep = await t.http.get(`/api/v1/incidents/${id}/report`);
    expect(rep.status).toBe(200);
    expect(rep.body).toMatchObject({ signedOffBy: 'customer:liu', cause: 'PSU failure' });
  });

  it('renegotiating the penalty rate after an incident accrued leaves its reconciliation ok', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: secondsPolicy({ urgent: { triage: { respondWithin: s(600) }, penalty: { restoreWithin: s(1) } }, general: {} }),
      terms: { ratePerPeriod: '0.0025', period: { amount: 1, unit: 'seconds' }, countFrom: 'breach' },
    });
    const id = await report(t, contractId);
    await eventually(async () => ((await ledgerRows(t, id)).length >= 3 ? true : undefined));
    await step(t, id, 'acknowledge');
    await step(t, id, 'restore', { cause: 'c', method: 'm' });
    const rows = await ledgerRows(t, id);
    expect(rows.every((r) => r.amount === '2500.0000')).toBe(true);

    const admin = await t.as(['admin']);
    const put = await admin.put(`/api/v1/contracts/${contractId}`).send({ penaltyTerms: { ratePerPeriod: '0.005', capFraction: '0.05' } });
    expect(put.status).toBe(200);
    const rec = await t.http.get(`/api/v1/contracts/${contractId}/reconciliation`);
    expect(rec.status).toBe(200);
    expect(rec.body.incidents).toEqual([
      expect.objectContaining({
        incidentId: id,
        result: 'ok',
        difference: '0.00',
        expected: expect.objectContaining({ periods: rows.length }),
      }),
    ]);
    expect(rec.body.ok).toBe(true);
  });
});
