/**
 * One catalogue: a step added to it in one place has its route, its body validation, its OpenAPI
 * entry, its refusal and its console form without any other edit; removed, it is gone again.
 */
import { stepNames, STEP_CATALOGUE, type StepDefinition } from '../../src/domain/catalogue';
import { initialState, LadderContext, stateRefusal, type StepName } from '../../src/domain/ladder';
import { z } from '../../src/domain/validation';
import { startTestApp, type TestApp } from '../harness/context';
import { makeInput } from '../unit/ladder/helpers';

const inspect: StepDefinition = {
  route: 'inspect',
  stage: 'onsite',
  summary: 'Record an inspection of the site',
  fields: { finding: z.string().min(3).meta({ description: 'What the engineer found' }) },
};
const catalogue = STEP_CATALOGUE as unknown as Record<string, StepDefinition>;

describe('the catalogue is the one place a step is defined', () => {
  let t: TestApp;
  beforeAll(async () => {
    catalogue.inspect = inspect;
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => {
    delete catalogue.inspect;
    await t?.close();
  });

  it('gives the new step a route whose body is parsed by its schema', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const bad = await t.http.post(`/api/v1/incidents/${id}/inspect`).send({ finding: 'x', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual([
      { path: 'extra', message: 'unknown field' },
      { path: 'finding', message: 'must be at least 3 characters' },
    ]);
    const unknownIncident = await t.http.post(`/api/v1/incidents/${id}/inspect`).send({ finding: 'cable cut' });
    expect(unknownIncident.status).toBe(404);
  });

  it('documents it in OpenAPI with its body schema and roles', async () => {
    const doc = await t.anonymous.get('/docs-json');
    const op = doc.body.paths['/api/v1/incidents/{id}/inspect'].post;
    expect(op.summary).toBe('Record an inspection of the site');
    expect(op['x-roles']).toEqual(['engineer']);
    expect(op.requestBody.content['application/json'].schema.properties.finding).toMatchObject({ type: 'string', minLength: 3 });
  });

  it('refuses it in the wrong stage, in the catalogue’s words', () => {
    const ctx = new LadderContext(makeInput(), 'incident-x');
    const { state } = initialState(ctx);
    expect(stepNames()).toContain('inspect');
    expect(stateRefusal(state, 'inspect' as StepName)).toBe(
      'inspect needs stage onsite, but the call has not been acknowledged yet (stage triage)',
    );
  });

  it('serves it to the console, whose step forms are read from the catalogue', async () => {
    const res = await t.http.get('/api/v1/catalogue');
    const step = res.body.steps.find((s: { name: string }) => s.name === 'inspect');
    expect(step).toMatchObject({ route: 'inspect', stage: 'onsite', summary: 'Record an inspection of the site' });
    expect(step.body.properties.finding).toMatchObject({ type: 'string', description: 'What the engineer found' });
    expect(step.body.required).toEqual(['finding']);
  });

  it('is gone once removed', async () => {
    delete catalogue.inspect;
    const app = await startTestApp({ worker: false });
    try {
      const res = await app.http.post('/api/v1/incidents/00000000-0000-4000-8000-000000000000/inspect').send({ finding: 'cable cut' });
      expect(res.status).toBe(404);
      expect((await app.http.get('/api/v1/catalogue')).body.steps.map((s: { name: string }) => s.name)).not.toContain('inspect');
    } finally {
      await app.close();
      catalogue.inspect = inspect;
    }
  });
});
