/**
 * Named extra commitments over HTTP on the real servers (issue 14 item 3; Hengzhong's "a definite
 * answer within 8 h", the maintenance-service letter's "no response within 2 working days"): a policy
 * with two extras on triage (seconds long here), one met by commitment-met and one left to breach;
 * GET /incidents/{id} shows both clocks, the breach names the missed one, the fault report lists
 * both by name, no money moves, and a bad extra is a field-named 400.
 */
import { startTestApp, type TestApp } from '../harness/context';
import { createContract, secondsPolicy } from '../harness/fixtures';
import { clock, detail, ledgerRows, recordHistory, report, step, waitForEvents, waitForState } from '../harness/incidents';

const ANSWER = 'extra:definite-answer';
const RESPONSE = 'extra:written-response';

describe('named extra commitments over HTTP', () => {
  let t: TestApp;
  let policy: Record<string, unknown>;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('accepts extras in a policy, and refuses bad ones naming their field', async () => {
    const base = secondsPolicy({ urgent: { triage: { respondWithin: { amount: 300, unit: 'seconds', anchor: 'report' } } } });
    const extras = [
      { name: 'definite-answer', rung: 'triage', within: { amount: 300, unit: 'seconds' }, metBy: 'commitmentMet' },
      { name: 'written-response', rung: 'triage', within: { amount: 3, unit: 'seconds' }, metBy: 'commitmentMet' },
    ];
    const created = await t.http.post('/api/v1/policies').send({ name: `extras-${Date.now()}`, definition: { ...base, extras } });
    expect(created.status).toBe(201);
    expect(created.body.definition.extras[0]).toEqual({ ...extras[0], within: { amount: 300, unit: 'seconds', anchor: 'rungStart' } });
    policy = created.body.definition;

    const bad = await t.http.post('/api/v1/policies').send({
      name: `extras-bad-${Date.now()}`,
      definition: { ...base, extras: [extras[0], { ...extras[0], metBy: 'pause' }, { ...extras[1], rung: 'nowhere' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'definition.extras[1].metBy' }),
        expect.objectContaining({ path: 'definition.extras[2].rung' }),
      ]),
    );
    const dup = await t.http
      .post('/api/v1/policies')
      .send({ name: `extras-dup-${Date.now()}`, definition: { ...base, extras: [extras[0], extras[0]] } });
    expect(dup.status).toBe(400);
    expect(dup.body.fieldErrors).toEqual([
      expect.objectContaining({ path: 'definition.extras[1].name', message: 'duplicate "definite-answer"' }),
    ]);
  });

  it('one met by commitment-met, one breached; both shown, breach named, no money', async () => {
    const { contractId } = await createContract(t.dataSource, { policy: policy as never, language: 'en' });
    const id = await report(t, contractId);
    const opened = await detail(t, id);
    expect(clock(opened.state, ANSWER)).toMatchObject({ status: 'running', extra: { name: 'definite-answer', metBy: 'commitmentMet' } });
    expect(clock(opened.state, RESPONSE)).toMatchObject({ status: 'running' });

    const unknown = await t.http.post(`/api/v1/incidents/${id}/commitment-met`).send({ name: 'nope' });
    expect(unknown.status).toBe(409);
    expect(unknown.body.message).toMatch(/"nope" is not an extra commitment of the incident's policy/);
    const badName = await t.http.post(`/api/v1/incidents/${id}/commitment-met`).send({});
    expect(badName.status).toBe(400);
    expect(badName.body.fieldErrors).toEqual([expect.objectContaining({ path: 'name' })]);

    const met = await step(t, id, 'commitment-met', { name: 'definite-answer', note: 'answered: board replacement' });
    expect(clock(met, ANSWER).status).toBe('met');

    await waitForEvents(t, id, 'breach', 1, 30_000);
    const d = await waitForState(t, id, (s) => s.breachCount >= 1);
    const breach = d.timeline.find((e: { kind: string }) => e.kind === 'breach');
    expect(breach.data).toMatchObject({ clock: RESPONSE, rung: 'triage' });
    expect(clock(d.state, RESPONSE).status).toBe('breached');
    expect(clock(d.state, ANSWER).status).toBe('met');

    const closedAgain = await t.http.post(`/api/v1/incidents/${id}/commitment-met`).send({ name: 'definite-answer' });
    expect(closedAgain.status).toBe(409);
    expect(closedAgain.body.message).toMatch(/already met/);

    await step(t, id, 'acknowledge');
    await step(t, id, 'restore', { cause: 'power supply', method: 'replaced the power supply' });
    await step(t, id, 'sign-off', { signer: 'Dr. Zhao' });
    await waitForEvents(t, id, 'closed', 1);
    const rep = await t.http.get(`/api/v1/incidents/${id}/report`);
    expect(rep.status).toBe(200);
    expect(rep.body.targets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: ANSWER, status: 'met' }),
        expect.objectContaining({ key: RESPONSE, status: 'breached' }),
      ]),
    );
    const md = await t.http.get(`/api/v1/incidents/${id}/report`).query({ format: 'markdown' });
    expect(md.text).toContain('definite-answer');
    expect(md.text).toContain('written-response');
    // Extra commitments never accrue money.
    expect(await ledgerRows(t, id)).toEqual([]);
    await recordHistory(t, id, 'extra-commitments-met-and-breached');
  });
});
