import { createContract, eventually } from '../harness/fixtures';
import { startTestApp, type TestApp } from '../harness/context';

describe('wiring: HTTP -> Temporal workflow -> activity -> PostgreSQL -> HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('reports an incident over HTTP and shows the timeline the workflow wrote', async () => {
    const { contractId } = await createContract(t.dataSource);
    const res = await t.http
      .post('/api/v1/incidents')
      .send({ contractId, severity: 'urgent', description: 'Core switch down', reportedBy: 'hotline' });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    expect(res.body.workflowId).toBe(`incident-${id}`);

    const detail = await eventually(async () => {
      const r = await t.http.get(`/api/v1/incidents/${id}`);
      return r.body.timeline?.length > 0 ? r.body : undefined;
    });
    expect(detail.timeline[0]).toMatchObject({ seq: 1, kind: 'reported', actor: 'hotline' });
    expect(detail.state.status).toBe('open');
    expect(detail.state.allowedSteps).toContain('acknowledge');

    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', postgres: { status: 'up' }, temporal: { status: 'up' } });
  });
});
