/**
 * Only the rungs the letter promises, over HTTP on the real servers: a policy without remote,
 * spare, expert and penalty rungs is accepted; its incident goes from the acknowledgement straight
 * to dispatch, opens no clock for what is not promised, posts nothing, and its fault report says
 * which rungs the contract does not promise.
 */
import { startTestApp, type TestApp } from '../harness/context';
import { createContract, eventually, secondsPolicy } from '../harness/fixtures';
import { detail, ledgerRows, report, step, waitForEvents } from '../harness/incidents';

describe('rungs the letter does not promise', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('never open, never breach, never accrue, and the fault report names them', async () => {
    const full = secondsPolicy();
    const urgent = { ...full.severities.urgent };
    for (const rung of ['remote', 'spare', 'expert', 'penalty'] as const) delete urgent[rung];
    const created = await t.http
      .post('/api/v1/policies')
      .send({ name: `hengzhong-like-${Date.now()}`, definition: { severities: { urgent } } });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body.definition.severities.urgent)).toEqual(['triage', 'onsite', 'signOff', 'faultReport']);
    const preview = await t.http
      .post(`/api/v1/policies/${created.body.id}/preview`)
      .send({ severity: 'urgent', reportedAt: '2026-11-20T09:00:00Z', calendarId: '24x7' });
    expect(preview.status).toBe(200);
    expect(JSON.stringify(preview.body)).not.toMatch(/remote\.|spare\.|expert\.|penalty\./);

    const { contractId } = await createContract(t.dataSource, { policy: created.body.definition, language: 'en' });
    const id = await report(t, contractId);
    const acknowledged = await step(t, id, 'acknowledge');
    expect(acknowledged.stage).toBe('dispatch');
    expect(acknowledged.clockViews.map((c: { key: string }) => c.key).sort()).toEqual(['onsite.arriveWithin', 'triage.respondWithin']);
    await step(t, id, 'dispatch', { engineer: 'eng:wang.fang' });
    await step(t, id, 'arrive');
    await step(t, id, 'restore', { cause: 'power supply', method: 'replaced the power supply' });
    await step(t, id, 'sign-off', { signer: 'Dr. Zhao' });
    await waitForEvents(t, id, 'closed', 1);

    const d = await detail(t, id);
    expect(d.state.breachCount).toBe(0);
    expect(Object.keys(d.state.rungsOpenedAt).sort()).toEqual(['onsite', 'triage']);
    expect(await ledgerRows(t, id)).toEqual([]);
    const reportRes = await eventually(async () => {
      const res = await t.http.get(`/api/v1/incidents/${id}/report`).query({ format: 'markdown' });
      return res.status === 200 ? res : undefined;
    });
    expect(reportRes.text).toMatch(/Rungs the contract does not promise \(never opened\): .*Remote.*Spare.*Expert.*Penalt/i);
  });

  it('refuses a class that promises nothing, naming it', async () => {
    const res = await t.http.post('/api/v1/policies').send({ name: `empty-${Date.now()}`, definition: { severities: { urgent: {} } } });
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors).toEqual([{ path: 'definition.severities.urgent', message: expect.stringMatching(/at least one rung/) }]);
  });
});
