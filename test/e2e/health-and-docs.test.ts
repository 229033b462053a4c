import { startTestApp, type TestApp } from '../harness/context';

describe('health and OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => t?.close());

  it('documents every route with its DTOs at /docs-json and serves Swagger UI at /docs', async () => {
    const doc = await t.http.get('/docs-json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/health',
      '/api/v1/incidents',
      '/api/v1/incidents/{id}/acknowledge',
      '/api/v1/calendars/{id}/deadline',
      '/api/v1/policies/{id}/preview',
      '/api/v1/ledger',
    ]) {
      expect(paths).toContain(p);
    }
    const report = doc.body.paths['/api/v1/incidents'].post;
    expect(report.requestBody.content['application/json'].schema.$ref).toMatch(/ReportIncidentDto/);
    expect(doc.body.components.schemas.ReportIncidentDto.required).toEqual(
      expect.arrayContaining(['contractId', 'severity', 'description']),
    );
    const ui = await t.http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('answers 503 naming PostgreSQL when the database stops answering, while Temporal stays up', async () => {
    expect((await t.http.get('/health')).status).toBe(200);
    await t.dataSource.destroy();
    const res = await t.http.get('/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'degraded', postgres: { status: 'down' }, temporal: { status: 'up' } });
    expect(res.body.postgres.error).toEqual(expect.any(String));
    await t.dataSource.initialize(); // so close() can shut it down cleanly
  });
});
