/**
 * Honest under failure, with no worker polling: a read answers from the read model within about a
 * second and says so; a step answers 503 within its bound saying it was not applied; retried with
 * the same Idempotency-Key once a worker is back, it is applied exactly once, dated when the API
 * first received it. Keys also hold across continue-as-new.
 */
import { randomUUID } from 'node:crypto';
import { IncidentSnapshotRepository } from '../../src/incidents/incident-snapshot.repository';
import { incidentWorkflowId } from '../../workflows/incident/definitions';
import type { IncidentWorkflowArgs } from '../../workflows/incident/incident.workflow';
import { startTestApp, startWorker, type TestApp } from '../harness/context';
import { createContract, secondsPolicy } from '../harness/fixtures';
import { detail, recordHistory, report } from '../harness/incidents';

const s = (amount: number) => ({ amount, unit: 'seconds' as const, anchor: 'report' as const });
const POLICY = secondsPolicy({ urgent: { triage: { respondWithin: s(600) }, penalty: { restoreWithin: s(600) } }, general: {} });

describe('no worker polling the task queue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => t?.close());

  it('reads fall back to the read model, steps answer 503, and a keyed retry applies once when a worker returns', async () => {
    const { contractId } = await createContract(t.dataSource, { policy: POLICY });
    const id = await report(t, contractId);

    const readStarted = Date.now();
    const read = await t.http.get(`/api/v1/incidents/${id}`);
    const readMs = Date.now() - readStarted;
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, status: 'open', live: false });
    expect(read.body.liveReason).toMatch(/did not answer within 1000 ms/);
    expect(readMs).toBeLessThan(5_000); // bounded: a hang would run into the test's own timeout

    const key = `ack-${randomUUID()}`;
    const firstSent = Date.now();
    const refused = await t.http.post(`/api/v1/incidents/${id}/acknowledge`).set('Idempotency-Key', key).send({ note: 'first try' });
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toMatchObject({ error: 'service_unavailable' });
    expect(refused.body.message).toMatch(
      /acknowledge step was not applied: no worker accepted it within 10 s; retry with the same Idempotency-Key/,
    );
    expect(Date.now() - firstSent).toBeLessThan(20_000);

    const worker = await startWorker({ taskQueue: t.config.taskQueue, dataSource: t.dataSource });
    try {
      const retried = await t.http.post(`/api/v1/incidents/${id}/acknowledge`).set('Idempotency-Key', key).send({ note: 'first try' });
      expect(retried.status).toBe(200);
      expect(retried.body.stage).toBe('remote');
      const again = await t.http.post(`/api/v1/incidents/${id}/acknowledge`).set('Idempotency-Key', key).send({ note: 'first try' });
      expect(again.status).toBe(200);

      const d = await detail(t, id);
      expect(d.live).toBe(true);
      const acks = d.timeline.filter((e: { kind: string }) => e.kind === 'step:acknowledge');
      expect(acks).toHaveLength(1);
      // Dated when the API received it (the first attempt or the retry), never when a worker got to it.
      expect(Date.parse(acks[0].at)).toBe(acks[0].data.requestedAt);
      expect(acks[0].data.requestedAt).toBeGreaterThanOrEqual(firstSent);
    } finally {
      await worker.stop();
    }
  });
});

describe('step keys across continue-as-new', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('a retry after the workflow continued as new is answered, not refused or applied again', async () => {
    const { contractId } = await createContract(t.dataSource, { policy: POLICY });
    const id = randomUUID();
    const reportedAt = Date.now();
    const snapshot = await new IncidentSnapshotRepository(t.dataSource).load(contractId);
    await t.dataSource.query(
      `INSERT INTO incidents (id, workflow_id, contract_id, severity, description, reported_at, policy_id, policy_version, status, rung, stage, pinned, pinned_source)
       VALUES ($1, $2, $3, 'urgent', 'long one', to_timestamp($4 / 1000.0), $5, $6, 'open', 'triage', 'triage', $7, 'report')`,
      [id, incidentWorkflowId(id), contractId, reportedAt, snapshot.policy.id, snapshot.policy.version, JSON.stringify(snapshot)],
    );
    const args: IncidentWorkflowArgs = {
      incidentId: id,
      severity: 'urgent',
      description: 'long one',
      reportedAt,
      reportedBy: 'hotline',
      ...snapshot,
      continueAsNewAfterEvents: 40,
    };
    const handle = await t.client.workflow.start('incidentWorkflow', {
      workflowId: incidentWorkflowId(id),
      taskQueue: t.config.taskQueue,
      args: [args],
    });

    const key = `ack-${randomUUID()}`;
    const first = await t.http.post(`/api/v1/incidents/${id}/acknowledge`).set('Idempotency-Key', key).send({});
    expect(first.status).toBe(200);
    for (let i = 0; i < 8; i++) {
      expect((await t.http.post(`/api/v1/incidents/${id}/pause`).send({ reason: 'waiting_on_customer' })).status).toBe(200);
      expect((await t.http.post(`/api/v1/incidents/${id}/resume`).send({})).status).toBe(200);
    }
    expect((await t.client.workflow.getHandle(incidentWorkflowId(id)).describe()).runId).not.toBe(handle.firstExecutionRunId);

    const retried = await t.http.post(`/api/v1/incidents/${id}/acknowledge`).set('Idempotency-Key', key).send({});
    expect(retried.status).toBe(200);
    expect(retried.body.stage).toBe('remote');
    const unkeyed = await t.http.post(`/api/v1/incidents/${id}/acknowledge`).send({});
    expect(unkeyed.status).toBe(409); // a new acknowledge is refused as usual
    const d = await detail(t, id);
    expect(d.timeline.filter((e: { kind: string }) => e.kind === 'step:acknowledge')).toHaveLength(1);
    await recordHistory(t, id, 'step-keys-across-continue-as-new');
  });
});
