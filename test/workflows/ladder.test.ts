import { startTestApp, type TestApp } from '../harness/context';
import { createContract, eventually, secondsPolicy } from '../harness/fixtures';
import { clock, detail, recordHistory, report, step, untilInstant, waitForState } from '../harness/incidents';

/** The escalation ladder on a real Temporal dev server, targets seconds long. */
describe('incident ladder', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('walks the happy path to closed: every target met, fault report written', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: secondsPolicy({ urgent: { triage: { respondWithin: { amount: 30, unit: 'seconds', anchor: 'report' } } } }),
    });
    const id = await report(t, contractId);
    let s = await step(t, id, 'acknowledge');
    expect(s).toMatchObject({ stage: 'remote', rung: 'remote', status: 'open' });
    expect(clock(s, 'triage.respondWithin')).toMatchObject({ status: 'met' });
    expect(clock(s, 'triage.respondWithin').marginMs).toBeGreaterThan(20_000);
    s = await step(t, id, 'remote-session');
    expect(s.stage).toBe('diagnosing');
    s = await step(t, id, 'diagnosis', { outcome: 'needs_onsite' });
    expect(s).toMatchObject({ stage: 'dispatch', rung: 'onsite' });
    expect(clock(s, 'remote.resolveWithin').status).toBe('stopped');
    s = await step(t, id, 'dispatch', { engineer: 'eng:wang.fang' });
    expect(s.assignees).toEqual(['eng:li.na', 'eng:wang.fang']);
    s = await step(t, id, 'arrive');
    expect(clock(s, 'onsite.arriveWithin').status).toBe('met');
    s = await step(t, id, 'restore', { cause: 'PSU failure', method: 'Replaced PSU' });
    expect(s).toMatchObject({ status: 'restored', stage: 'restored' });
    expect(clock(s, 'penalty.restoreWithin').status).toBe('met');
    expect(clock(s, 'spare.triggerAfter').status).toBe('stopped');
    s = await step(t, id, 'sign-off', { signer: 'customer:liu' });
    // The sign-off answers once the incident is closed and its report written (patch sign-off-answers-closed).
    expect(s).toMatchObject({ stage: 'closed', status: 'closed' });
    const report0 = await t.http.get(`/api/v1/incidents/${id}/report`);
    expect(report0.status).toBe(200);

    const closed = await detail(t, id);
    expect(closed.state.breachCount).toBe(0);
    expect(closed.status).toBe('closed');
    const kinds = closed.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds[0]).toBe('reported');
    expect(kinds).toContain('step:signOff');
    expect(kinds[kinds.length - 1]).toBe('closed');
    expect(closed.timeline.map((e: { seq: number }) => e.seq)).toEqual(kinds.map((_: string, i: number) => i + 1));

    const rep = report0;
    expect(rep.body).toMatchObject({ cause: 'PSU failure', method: 'Replaced PSU', signedOffBy: 'customer:liu', breachCount: 0 });
    expect(rep.body.targets.find((x: { key: string }) => x.key === 'faultReport.deliverWithin').status).toBe('met');
    const md = await t.http.get(`/api/v1/incidents/${id}/report?format=markdown`);
    expect(md.headers['content-type']).toMatch(/text\/markdown/);
    expect(md.text).toContain('## 故障原因'); // the fixture contract's language: zh-CN, a new contract's default
    expect(md.text).toContain('PSU failure');

    const refused = await t.http.post(`/api/v1/incidents/${id}/acknowledge`).send({ actor: 'x' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/closed/);
    await recordHistory(t, id, 'happy-path-closed-sign-off-answers-closed');
  });

  it('breaches an unanswered triage at its due instant and notifies', async () => {
    const { contractId } = await createContract(t.dataSource);
    const id = await report(t, contractId);
    const d = await waitForState(t, id, (st) => st.breachCount === 1, 15_000);
    const triage = clock(d.state, 'triage.respondWithin');
    expect(triage.status).toBe('breached');
    expect(triage.settledAt).toBe(triage.dueAt);
    const breach = d.timeline.find((e: { kind: string }) => e.kind === 'breach');
    expect(breach.data.clock).toBe('triage.respondWithin');
    expect(Date.parse(breach.at)).toBe(triage.dueAt);
    // Detected after the due instant (how soon after is the benchmark's timer-lateness figure, not a test).
    expect(breach.data.detectedAt).toBeGreaterThanOrEqual(breach.data.dueAt);
    const notes = await eventually(async () => {
      const rows: Array<{ kind: string }> = await t.dataSource.query(`SELECT kind FROM notifications WHERE incident_id = $1`, [id]);
      return rows.length > 0 ? rows : undefined;
    });
    expect(notes.map((n) => n.kind)).toContain('breach');
    // A late acknowledge is accepted but does not un-breach the target.
    const s = await step(t, id, 'acknowledge');
    expect(clock(s, 'triage.respondWithin').status).toBe('breached');
    await recordHistory(t, id, 'triage-breach-late-acknowledge');
  });

  it('opens the spare-unit rung at spare.triggerAfter and meets it on delivery', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: secondsPolicy({
        urgent: {
          triage: { respondWithin: { amount: 60, unit: 'seconds', anchor: 'report' } },
          spare: { triggerAfter: { amount: 2, unit: 'seconds', anchor: 'report' } },
        },
      }),
    });
    const id = await report(t, contractId);
    expect((await t.http.post(`/api/v1/incidents/${id}/spare`).send({ actor: 'a', unitId: 'U1' })).status).toBe(409);
    const d = await waitForState(t, id, (st) => st.rung === 'spare');
    expect(clock(d.state, 'spare.triggerAfter').status).toBe('fired');
    expect(clock(d.state, 'spare.deliverWithin')).toMatchObject({ status: 'running' });
    expect(clock(d.state, 'spare.deliverWithin').dueAt).toBe(clock(d.state, 'spare.triggerAfter').dueAt! + 300_000);
    const s = await step(t, id, 'spare', { unitId: 'SPARE-42' });
    expect(s.spareUnitId).toBe('SPARE-42');
    expect(clock(s, 'spare.deliverWithin').status).toBe('met');
  });

  it('opens expert consultation when a major problem is flagged', async () => {
    const { contractId } = await createContract(t.dataSource);
    const id = await report(t, contractId);
    await step(t, id, 'acknowledge');
    let s = await step(t, id, 'major-problem');
    expect(s.rung).toBe('expert');
    expect(clock(s, 'expert.triggerAfter').status).toBe('stopped');
    expect(clock(s, 'expert.conveneWithin').status).toBe('running');
    expect((await t.http.post(`/api/v1/incidents/${id}/major-problem`).send({ actor: 'a' })).status).toBe(409);
    s = await step(t, id, 'experts', { experts: ['dr.chen', 'dr.zhou'] });
    expect(s.experts).toEqual(['dr.chen', 'dr.zhou']);
    expect(clock(s, 'expert.conveneWithin').status).toBe('met');
    await recordHistory(t, id, 'major-problem-experts');
  });

  it('opens expert consultation on its own at expert.triggerAfter', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: secondsPolicy({
        urgent: {
          triage: { respondWithin: { amount: 60, unit: 'seconds', anchor: 'report' } },
          expert: { triggerAfter: { amount: 2, unit: 'seconds', anchor: 'report' } },
        },
      }),
    });
    const id = await report(t, contractId);
    const d = await waitForState(t, id, (st) => st.rungsOpenedAt.expert !== undefined);
    expect(clock(d.state, 'expert.triggerAfter').status).toBe('fired');
    expect(d.state.rung).toBe('expert');
    expect(d.timeline.some((e: { kind: string; data: { rung?: string } }) => e.kind === 'rung_opened' && e.data.rung === 'expert')).toBe(
      true,
    );
  });

  it('escalates to on-site when no remote fix arrives within remote.resolveWithin', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: secondsPolicy({
        urgent: {
          remote: {
            startWithin: { amount: 60, unit: 'seconds', anchor: 'report' },
            resolveWithin: { amount: 3, unit: 'seconds', anchor: 'report' },
          },
        },
      }),
    });
    const id = await report(t, contractId);
    await step(t, id, 'acknowledge');
    await step(t, id, 'remote-session');
    const d = await waitForState(t, id, (st) => st.stage === 'dispatch');
    expect(clock(d.state, 'remote.resolveWithin').status).toBe('breached');
    expect(d.state.rung).toBe('onsite');
    const refused = await t.http.post(`/api/v1/incidents/${id}/diagnosis`).send({ actor: 'a', outcome: 'needs_onsite' });
    expect(refused.status).toBe(409);
  });

  it('pause stops every clock and moves deadlines by the paused time', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: secondsPolicy({ urgent: { triage: { respondWithin: { amount: 4, unit: 'seconds', anchor: 'report' } } } }),
    });
    const id = await report(t, contractId);
    const initial = (await detail(t, id)).state;
    const before = clock(initial, 'triage.respondWithin').dueAt!;
    const restoreBefore = clock(initial, 'penalty.restoreWithin').dueAt!;
    const paused = await step(t, id, 'pause', { reason: 'force_majeure', note: 'typhoon' });
    expect(paused.status).toBe('paused');
    expect(clock(paused, 'triage.respondWithin').dueAt).toBeNull();
    expect(paused.allowedSteps).toEqual(expect.arrayContaining(['resume', 'exclude', 'cancel', 'reclassify']));
    expect(paused.allowedSteps).not.toContain('acknowledge');
    const refused = await t.http.post(`/api/v1/incidents/${id}/acknowledge`).send({ actor: 'a' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/paused/);
    await untilInstant(paused.pauses[0].from + 5000); // longer than the whole triage target
    const resumed = await step(t, id, 'resume');
    expect(resumed.breachCount).toBe(0);
    const pause = resumed.pauses[0];
    const pausedMs = pause.to - pause.from;
    expect(pausedMs).toBeGreaterThanOrEqual(5000);
    expect(clock(resumed, 'triage.respondWithin').dueAt).toBe(before + pausedMs);
    // Every clock moved, not just the one about to fall due.
    expect(clock(resumed, 'penalty.restoreWithin').dueAt).toBe(restoreBefore + pausedMs);
    const d = await waitForState(t, id, (st) => st.breachCount === 1, 10_000);
    expect(clock(d.state, 'triage.respondWithin').settledAt).toBe(before + pausedMs);
    await recordHistory(t, id, 'pause-resume-breach');
  });

  it('reclassify recomputes deadlines from t0 under the new class', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: secondsPolicy({
        urgent: { triage: { respondWithin: { amount: 60, unit: 'seconds', anchor: 'report' } } },
        general: { triage: { respondWithin: { amount: 600, unit: 'seconds', anchor: 'report' } } },
      }),
    });
    const id = await report(t, contractId);
    const d0 = await detail(t, id);
    const t0 = Date.parse(d0.reportedAt);
    expect(clock(d0.state, 'triage.respondWithin').dueAt).toBe(t0 + 60_000);
    const s = await step(t, id, 'reclassify', { severity: 'general' });
    expect(s.severity).toBe('general');
    expect(clock(s, 'triage.respondWithin').dueAt).toBe(t0 + 600_000);
    const same = await t.http.post(`/api/v1/incidents/${id}/reclassify`).send({ actor: 'a', severity: 'general' });
    expect(same.status).toBe(409);
    const unknown = await t.http.post(`/api/v1/incidents/${id}/reclassify`).send({ actor: 'a', severity: 'cosmic' });
    expect(unknown.status).toBe(409);
    expect(unknown.body.message).toMatch(/not in the incident's policy/);
    const list = await t.http.get(`/api/v1/incidents?contractId=${contractId}&severity=general`);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
  });

  it('exclude and cancel end the incident and stop every clock', async () => {
    const { contractId } = await createContract(t.dataSource);
    const a = await report(t, contractId);
    const excluded = await step(t, a, 'exclude', { reason: 'customer UPS failure' });
    expect(excluded).toMatchObject({ status: 'excluded', closeReason: 'customer UPS failure' });
    expect(excluded.clockViews.every((c: { status: string }) => c.status !== 'running')).toBe(true);
    const b = await report(t, contractId);
    const cancelled = await step(t, b, 'cancel', { reason: 'duplicate of ' + a });
    expect(cancelled.status).toBe('cancelled');
    await waitForState(t, b, (st) => st.status === 'cancelled');
    const refused = await t.http.post(`/api/v1/incidents/${b}/resume`).send({ actor: 'a' });
    expect(refused.status).toBe(409);
  });

  it('refuses every step that does not fit, with a reason, and changes nothing', async () => {
    const { contractId } = await createContract(t.dataSource, {
      policy: secondsPolicy({ urgent: { triage: { respondWithin: { amount: 600, unit: 'seconds', anchor: 'report' } } } }),
    });
    const id = await report(t, contractId);
    const before = await detail(t, id);
    const attempts: Array<[string, Record<string, unknown>, RegExp]> = [
      ['remote-session', {}, /not been acknowledged/],
      ['diagnosis', { outcome: 'needs_onsite' }, /needs stage diagnosing/],
      ['dispatch', { engineer: 'e' }, /needs stage dispatch/],
      ['arrive', {}, /needs stage en_route/],
      ['spare', { unitId: 'u' }, /spare unit rung has not opened/],
      ['experts', { experts: ['x'] }, /expert consultation has not opened/],
      ['restore', { cause: 'c', method: 'm' }, /not been acknowledged/],
      ['sign-off', { signer: 's' }, /needs stage restored/],
      ['resume', {}, /not paused/],
    ];
    for (const [path, body, reason] of attempts) {
      const res = await t.http.post(`/api/v1/incidents/${id}/${path}`).send({ actor: 'eng', ...body });
      expect({ path, status: res.status }).toEqual({ path, status: 409 });
      expect(res.body.error).toBe('step_refused');
      expect(res.body.message).toMatch(reason);
    }
    await step(t, id, 'acknowledge');
    await step(t, id, 'remote-session');
    await step(t, id, 'diagnosis', { outcome: 'needs_onsite' });
    const arriveEarly = await t.http.post(`/api/v1/incidents/${id}/arrive`).send({ actor: 'eng' });
    expect(arriveEarly.status).toBe(409);
    expect(arriveEarly.body.message).toMatch(/no engineer has been dispatched/);
    const after = await detail(t, id);
    // Refusals wrote nothing: only the three accepted steps (and what they caused) were added.
    const added = after.timeline.slice(before.timeline.length).map((e: { kind: string }) => e.kind);
    expect(added.filter((k: string) => k.startsWith('step:'))).toEqual(['step:acknowledge', 'step:remoteSession', 'step:diagnosis']);
  });

  it('answers 400 for malformed bodies and 404 for unknown incidents', async () => {
    const { contractId } = await createContract(t.dataSource);
    const id = await report(t, contractId);
    const bad = await t.http.post(`/api/v1/incidents/${id}/dispatch`).send({ actor: 'eng' });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors.map((f: { path: string }) => f.path)).toContain('engineer');
    const extra = await t.http.post(`/api/v1/incidents/${id}/acknowledge`).send({ actor: 'eng', bogus: 1 });
    expect(extra.status).toBe(400);
    expect(extra.body.fieldErrors.map((f: { path: string }) => f.path)).toContain('bogus');
    const missing = await t.http.post(`/api/v1/incidents/00000000-0000-4000-8000-000000000000/acknowledge`).send({ actor: 'eng' });
    expect(missing.status).toBe(404);
    const badSeverity = await t.http.post('/api/v1/incidents').send({ contractId, severity: 'cosmic', description: 'x', reportedBy: 'h' });
    expect(badSeverity.status).toBe(400);
    expect(badSeverity.body.fieldErrors[0].path).toBe('severity');
    const unknownContract = await t.http
      .post('/api/v1/incidents')
      .send({ contractId: '00000000-0000-4000-8000-000000000000', severity: 'urgent', description: 'x', reportedBy: 'h' });
    expect(unknownContract.status).toBe(404);
  });

  it('an Idempotency-Key makes a retried report return the same incident', async () => {
    const { contractId } = await createContract(t.dataSource);
    const key = `retry-${Date.now()}`;
    const body = { contractId, severity: 'urgent', description: 'x', reportedBy: 'h' };
    const [a, b] = await Promise.all([
      t.http.post('/api/v1/incidents').set('Idempotency-Key', key).send(body),
      t.http.post('/api/v1/incidents').set('Idempotency-Key', key).send(body),
    ]);
    expect(a.body.id).toBe(b.body.id);
    const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM incidents WHERE idempotency_key = $1`, [key]);
    expect(rows[0].n).toBe(1);
  });
});
