import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../harness/context';
import { SEED_TEMPLATES, XINBEI_SERVICE_COMMITMENT } from '../../src/domain/templates';

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const paths = (body: { fieldErrors?: Array<{ path: string }> }) => (body.fieldErrors ?? []).map((e) => e.path);

describe('admin API: templates', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => t?.close());

  it('lists the seed templates with their quotes and assumptions', async () => {
    const res = await t.http.get('/api/v1/templates?limit=200');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: SEED_TEMPLATES.length, limit: 200, offset: 0 });
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(SEED_TEMPLATES.map((s) => s.id));
    const xinbei = res.body.items.find((i: { id: string }) => i.id === XINBEI_SERVICE_COMMITMENT.id);
    expect(xinbei.name).toBe(XINBEI_SERVICE_COMMITMENT.name);
    expect(xinbei.source.quotes).toEqual(XINBEI_SERVICE_COMMITMENT.source.quotes);
    expect(xinbei.source.quotes.some((q: string) => q.includes('0.25%'))).toBe(true);
    expect(xinbei.assumptions.length).toBeGreaterThan(0);
    expect(xinbei.contractTerms).toMatchObject({ currency: 'CNY', penalty: { ratePerPeriod: '0.0025', capFraction: '0.05' } });
    const page = await t.http.get('/api/v1/templates?limit=1&offset=1');
    expect(page.body.items.map((i: { id: string }) => i.id)).toEqual([SEED_TEMPLATES[1].id]);
  });

  it('reads one template with its calendar and policy; 404 for an unknown id', async () => {
    const res = await t.http.get(`/api/v1/templates/${XINBEI_SERVICE_COMMITMENT.id}`);
    expect(res.status).toBe(200);
    expect(res.body.calendar).toEqual(XINBEI_SERVICE_COMMITMENT.calendar);
    expect(res.body.policy).toEqual(XINBEI_SERVICE_COMMITMENT.policy);
    expect((await t.http.get('/api/v1/templates/no-such-letter')).status).toBe(404);
  });

  it('every seed template imports cleanly', async () => {
    for (const tpl of SEED_TEMPLATES) {
      const res = await t.http.post(`/api/v1/templates/${tpl.id}/import`).send({ name: unique(tpl.id) });
      expect({ id: tpl.id, status: res.status, body: res.status === 201 ? undefined : res.body }).toEqual({
        id: tpl.id,
        status: 201,
        body: undefined,
      });
    }
  });

  it('imports calendar and policy, then a contract is created from contractTerms and previewed', async () => {
    const name = unique('Xinbei');
    const res = await t.http.post(`/api/v1/templates/${XINBEI_SERVICE_COMMITMENT.id}/import`).send({ name });
    expect(res.status).toBe(201);
    const { calendar, policy, contractTerms } = res.body;
    expect(calendar).toMatchObject({ name, builtIn: false, definition: { zone: 'Asia/Shanghai' } });
    expect(policy).toMatchObject({ name, version: 1 });
    expect(policy.definition.severities.urgent.penalty.restoreWithin).toEqual({ amount: 2, unit: 'hours', anchor: 'report' });
    expect(contractTerms).toEqual({
      calendarId: calendar.id,
      policyId: policy.id,
      currency: 'CNY',
      penaltyTerms: {
        ratePerPeriod: '0.0025',
        period: { amount: 1, unit: 'days' },
        capFraction: '0.05',
        capScope: 'contract',
        partialPeriod: 'started',
        countFrom: 'report',
      },
      exclusionCauses: ['power', 'water', 'ups', 'server-hardware', 'os', 'operator-error', 'network'],
    });
    expect((await t.http.get(`/api/v1/calendars/${calendar.id}`)).status).toBe(200);
    expect((await t.http.get(`/api/v1/policies/${policy.id}`)).body.version).toBe(1);

    const contract = await t.http.post('/api/v1/contracts').send({
      name: unique('contract'),
      customer: 'XXXX单位',
      totalValue: '1000000.00',
      currency: contractTerms.currency,
      calendarId: contractTerms.calendarId,
      policyId: contractTerms.policyId,
      penaltyTerms: contractTerms.penaltyTerms,
      exclusionCauses: contractTerms.exclusionCauses,
    });
    expect(contract.status).toBe(201);
    expect(contract.body.exclusionCauses).toEqual(contractTerms.exclusionCauses);

    const preview = await t.http.post(`/api/v1/policies/${policy.id}/preview`).send({
      severity: 'urgent',
      reportedAt: '2026-11-20T17:00:00+08:00',
      calendarId: calendar.id,
    });
    expect(preview.status).toBe(200);
    const restore = preview.body.find((r: { key: string }) => r.key === 'penalty.restoreWithin');
    expect(restore).toMatchObject({ dueAt: '2026-11-20T11:00:00.000Z', dueAtLocal: '2026-11-20T19:00:00.000+08:00' });
  });

  it('409 when the names are taken, and nothing half-imported', async () => {
    const name = unique('dup');
    expect((await t.http.post(`/api/v1/templates/${XINBEI_SERVICE_COMMITMENT.id}/import`).send({ name })).status).toBe(201);
    const again = await t.http.post(`/api/v1/templates/${XINBEI_SERVICE_COMMITMENT.id}/import`).send({ name });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('name');

    // only the policy name is taken: the calendar must not be created either
    const policyOnly = unique('half');
    const p = await t.http.post('/api/v1/policies').send({ name: policyOnly, definition: XINBEI_SERVICE_COMMITMENT.policy });
    expect(p.status).toBe(201);
    const half = await t.http.post(`/api/v1/templates/${XINBEI_SERVICE_COMMITMENT.id}/import`).send({ name: policyOnly });
    expect(half.status).toBe(409);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM calendars WHERE name = $1`, [policyOnly]);
    expect(n).toBe(0);
  });

  it("without a name, uses the template's name (409 once imported)", async () => {
    const res = await t.http.post(`/api/v1/templates/${SEED_TEMPLATES[SEED_TEMPLATES.length - 1].id}/import`).send({});
    // another run of this test file against the same database may have imported it already
    expect([201, 409]).toContain(res.status);
    const tplName = SEED_TEMPLATES[SEED_TEMPLATES.length - 1].name;
    if (res.status === 201) expect(res.body.calendar.name).toBe(tplName);
    const again = await t.http.post(`/api/v1/templates/${SEED_TEMPLATES[SEED_TEMPLATES.length - 1].id}/import`).send({});
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(tplName);
  });

  it('400 for bad input, 404 for an unknown template', async () => {
    const extra = await t.http
      .post(`/api/v1/templates/${XINBEI_SERVICE_COMMITMENT.id}/import`)
      .send({ name: unique('x'), currency: 'USD' });
    expect(extra.status).toBe(400);
    expect(paths(extra.body)).toEqual(['currency']);
    const blank = await t.http.post(`/api/v1/templates/${XINBEI_SERVICE_COMMITMENT.id}/import`).send({ name: ' ' });
    expect(blank.status).toBe(400);
    expect(paths(blank.body)).toContain('name');
    expect((await t.http.post('/api/v1/templates/no-such-letter/import').send({})).status).toBe(404);
  });

  it('documents every admin endpoint in the OpenAPI document', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    const ops = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(ops).toEqual(
      expect.arrayContaining([
        'POST /api/v1/calendars',
        'GET /api/v1/calendars',
        'GET /api/v1/calendars/{id}',
        'PUT /api/v1/calendars/{id}',
        'POST /api/v1/calendars/{id}/deadline',
        'POST /api/v1/policies',
        'GET /api/v1/policies',
        'GET /api/v1/policies/{id}',
        'PUT /api/v1/policies/{id}',
        'GET /api/v1/policies/{id}/versions',
        'GET /api/v1/policies/{id}/versions/{version}',
        'POST /api/v1/policies/{id}/preview',
        'POST /api/v1/contracts',
        'GET /api/v1/contracts',
        'GET /api/v1/contracts/{id}',
        'PUT /api/v1/contracts/{id}',
        'GET /api/v1/templates',
        'GET /api/v1/templates/{id}',
        'POST /api/v1/templates/{id}/import',
      ]),
    );
    expect(res.body.paths['/api/v1/policies/{id}/preview'].post.description).toContain('rungStart');
    const schemas = res.body.components.schemas;
    expect(schemas.CreateContractDto.properties.totalValue.example).toBe('1000000.00');
    expect(schemas.DeadlinePreviewDto.properties.duration).toBeDefined();
    expect(schemas.DeadlinePreviewDto.properties.pauses.items.$ref).toBe('#/components/schemas/PreviewPause');
    expect(schemas.PolicyDefinition.properties.severities.additionalProperties).toBeDefined();
    // Responses refer to the domain schemas' components rather than restating them.
    for (const [response, field, component] of [
      ['CalendarResponse', 'definition', 'CalendarDefinition'],
      ['PolicyResponse', 'definition', 'PolicyDefinition'],
      ['ContractResponse', 'penaltyTerms', 'PenaltyTerms'],
    ]) {
      expect(JSON.stringify(schemas[response].properties[field])).toContain(`#/components/schemas/${component}`);
      expect(schemas[component].properties).toBeDefined();
    }
  });
});
