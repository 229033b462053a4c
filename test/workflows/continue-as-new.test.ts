import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../harness/context';
import { createContract, secondsPolicy } from '../harness/fixtures';
import { detail, recordHistory, step, waitForState } from '../harness/incidents';
import { IncidentSnapshotRepository } from '../../src/incidents/incident-snapshot.repository';
import { incidentWorkflowId } from '../../workflows/incident/definitions';
import type { IncidentWorkflowArgs } from '../../workflows/incident/incident.workflow';

/** A long incident keeps its history bounded: it continues as new, carrying its whole state. */
describe('continue-as-new', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('carries the full state across runs and keeps working', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: secondsPolicy({ urgent: { triage: { respondWithin: { amount: 600, unit: 'seconds', anchor: 'report' } } } }),
    });
    const id = randomUUID();
    const reportedAt = Date.now();
    const snapshot = await new IncidentSnapshotRepository(t.dataSource).load(contractId);
    await t.dataSource.query(
      `INSERT INTO incidents (id, workflow_id, contract_id, severity, description, reported_at, policy_id, policy_version, status, rung, stage)
       VALUES ($1, $2, $3, 'urgent', 'long one', to_timestamp($4 / 1000.0), $5, $6, 'open', 'triage', 'triage')`,
      [id, incidentWorkflowId(id), contractId, reportedAt, snapshot.policy.id, snapshot.policy.version],
    );
    const args: IncidentWorkflowArgs = {
      incidentId: id,
      severity: 'urgent',
      description: 'long one',
      reportedAt,
      reportedBy: 'hotline',
      ...snapshot,
      continueAsNewAfterEvents: 60,
    };
    const handle = await t.client.workflow.start('incidentWorkflow', {
      workflowId: incidentWorkflowId(id),
      taskQueue: t.config.taskQueue,
      args: [args],
    });
    const firstRunId = handle.firstExecutionRunId;

    await step(t, id, 'acknowledge');
    for (let i = 0; i < 12; i++) {
      await step(t, id, 'pause', { reason: 'waiting_on_customer', note: `wait ${i}` });
      await step(t, id, 'resume');
    }
    const description = await t.client.workflow.getHandle(incidentWorkflowId(id)).describe();
    expect(description.runId).not.toBe(firstRunId);

    const d = await detail(t, id);
    expect(d.state.pauses).toHaveLength(12);
    expect(d.state.stage).toBe('remote');
    await step(t, id, 'restore', { cause: 'c', method: 'm' });
    await step(t, id, 'sign-off', { signer: 'customer' });
    const closed = await waitForState(t, id, (st) => st.status === 'closed');
    const seqs = closed.timeline.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    expect(closed.timeline.filter((e: { kind: string }) => e.kind === 'step:pause')).toHaveLength(12);
    await recordHistory(t, id, 'continued-as-new-run');
  });
});
