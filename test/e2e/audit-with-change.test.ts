/**
 * Audit with the change: an admin change and its audit row commit in one transaction. A CHECK
 * constraint added for this test (and dropped after it) makes PostgreSQL refuse the audit rows of
 * one token, so every change that token attempts must leave nothing behind; the same changes made
 * by another token each leave exactly one audit row.
 */
import { randomUUID } from 'node:crypto';
import { SEED_TEMPLATES } from '../../src/domain/templates';
import { startTestApp, type Agent, type IssuedToken, type TestApp } from '../harness/context';
import { secondsPolicy } from '../harness/fixtures';

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const calendarDefinition = () => ({ zone: 'Asia/Shanghai', week: { monday: [{ open: '09:00', close: '18:00' }] } });

describe('admin changes are audited in the same transaction', () => {
  let t: TestApp;
  let ops: Agent & { token: IssuedToken };
  let refused: Agent & { token: IssuedToken };
  const constraint = `audit_refuses_${randomUUID().slice(0, 8)}`;
  let policyId: string;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    ops = await t.as(['admin'], unique('ops'));
    refused = await t.as(['admin'], unique('refused'));
    // NOT VALID: existing rows are not checked; only this test's token is refused, so parallel files are unaffected.
    await t.dataSource.query(`ALTER TABLE audit_log ADD CONSTRAINT ${constraint} CHECK (actor_name <> '${refused.token.name}') NOT VALID`);
    policyId = (await ops.post('/api/v1/policies').send({ name: unique('pol'), definition: secondsPolicy() })).body.id;
  });
  afterAll(async () => {
    await t?.dataSource.query(`ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS ${constraint}`);
    await t?.close();
  });

  const count = async (sql: string, params: unknown[]): Promise<number> => {
    const [{ n }]: Array<{ n: number }> = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
    return n;
  };
  const auditRows = (action: string, entityId: string) => count(`audit_log WHERE action = $1 AND entity_id = $2`, [action, entityId]);
  const contractBody = () => ({
    name: unique('contract'),
    customer: 'Shanghai Dianji University',
    totalValue: '1000000.00',
    currency: 'CNY',
    calendarId: '24x7',
    policyId,
    penaltyTerms: { ratePerPeriod: '0.0025', capFraction: '0.05' },
  });

  it('a change whose audit row fails leaves no change behind', async () => {
    const name = unique('refused');
    expect((await refused.post('/api/v1/calendars').send({ name, definition: calendarDefinition() })).status).toBe(500);
    expect(await count(`calendars WHERE name = $1`, [name])).toBe(0);

    expect((await refused.post('/api/v1/policies').send({ name, definition: secondsPolicy() })).status).toBe(500);
    expect(await count(`policies WHERE name = $1`, [name])).toBe(0);

    expect((await refused.post('/api/v1/contracts').send({ ...contractBody(), name })).status).toBe(500);
    expect(await count(`contracts WHERE name = $1`, [name])).toBe(0);

    expect((await refused.post(`/api/v1/templates/${SEED_TEMPLATES[0].id}/import`).send({ name })).status).toBe(500);
    expect(await count(`calendars WHERE name = $1`, [name])).toBe(0);
    expect(await count(`policies WHERE name = $1`, [name])).toBe(0);

    expect((await refused.post('/api/v1/tokens').send({ name, roles: ['viewer'] })).status).toBe(500);
    expect(await count(`api_tokens WHERE name = $1`, [name])).toBe(0);
  });

  it('an update whose audit row fails leaves the entity as it was', async () => {
    const calendar = await ops.post('/api/v1/calendars').send({ name: unique('cal'), definition: calendarDefinition() });
    expect((await refused.put(`/api/v1/calendars/${calendar.body.id}`).send({ name: unique('renamed') })).status).toBe(500);
    expect((await ops.get(`/api/v1/calendars/${calendar.body.id}`)).body).toEqual(calendar.body);

    const policy = await ops.post('/api/v1/policies').send({ name: unique('pol'), definition: secondsPolicy() });
    expect((await refused.put(`/api/v1/policies/${policy.body.id}`).send({ definition: secondsPolicy() })).status).toBe(500);
    expect((await ops.get(`/api/v1/policies/${policy.body.id}`)).body).toEqual(policy.body);
    expect(await count(`policy_versions WHERE policy_id = $1`, [policy.body.id])).toBe(1);

    const contract = await ops.post('/api/v1/contracts').send(contractBody());
    expect((await refused.put(`/api/v1/contracts/${contract.body.id}`).send({ totalValue: '5.00' })).status).toBe(500);
    expect((await ops.get(`/api/v1/contracts/${contract.body.id}`)).body).toEqual(contract.body);

    const viewer = await ops.post('/api/v1/tokens').send({ name: unique('viewer'), roles: ['viewer'] });
    expect((await refused.post(`/api/v1/tokens/${viewer.body.id}/revoke`)).status).toBe(500);
    expect((await ops.get(`/api/v1/tokens/${viewer.body.id}`)).body.active).toBe(true);
  });

  it('a change that succeeds has exactly one audit row', async () => {
    const calendar = await ops.post('/api/v1/calendars').send({ name: unique('cal'), definition: calendarDefinition() });
    expect(calendar.status).toBe(201);
    expect((await ops.put(`/api/v1/calendars/${calendar.body.id}`).send({ name: unique('cal') })).status).toBe(200);
    expect(await auditRows('calendar.create', calendar.body.id)).toBe(1);
    expect(await auditRows('calendar.update', calendar.body.id)).toBe(1);

    const policy = await ops.post('/api/v1/policies').send({ name: unique('pol'), definition: secondsPolicy() });
    expect(policy.status).toBe(201);
    expect((await ops.put(`/api/v1/policies/${policy.body.id}`).send({ definition: secondsPolicy() })).status).toBe(200);
    expect(await auditRows('policy.create', policy.body.id)).toBe(1);
    expect(await auditRows('policy.update', policy.body.id)).toBe(1);

    const contract = await ops.post('/api/v1/contracts').send(contractBody());
    expect(contract.status).toBe(201);
    expect((await ops.put(`/api/v1/contracts/${contract.body.id}`).send({ totalValue: '5.00' })).status).toBe(200);
    expect(await auditRows('contract.create', contract.body.id)).toBe(1);
    expect(await auditRows('contract.update', contract.body.id)).toBe(1);

    const imported = await ops.post(`/api/v1/templates/${SEED_TEMPLATES[0].id}/import`).send({ name: unique('tpl') });
    expect(imported.status).toBe(201);
    const importRows = await count(`audit_log WHERE action = 'template.import' AND details->>'calendarId' = $1`, [
      imported.body.calendar.id,
    ]);
    expect(importRows).toBe(1);

    const token = await ops.post('/api/v1/tokens').send({ name: unique('viewer'), roles: ['viewer'] });
    expect((await ops.post(`/api/v1/tokens/${token.body.id}/revoke`)).status).toBe(200);
    expect(await auditRows('token.create', token.body.id)).toBe(1);
    expect(await auditRows('token.revoke', token.body.id)).toBe(1);
  });
});
