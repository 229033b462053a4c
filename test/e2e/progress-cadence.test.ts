/**
 * The progress-update cadence over HTTP on the real servers (issue 14 item 5, "及时更新故障处理进展"):
 * a policy with progress.updateEvery (seconds long here) has each missed update recorded as its own
 * breach, the progress-update step meets the running cycle and the next one counts from it, the
 * restore stops it (a later update is refused with 409), and no money moves for these breaches.
 */
import { startTestApp, type TestApp } from '../harness/context';
import { createContract, secondsPolicy } from '../harness/fixtures';
import { clock, detail, ledgerRows, recordHistory, report, step, waitForEvents, waitForState } from '../harness/incidents';

const EVERY_S = 4;
const KEY = 'progress.updateEvery';

describe('progress-update cadence over HTTP', () => {
  let t: TestApp;
  let policy: Record<string, unknown>;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('accepts the entry in a policy, and refuses a bad one naming its field', async () => {
    const base = secondsPolicy({ urgent: { triage: { respondWithin: { amount: 300, unit: 'seconds', anchor: 'report' } } } });
    const urgent = { ...base.severities.urgent, progress: { updateEvery: { amount: EVERY_S, unit: 'seconds' } } };
    const created = await t.http.post('/api/v1/policies').send({ name: `progress-${Date.now()}`, definition: { severities: { urgent } } });
    expect(created.status).toBe(201);
    expect(created.body.definition.severities.urgent.progress).toEqual({
      updateEvery: { amount: EVERY_S, unit: 'seconds', anchor: 'report' },
    });
    policy = created.body.definition;

    const bad = await t.http
      .post('/api/v1/policies')
      .send({ name: `progress-bad-${Date.now()}`, definition: { severities: { urgent: { ...urgent, progress: { every: {} } } } } });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'definition.severities.urgent.progress.every' })]),
    );
  });

  it('breaches each missed update, resets on a progress update, stops at the restore', async () => {
    const { contractId } = await createContract(t.dataSource, { policy: policy as never, language: 'en' });
    const id = await report(t, contractId);
    const acknowledged = await step(t, id, 'acknowledge');
    const first = clock(acknowledged, KEY) as ReturnType<typeof clock> & { anchorAt: number; cycle: number };
    expect(first).toMatchObject({ status: 'running', cycle: 1 });
    expect(first.dueAt! - first.anchorAt).toBe(EVERY_S * 1000);

    // Its note is the update: a progress update without one is refused and changes nothing.
    const noNote = await t.http.post(`/api/v1/incidents/${id}/progress-update`).send({});
    expect(noNote.status).toBe(400);
    expect(noNote.body.fieldErrors).toEqual([expect.objectContaining({ path: 'note' })]);

    const updated = await step(t, id, 'progress-update', { note: 'Replacement PSU ordered' });
    const second = clock(updated, KEY) as ReturnType<typeof clock> & { anchorAt: number; cycle: number };
    // The due instant moved: the next cycle counts from the update.
    expect(second).toMatchObject({ status: 'running', cycle: 2 });
    expect(second.anchorAt).toBeGreaterThan(first.anchorAt);
    expect(second.dueAt! - second.anchorAt).toBe(EVERY_S * 1000);
    expect(second.dueAt).toBeGreaterThan(first.dueAt!);
    const met = updated.history.find((e: { kind: string; data?: { clock?: string } }) => e.kind === 'target_met' && e.data?.clock === KEY);
    expect(met?.data).toMatchObject({ cycle: 1, dueAt: first.dueAt });

    // Nobody updates: each missed cycle is its own breach, at its own due instant.
    await waitForEvents(t, id, 'breach', 2, 30_000);
    const d = await waitForState(t, id, (s) => s.breachCount >= 2);
    const breaches = d.timeline.filter((e: { kind: string }) => e.kind === 'breach');
    expect(breaches.slice(0, 2).map((e: { data: { clock: string; cycle: number } }) => [e.data.clock, e.data.cycle])).toEqual([
      [KEY, 2],
      [KEY, 3],
    ]);
    expect(breaches[0].data.dueAt).toBe(second.dueAt);
    expect(breaches[1].data.dueAt).toBe(second.dueAt! + EVERY_S * 1000);
    expect(d.state.penalty.breachedAt).toBeNull();

    await step(t, id, 'restore', { cause: 'power supply', method: 'replaced the power supply' });
    const refused = await t.http.post(`/api/v1/incidents/${id}/progress-update`).send({ note: 'too late' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'step_refused', message: expect.stringMatching(/already restored/) });
    const restored = await detail(t, id);
    expect(clock(restored.state, KEY).status).toBe('stopped');

    await step(t, id, 'sign-off', { signer: 'Dr. Zhao' });
    await waitForEvents(t, id, 'closed', 1);
    // Missed updates are breaches, never money: only penalty.restoreWithin accrues.
    expect(await ledgerRows(t, id)).toEqual([]);
    await recordHistory(t, id, 'progress-cadence-breaches-update-restore');
  });
});
