/**
 * The audit trail: one row per admin change and per incident report and step, with the token
 * (name and id) that made it and when; listed for admins with filters; append-only.
 */
import { randomUUID } from 'node:crypto';
import { startTestApp, type Agent, type IssuedToken, type TestApp } from '../harness/context';
import { createContract, secondsPolicy } from '../harness/fixtures';
import { untilInstant } from '../harness/incidents';

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const s = (amount: number) => ({ amount, unit: 'seconds' as const, anchor: 'report' as const });

interface AuditItem {
  id: string;
  at: string;
  actor: { tokenId: string | null; name: string };
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, any>;
}

describe('audit trail', () => {
  let t: TestApp;
  let ops: Agent & { token: IssuedToken };
  let eng: Agent & { token: IssuedToken };
  let auditor: Agent;

  beforeAll(async () => {
    t = await startTestApp();
    ops = await t.as(['admin'], unique('ops'));
    eng = await t.as(['engineer'], unique('eng'));
    auditor = t.withToken(t.adminToken);
  });
  afterAll(async () => t?.close());

  /** Rows for one entity, oldest first. */
  async function trail(entityType: string, entityId: string, actor?: string): Promise<AuditItem[]> {
    const res = await auditor.get('/api/v1/audit').query({ entityType, entityId, limit: 500, ...(actor ? { actor } : {}) });
    expect(res.status).toBe(200);
    return (res.body.items as AuditItem[]).reverse();
  }

  it('records every admin change with the admin token that made it', async () => {
    const started = Date.now();
    const day = [{ open: '09:00', close: '18:00' }];
    const cal = await ops
      .post('/api/v1/calendars')
      .send({ name: unique('cal'), definition: { zone: 'Asia/Shanghai', week: { monday: day } } });
    expect(cal.status).toBe(201);
    const calRenamed = unique('cal-renamed');
    expect((await ops.put(`/api/v1/calendars/${cal.body.id}`).send({ name: calRenamed })).status).toBe(200);
    const pol = await ops.post('/api/v1/policies').send({ name: unique('pol'), definition: secondsPolicy() });
    expect(pol.status).toBe(201);
    expect(
      (
        await ops
          .put(`/api/v1/policies/${pol.body.id}`)
          .send({ definition: secondsPolicy({ urgent: { triage: { respondWithin: s(9) } }, general: {} }) })
      ).status,
    ).toBe(200);
    const con = await ops.post('/api/v1/contracts').send({
      name: unique('contract'),
      customer: 'Audit Customer',
      totalValue: '5000.00',
      currency: 'CNY',
      calendarId: cal.body.id,
      policyId: pol.body.id,
      penaltyTerms: { ratePerPeriod: '0.0025', capFraction: '0.05' },
    });
    expect(con.status).toBe(201);
    expect((await ops.put(`/api/v1/contracts/${con.body.id}`).send({ totalValue: '6000.00', customer: 'Audit Customer' })).status).toBe(
      200,
    );
    const imported = await ops.post('/api/v1/templates/xinbei-service-commitment/import').send({ name: unique('xinbei') });
    expect(imported.status).toBe(201);
    const token = await ops.post('/api/v1/tokens').send({ name: unique('new'), roles: ['viewer'] });
    expect(token.status).toBe(201);
    expect((await ops.post(`/api/v1/tokens/${token.body.id}/revoke`)).status).toBe(200);
    // Refused changes leave no row.
    expect((await ops.put(`/api/v1/calendars/24x7`).send({ name: unique('nope') })).status).toBe(409);
    expect((await ops.post('/api/v1/tokens').send({ name: token.body.name, roles: ['viewer'] })).status).toBe(409);
    expect(
      (await eng.post('/api/v1/calendars').send({ name: unique('cal'), definition: { zone: 'UTC', week: { monday: day } } })).status,
    ).toBe(403);

    const actor = { tokenId: ops.token.id, name: ops.token.name };
    const expectations: Array<[string, string, string, Record<string, unknown>]> = [
      ['calendar', cal.body.id, 'calendar.create', { name: cal.body.name }],
      ['calendar', cal.body.id, 'calendar.update', { changes: { name: { from: cal.body.name, to: calRenamed } } }],
      ['policy', pol.body.id, 'policy.create', { name: pol.body.name, version: 1 }],
      ['policy', pol.body.id, 'policy.update', { previousVersion: 1, version: 2 }],
      ['contract', con.body.id, 'contract.create', { name: con.body.name, totalValue: '5000.00', policyId: pol.body.id }],
      // customer was sent unchanged: only what changed is recorded.
      ['contract', con.body.id, 'contract.update', { changes: { totalValue: { from: '5000.00', to: '6000.00' } } }],
      [
        'template',
        'xinbei-service-commitment',
        'template.import',
        { calendarId: imported.body.calendar.id, policyId: imported.body.policy.id },
      ],
      ['token', token.body.id, 'token.create', { name: token.body.name, roles: ['viewer'] }],
      ['token', token.body.id, 'token.revoke', { name: token.body.name }],
    ];
    for (const [type, id, action, details] of expectations) {
      // Templates are shared by every test file: only this token's rows are this test's.
      const rows = (await trail(type, id, type === 'template' ? ops.token.id : undefined)).filter((r) => r.action === action);
      expect({ action, count: rows.length }).toEqual({ action, count: 1 });
      const row = rows[0];
      expect(row).toMatchObject({ actor, action, entityType: type, entityId: id, details });
      expect(Date.parse(row.at)).toBeGreaterThanOrEqual(started - 1000);
      expect(Date.parse(row.at)).toBeLessThanOrEqual(Date.now() + 1000);
    }
    expect((await trail('contract', con.body.id)).map((r) => r.action)).toEqual(['contract.create', 'contract.update']);
    expect((await trail('calendar', '24x7')).length).toBe(0);
    const contractUpdate = (await trail('contract', con.body.id))[1];
    expect(Object.keys(contractUpdate.details.changes)).toEqual(['totalValue']);
  });

  it('records the report and every step of an incident with the engineer token that took it, whatever actor the body claims', async () => {
    const { contractId } = await createContract(t.dataSource, { policy: secondsPolicy({ urgent: { triage: { respondWithin: s(600) } } }) });
    const reported = await eng.post('/api/v1/incidents').send({ contractId, severity: 'urgent', description: 'Audit me' });
    expect(reported.status).toBe(201);
    const id = reported.body.id;
    const steps: Array<[string, Record<string, unknown>]> = [
      ['acknowledge', { actor: 'eng:someone-else', note: 'picked up' }],
      ['remote-session', {}],
      ['diagnosis', { outcome: 'needs_onsite' }],
      ['dispatch', { engineer: 'eng:wang.fang' }],
      ['arrive', {}],
      ['pause', { reason: 'waiting_on_customer' }],
      ['resume', {}],
      ['restore', { cause: 'PSU', method: 'Replaced' }],
      ['sign-off', { signer: 'customer:liu' }],
    ];
    for (const [path, body] of steps) {
      const res = await eng.post(`/api/v1/incidents/${id}/${path}`).send(body);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
    // A refused step is not an audited change.
    expect((await eng.post(`/api/v1/incidents/${id}/acknowledge`).send({})).status).toBe(409);

    const rows = await trail('incident', id);
    const actor = { tokenId: eng.token.id, name: eng.token.name };
    expect(rows.map((r) => r.action)).toEqual(['incident.report', ...steps.map(([p]) => `incident.step.${p}`)]);
    for (const row of rows) expect(row.actor).toEqual(actor);
    expect(rows[0].details).toMatchObject({ contractId, severity: 'urgent', reportedBy: eng.token.name });
    expect(rows[1].details).toMatchObject({ step: 'acknowledge', note: 'picked up', claimedActor: 'eng:someone-else', stage: 'remote' });
    expect(rows[4].details).toMatchObject({ step: 'dispatch', engineer: 'eng:wang.fang' });
    expect(rows[2].details.claimedActor).toBeUndefined();

    // The workflow records the authenticated token as the actor too: the body's claim is not trusted.
    const detail = await eng.get(`/api/v1/incidents/${id}`);
    const stepEvents = detail.body.timeline.filter((e: { kind: string }) => e.kind.startsWith('step:'));
    expect(stepEvents.length).toBeGreaterThan(0);
    for (const e of stepEvents) expect(e.actor).toBe(eng.token.name);
    expect(detail.body.state.assignees).toEqual([eng.token.name, 'eng:wang.fang']);
    expect(detail.body.timeline[0]).toMatchObject({ kind: 'reported', actor: eng.token.name });
  });

  it('filters by actor (name or id), action (exact or prefix*), entity, time window, with paging; newest first', async () => {
    const viewerToken = await t.createToken(['viewer']);
    const mine = await t.as(['admin'], unique('filter'));
    const c1 = await mine
      .post('/api/v1/calendars')
      .send({ name: unique('f1'), definition: { zone: 'UTC', week: { monday: [{ open: '09:00', close: '17:00' }] } } });
    const mid = new Date().toISOString();
    await untilInstant(Date.parse(mid) + 2); // the second calendar is written strictly after `mid`
    const c2 = await mine
      .post('/api/v1/calendars')
      .send({ name: unique('f2'), definition: { zone: 'UTC', week: { tuesday: [{ open: '09:00', close: '17:00' }] } } });
    expect((await mine.put(`/api/v1/calendars/${c2.body.id}`).send({ name: unique('f2b') })).status).toBe(200);

    const get = async (query: Record<string, string | number>) => {
      const res = await auditor.get('/api/v1/audit').query(query);
      expect(res.status).toBe(200);
      return res.body as { items: AuditItem[]; total: number; limit: number; offset: number };
    };
    const byName = await get({ actor: mine.token.name });
    expect(byName.items.map((i) => i.action)).toEqual(['calendar.update', 'calendar.create', 'calendar.create']);
    expect(byName.total).toBe(3);
    expect((await get({ actor: mine.token.id })).total).toBe(3);
    expect((await get({ actor: mine.token.name, action: 'calendar.create' })).items.map((i) => i.entityId)).toEqual([
      c2.body.id,
      c1.body.id,
    ]);
    expect((await get({ actor: mine.token.name, action: 'calendar.*' })).total).toBe(3);
    expect((await get({ actor: mine.token.name, action: 'calendar' })).total).toBe(0);
    expect((await get({ actor: mine.token.name, entityType: 'calendar', entityId: c1.body.id })).items.map((i) => i.action)).toEqual([
      'calendar.create',
    ]);
    expect((await get({ actor: mine.token.name, from: mid })).items.map((i) => i.entityId)).toEqual([c2.body.id, c2.body.id]);
    expect((await get({ actor: mine.token.name, to: mid })).items.map((i) => i.entityId)).toEqual([c1.body.id]);
    const page = await get({ actor: mine.token.name, limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.items.map((i) => i.action)).toEqual(['calendar.create']);
    expect(page.items[0].entityId).toBe(c2.body.id);
    expect((await get({ action: 'incident.step.*', limit: 1 })).items.every((i) => i.action.startsWith('incident.step.'))).toBe(true);
    const tokenRows = await get({ action: 'token.create', entityId: viewerToken.id });
    expect(tokenRows.items).toHaveLength(1);
    expect(tokenRows.items[0].actor.name).toBe('bootstrap-admin');

    for (const bad of [
      { from: 'yesterday' },
      { to: '2026-01-01T00:00:00' },
      { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      { limit: 0 },
      { bogus: 1 },
    ]) {
      const res = await auditor.get('/api/v1/audit').query(bad);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      expect(res.body.error).toBe('validation_failed');
    }
    for (const role of ['engineer', 'finance', 'viewer'] as const) {
      const res = await (await t.as([role])).get('/api/v1/audit');
      expect(res.status).toBe(403);
    }
  });

  it('is append-only in the database', async () => {
    for (const sql of ['UPDATE audit_log SET actor_name = $1', 'DELETE FROM audit_log WHERE actor_name <> $1', 'TRUNCATE audit_log']) {
      await expect(t.dataSource.query(sql, sql.startsWith('TRUNCATE') ? [] : ['mallory'])).rejects.toThrow(/append-only/);
    }
  });
});
