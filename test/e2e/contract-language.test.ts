import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../harness/context';
import { secondsPolicy } from '../harness/fixtures';
import { snapshotQuery } from '../../workflows/incident/definitions';

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A contract names the language of its customer's documents; an incident pins it when reported. */
describe('contract language', () => {
  let t: TestApp;
  let policyId: string;
  beforeAll(async () => {
    t = await startTestApp();
    policyId = (await t.http.post('/api/v1/policies').send({ name: unique('pol'), definition: secondsPolicy() })).body.id;
  });
  afterAll(async () => t?.close());

  const create = (overrides: Record<string, unknown> = {}) =>
    t.http.post('/api/v1/contracts').send({
      name: unique('contract'),
      customer: '上海电机学院',
      totalValue: '1000000.00',
      currency: 'CNY',
      calendarId: '24x7',
      policyId,
      penaltyTerms: { ratePerPeriod: '0.0025', capFraction: '0.05' },
      ...overrides,
    });

  it('defaults to zh-CN, takes en, refuses anything else naming the field, and changes without touching the rest', async () => {
    const chinese = await create();
    expect(chinese.status).toBe(201);
    expect(chinese.body.language).toBe('zh-CN');
    const english = await create({ language: 'en' });
    expect(english.body.language).toBe('en');
    expect((await t.http.get(`/api/v1/contracts/${english.body.id}`)).body.language).toBe('en');

    const bad = await create({ language: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual([{ path: 'language', message: 'language must be one of: zh-CN, en' }]);
    const badUpdate = await t.http.put(`/api/v1/contracts/${english.body.id}`).send({ language: 'zh' });
    expect(badUpdate.status).toBe(400);
    expect((await t.http.get(`/api/v1/contracts/${english.body.id}`)).body.language).toBe('en');

    const changed = await t.http.put(`/api/v1/contracts/${english.body.id}`).send({ language: 'zh-CN' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ language: 'zh-CN', customer: '上海电机学院', totalValue: '1000000.00' });
    const kept = await t.http.put(`/api/v1/contracts/${english.body.id}`).send({ customer: '上海电机学院(临港校区)' });
    expect(kept.body.language).toBe('zh-CN');
  });

  it('an incident pins the language its contract had when reported; a later change does not move it', async () => {
    const contract = (await create({ language: 'en' })).body;
    const reported = await t.http
      .post('/api/v1/incidents')
      .send({ contractId: contract.id, severity: 'general', description: 'mail server down' });
    expect(reported.status).toBe(201);
    await t.http.put(`/api/v1/contracts/${contract.id}`).send({ language: 'zh-CN' });
    const [row] = await t.dataSource.query(`SELECT language FROM incidents WHERE id = $1`, [reported.body.id]);
    expect(row.language).toBe('en');
    // The workflow's contract snapshot carries it too.
    const { input } = await t.client.workflow.getHandle(reported.body.workflowId).query(snapshotQuery);
    expect(input.contract.language).toBe('en');
    await t.http.post(`/api/v1/incidents/${reported.body.id}/cancel`).send({ reason: 'test over' });
  });
});
