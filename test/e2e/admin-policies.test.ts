import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../harness/context';
import { XINBEI_SERVICE_COMMITMENT } from '../../src/domain/templates';

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const paths = (body: { fieldErrors?: Array<{ path: string }> }) => (body.fieldErrors ?? []).map((e) => e.path);

type Unit = 'minutes' | 'hours' | 'days' | 'workingHours' | 'workingDays';
const tg = (amount: number, unit: Unit = 'hours', anchor?: 'report' | 'rungStart') =>
  anchor ? { amount, unit, anchor } : { amount, unit };

/** Every rung; anchors left out on purpose (the defaults are filled in). */
function targets(respond = 1) {
  return {
    triage: { respondWithin: tg(respond) },
    remote: { startWithin: tg(2), resolveWithin: tg(4) },
    onsite: { arriveWithin: tg(4) },
    spare: { triggerAfter: tg(8), deliverWithin: tg(24) },
    expert: { triggerAfter: tg(2), conveneWithin: tg(4) },
    penalty: { restoreWithin: tg(2) },
    signOff: { within: tg(24) },
    faultReport: { deliverWithin: tg(3, 'days') },
  };
}
const definition = (respond = 1) => ({ severities: { urgent: targets(respond), general: targets(respond * 2) } });
const day = [{ open: '09:00', close: '18:00' }];

describe('admin API: policies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => t?.close());

  const create = (body: object) => t.http.post('/api/v1/policies').send(body);

  describe('versioning', () => {
    it('creates version 1 with anchors filled in; reads it; lists it', async () => {
      const name = unique('pol');
      const res = await create({ name, definition: definition() });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name, version: 1 });
      expect(res.body.definition.severities.urgent.triage.respondWithin).toEqual({ amount: 1, unit: 'hours', anchor: 'report' });
      expect(res.body.definition.severities.urgent.onsite.arriveWithin).toEqual({ amount: 4, unit: 'hours', anchor: 'rungStart' });
      expect(Object.keys(res.body.definition.severities)).toEqual(['urgent', 'general']);

      const read = await t.http.get(`/api/v1/policies/${res.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(res.body);

      const list = await t.http.get('/api/v1/policies?limit=200');
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ limit: 200, offset: 0 });
      expect(list.body.total).toBeGreaterThanOrEqual(1);
      const one = await t.http.get('/api/v1/policies?limit=1');
      expect(one.body.items).toHaveLength(1);
      expect(one.body.items[0]).toHaveProperty('definition.severities');
    });

    it('PUT creates version 2; version 1 is unchanged and still readable', async () => {
      const created = await create({ name: unique('pol'), definition: definition(1) });
      const id = created.body.id as string;
      const v2 = await t.http.put(`/api/v1/policies/${id}`).send({ definition: definition(3) });
      expect(v2.status).toBe(200);
      expect(v2.body).toMatchObject({ id, name: created.body.name, version: 2 });
      expect(v2.body.definition.severities.urgent.triage.respondWithin.amount).toBe(3);

      const current = await t.http.get(`/api/v1/policies/${id}`);
      expect(current.body.version).toBe(2);
      expect(current.body.definition.severities.urgent.triage.respondWithin.amount).toBe(3);

      const v1 = await t.http.get(`/api/v1/policies/${id}/versions/1`);
      expect(v1.status).toBe(200);
      expect(v1.body).toMatchObject({ policyId: id, version: 1 });
      expect(v1.body.definition).toEqual(created.body.definition);

      const renamed = unique('pol-renamed');
      const v3 = await t.http.put(`/api/v1/policies/${id}`).send({ definition: definition(5), name: renamed });
      expect(v3.body).toMatchObject({ version: 3, name: renamed });

      const versions = await t.http.get(`/api/v1/policies/${id}/versions`);
      expect(versions.status).toBe(200);
      expect(versions.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
      expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
      expect(versions.body.items[0].definition).toEqual(created.body.definition);
      const paged = await t.http.get(`/api/v1/policies/${id}/versions?limit=1&offset=1`);
      expect(paged.body.items.map((v: { version: number }) => v.version)).toEqual([2]);

      // the stored version row itself never changed
      const rows = await t.dataSource.query(`SELECT version, definition FROM policy_versions WHERE policy_id = $1 ORDER BY version`, [id]);
      expect(rows[0].definition).toEqual(created.body.definition);
    });

    it('concurrent updates get consecutive version numbers', async () => {
      const created = await create({ name: unique('pol'), definition: definition() });
      const id = created.body.id as string;
      const results = await Promise.all([2, 3, 4, 5].map((n) => t.http.put(`/api/v1/policies/${id}`).send({ definition: definition(n) })));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(results.map((r) => r.body.version).sort()).toEqual([2, 3, 4, 5]);
      expect((await t.http.get(`/api/v1/policies/${id}`)).body.version).toBe(5);
    });

    it('404 for an unknown policy or version; 400 for a version that is not a number', async () => {
      const id = randomUUID();
      expect((await t.http.get(`/api/v1/policies/${id}`)).status).toBe(404);
      expect((await t.http.get('/api/v1/policies/not-a-uuid')).status).toBe(404);
      expect((await t.http.put(`/api/v1/policies/${id}`).send({ definition: definition() })).status).toBe(404);
      expect((await t.http.get(`/api/v1/policies/${id}/versions`)).status).toBe(404);
      const created = await create({ name: unique('pol'), definition: definition() });
      const missing = await t.http.get(`/api/v1/policies/${created.body.id}/versions/2`);
      expect(missing.status).toBe(404);
      expect(missing.body.message).toContain('v2');
      const nan = await t.http.get(`/api/v1/policies/${created.body.id}/versions/two`);
      expect(nan.status).toBe(400);
      expect(paths(nan.body)).toEqual(['version']);
      expect((await t.http.get(`/api/v1/policies/${created.body.id}/versions/99999999999`)).status).toBe(404);
      expect((await t.http.get(`/api/v1/policies/${created.body.id}/versions/0`)).status).toBe(404);
    });

    it('409 for a duplicate name (create and rename); nothing is written', async () => {
      const name = unique('pol-dup');
      expect((await create({ name, definition: definition() })).status).toBe(201);
      const dup = await create({ name, definition: definition() });
      expect(dup.status).toBe(409);
      expect(dup.body.message).toContain('name');
      const other = await create({ name: unique('pol-dup'), definition: definition() });
      const rename = await t.http.put(`/api/v1/policies/${other.body.id}`).send({ name, definition: definition(9) });
      expect(rename.status).toBe(409);
      const after = await t.http.get(`/api/v1/policies/${other.body.id}`);
      expect(after.body).toMatchObject({ version: 1, name: other.body.name });
      expect((await t.http.get(`/api/v1/policies/${other.body.id}/versions`)).body.total).toBe(1);
    });
  });

  describe('validation (400 with the field path)', () => {
    const bad: Array<[string, () => unknown, string]> = [
      [
        'missing target of a promised rung',
        () => ({ severities: { urgent: { ...targets(), spare: { triggerAfter: { amount: 8, unit: 'hours' } } } } }),
        'definition.severities.urgent.spare.deliverWithin',
      ],
      [
        'bad amount',
        () => ({ severities: { urgent: { ...targets(), triage: { respondWithin: { amount: 0, unit: 'hours' } } } } }),
        'definition.severities.urgent.triage.respondWithin.amount',
      ],
      [
        'unknown unit',
        () => ({ severities: { urgent: { ...targets(), triage: { respondWithin: { amount: 1, unit: 'moons' } } } } }),
        'definition.severities.urgent.triage.respondWithin.unit',
      ],
      [
        'bad anchor',
        () => ({ severities: { urgent: { ...targets(), penalty: { restoreWithin: { amount: 1, unit: 'hours', anchor: 'dispatch' } } } } }),
        'definition.severities.urgent.penalty.restoreWithin.anchor',
      ],
      ['unknown rung', () => ({ severities: { urgent: { ...targets(), coffee: {} } } }), 'definition.severities.urgent.coffee'],
      [
        'a target longer than the clock engine computes (10 years)',
        () => ({ severities: { urgent: { ...targets(), spare: { triggerAfter: tg(1_000_000, 'days'), deliverWithin: tg(24) } } } }),
        'definition.severities.urgent.spare.triggerAfter.amount',
      ],
      ['bad severity name', () => ({ severities: { 'P 1': targets() } }), 'definition.severities.P 1'],
      ['no severities', () => ({ severities: {} }), 'definition.severities'],
      ['unknown definition field', () => ({ ...definition(), version: 2 }), 'definition.version'],
      ['definition not an object', () => [1, 2], 'definition'],
    ];
    it.each(bad)('%s', async (_label, def, path) => {
      const res = await create({ name: unique('pol-bad'), definition: def() });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('validation_failed');
      expect(paths(res.body)).toContain(path);
    });

    it('refuses unknown and missing body fields, on create and update', async () => {
      const extra = await create({ name: unique('pol'), definition: definition(), currentVersion: 7 });
      expect(extra.status).toBe(400);
      expect(paths(extra.body)).toEqual(['currentVersion']);
      const noDef = await create({ name: unique('pol') });
      expect(paths(noDef.body)).toContain('definition');
      const created = await create({ name: unique('pol'), definition: definition() });
      const noDefUpdate = await t.http.put(`/api/v1/policies/${created.body.id}`).send({ name: unique('pol') });
      expect(noDefUpdate.status).toBe(400);
      expect(paths(noDefUpdate.body)).toContain('definition');
      const badUpdate = await t.http
        .put(`/api/v1/policies/${created.body.id}`)
        .send({ definition: { severities: { urgent: { ...targets(), triage: {} } } } });
      expect(badUpdate.status).toBe(400);
      expect(paths(badUpdate.body)).toContain('definition.severities.urgent.triage.respondWithin');
      expect((await t.http.get(`/api/v1/policies/${created.body.id}`)).body.version).toBe(1);
    });
  });

  describe('POST /policies/{id}/preview', () => {
    let seedPolicyId: string;
    let cal5x8: string;
    beforeAll(async () => {
      const seed = await create({ name: unique('xinbei'), definition: XINBEI_SERVICE_COMMITMENT.policy });
      seedPolicyId = seed.body.id;
      const cal = await t.http.post('/api/v1/calendars').send({
        name: unique('cal-5x8'),
        definition: { zone: 'Asia/Shanghai', week: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day } },
      });
      cal5x8 = cal.body.id;
    });
    const preview = (id: string, body: object) => t.http.post(`/api/v1/policies/${id}/preview`).send(body);

    it('a seed template policy on 24x7: every target in ladder order, rungStart targets chained and explained', async () => {
      const res = await preview(seedPolicyId, { severity: 'urgent', reportedAt: '2026-11-20T17:00:00+08:00', calendarId: '24x7' });
      expect(res.status).toBe(200);
      const rows = res.body as Array<Record<string, unknown>>;
      expect(rows.map((r) => r.key)).toEqual([
        'triage.respondWithin',
        'remote.startWithin',
        'remote.resolveWithin',
        'onsite.arriveWithin',
        'spare.triggerAfter',
        'spare.deliverWithin',
        'expert.triggerAfter',
        'expert.conveneWithin',
        'penalty.restoreWithin',
        'signOff.within',
        'faultReport.deliverWithin',
      ]);
      const by = Object.fromEntries(rows.map((r) => [r.key, r]));
      // t0 = 09:00Z
      expect(by['triage.respondWithin']).toMatchObject({
        rung: 'triage',
        target: { amount: 5, unit: 'minutes', anchor: 'report' },
        anchor: 'report',
        anchorAt: '2026-11-20T09:00:00.000Z',
        dueAt: '2026-11-20T09:05:00.000Z',
        dueAtLocal: '2026-11-20T09:05:00.000Z',
        assumption: null,
      });
      expect(by['remote.resolveWithin'].dueAt).toBe('2026-11-20T10:00:00.000Z');
      expect(by['onsite.arriveWithin']).toMatchObject({
        anchor: 'rungStart',
        anchorAt: '2026-11-20T10:00:00.000Z',
        dueAt: '2026-11-20T14:00:00.000Z',
      });
      expect(by['onsite.arriveWithin'].assumption).toContain('remote.resolveWithin');
      expect(by['spare.triggerAfter'].dueAt).toBe('2026-11-20T17:00:00.000Z');
      expect(by['spare.deliverWithin']).toMatchObject({ anchorAt: '2026-11-20T17:00:00.000Z', dueAt: '2026-11-21T17:00:00.000Z' });
      expect(by['spare.deliverWithin'].assumption).toContain('spare.triggerAfter');
      expect(by['expert.conveneWithin']).toMatchObject({ anchorAt: '2026-11-20T11:00:00.000Z', dueAt: '2026-11-20T15:00:00.000Z' });
      expect(by['expert.conveneWithin'].assumption).toContain('expert.triggerAfter');
      expect(by['penalty.restoreWithin']).toMatchObject({ dueAt: '2026-11-20T11:00:00.000Z', assumption: null });
      expect(by['signOff.within']).toMatchObject({ anchorAt: '2026-11-20T11:00:00.000Z', dueAt: '2026-11-21T11:00:00.000Z' });
      expect(by['signOff.within'].assumption).toContain('penalty.restoreWithin');
      expect(by['faultReport.deliverWithin']).toMatchObject({ anchorAt: '2026-11-21T11:00:00.000Z', dueAt: '2026-11-24T11:00:00.000Z' });
      expect(by['faultReport.deliverWithin'].assumption).toContain('signOff.within');
    });

    it('working-time targets on a 5x8 calendar, shown in its zone', async () => {
      const def = {
        severities: {
          urgent: { ...targets(), triage: { respondWithin: tg(2, 'workingHours') }, onsite: { arriveWithin: tg(16, 'workingHours') } },
        },
      };
      const p = await create({ name: unique('pol-5x8'), definition: def });
      const res = await preview(p.body.id, { severity: 'urgent', reportedAt: '2026-11-20T17:00:00+08:00', calendarId: cal5x8 });
      expect(res.status).toBe(200);
      const by = Object.fromEntries((res.body as Array<{ key: string }>).map((r) => [r.key, r]));
      expect(by['triage.respondWithin']).toMatchObject({ dueAt: '2026-11-23T02:00:00.000Z', dueAtLocal: '2026-11-23T10:00:00.000+08:00' });
      // remote.resolveWithin: 4 wall hours → Friday 21:00 local; on site 16 working hours from then: Monday's 9 h + 7 h of Tuesday → Tuesday 16:00
      expect(by['onsite.arriveWithin']).toMatchObject({
        anchorAt: '2026-11-20T13:00:00.000Z',
        dueAtLocal: '2026-11-24T16:00:00.000+08:00',
      });
    });

    it('previews a pinned older version', async () => {
      const p = await create({ name: unique('pol'), definition: definition(1) });
      await t.http.put(`/api/v1/policies/${p.body.id}`).send({ definition: definition(3) });
      const body = { severity: 'urgent', reportedAt: '2026-11-20T09:00:00Z', calendarId: '24x7' };
      const current = await preview(p.body.id, body);
      expect(current.body[0].dueAt).toBe('2026-11-20T12:00:00.000Z');
      const v1 = await preview(p.body.id, { ...body, version: 1 });
      expect(v1.status).toBe(200);
      expect(v1.body[0].dueAt).toBe('2026-11-20T10:00:00.000Z');
      expect((await preview(p.body.id, { ...body, version: 9 })).status).toBe(404);
    });

    it('404 for an unknown policy or calendar; 400 for an unknown severity and bad input', async () => {
      const body = { severity: 'urgent', reportedAt: '2026-11-20T09:00:00Z', calendarId: '24x7' };
      expect((await preview(randomUUID(), body)).status).toBe(404);
      const noCal = await preview(seedPolicyId, { ...body, calendarId: unique('nope') });
      expect(noCal.status).toBe(404);
      expect(noCal.body.message).toContain('calendar');
      const sev = await preview(seedPolicyId, { ...body, severity: 'apocalyptic' });
      expect(sev.status).toBe(400);
      expect(paths(sev.body)).toEqual(['severity']);
      const local = await preview(seedPolicyId, { ...body, reportedAt: '2026-11-20 09:00' });
      expect(local.status).toBe(400);
      expect(paths(local.body)).toEqual(['reportedAt']);
      const noOffset = await preview(seedPolicyId, { ...body, reportedAt: '2026-11-20T09:00:00' });
      expect(paths(noOffset.body)).toEqual(['reportedAt']);
      expect(noOffset.body.fieldErrors[0].message).toMatch(/offset/);
      const version = await preview(seedPolicyId, { ...body, version: 0 });
      expect(paths(version.body)).toEqual(['version']);
      const extra = await preview(seedPolicyId, { ...body, pauses: [] });
      expect(extra.status).toBe(400);
      expect(paths(extra.body)).toEqual(['pauses']);
    });
  });
});
