/**
 * Every route of the running app × every role: 2xx where the role is allowed, 403 (naming the
 * roles needed) where it is not; no token, a bad token or a revoked token: 401. The routes come
 * from the app itself (Nest's controllers and the OpenAPI document), so a new route without an
 * entry in EXPECTED — or without a rule — fails this test.
 */
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { ROLES, type Role } from '../../src/auth/roles';
import { startTestApp, type Agent, type IssuedToken, type TestApp } from '../harness/context';
import { validatePolicyDefinition } from '../../src/domain/policy/policy';
import { createContract, eventually, secondsPolicy } from '../harness/fixtures';
import { waitForState } from '../harness/incidents';

const ALL: Role[] = ['admin', 'engineer', 'finance', 'viewer'];
const ADMIN: Role[] = ['admin'];
const ENGINEER: Role[] = ['engineer'];
const MONEY: Role[] = ['admin', 'finance'];
const FINANCE: Role[] = ['finance'];

/** The access matrix, written out independently of the decorators (README's table). */
const EXPECTED: Record<string, Role[] | 'public'> = {
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /metrics': 'public',
  'GET /api/v1/session': ALL,
  'POST /api/v1/tokens': ADMIN,
  'GET /api/v1/tokens': ADMIN,
  'GET /api/v1/tokens/{id}': ADMIN,
  'POST /api/v1/tokens/{id}/revoke': ADMIN,
  'GET /api/v1/audit': ADMIN,
  'POST /api/v1/calendars': ADMIN,
  'GET /api/v1/calendars': ALL,
  'GET /api/v1/calendars/{id}': ALL,
  'GET /api/v1/calendars/{id}.ics': ALL,
  'PUT /api/v1/calendars/{id}': ADMIN,
  'POST /api/v1/calendars/{id}/deadline': ALL,
  'POST /api/v1/policies': ADMIN,
  'GET /api/v1/policies': ALL,
  'GET /api/v1/policies/{id}': ALL,
  'PUT /api/v1/policies/{id}': ADMIN,
  'GET /api/v1/policies/{id}/versions': ALL,
  'GET /api/v1/policies/{id}/versions/{version}': ALL,
  'POST /api/v1/policies/{id}/preview': ALL,
  'POST /api/v1/policies/{id}/simulate': MONEY,
  'POST /api/v1/contracts': ADMIN,
  'GET /api/v1/contracts': ALL,
  'GET /api/v1/contracts/{id}': ALL,
  'PUT /api/v1/contracts/{id}': ADMIN,
  'POST /api/v1/contracts/{id}/suspend': ADMIN,
  'POST /api/v1/contracts/{id}/resume': ADMIN,
  'POST /api/v1/contracts/{id}/terminate': ADMIN,
  'GET /api/v1/contracts/{id}/penalties': MONEY,
  'GET /api/v1/contracts/{id}/exclusions': ALL,
  'GET /api/v1/contracts/{id}/reconciliation': MONEY,
  'POST /api/v1/contracts/{id}/spare-loans': ENGINEER,
  'GET /api/v1/contracts/{id}/spare-loans': ALL,
  'POST /api/v1/spare-loans/{id}/repaired-returned': ENGINEER,
  'POST /api/v1/spare-loans/{id}/spare-recovered': ENGINEER,
  'POST /api/v1/contracts/{id}/adjustments': FINANCE,
  'GET /api/v1/contracts/{id}/adjustments': MONEY,
  'GET /api/v1/contracts/{id}/adjustments/{adjustmentId}': MONEY,
  'POST /api/v1/contracts/{id}/adjustments/{adjustmentId}/approve': FINANCE,
  'POST /api/v1/contracts/{id}/adjustments/{adjustmentId}/reject': FINANCE,
  'GET /api/v1/templates': ALL,
  'GET /api/v1/templates/{id}': ALL,
  'POST /api/v1/templates/{id}/import': ADMIN,
  'POST /api/v1/drafts': ADMIN,
  'POST /api/v1/drafts/apply': ADMIN,
  'GET /api/v1/ledger': MONEY,
  'POST /api/v1/incidents': ENGINEER,
  'GET /api/v1/incidents': ALL,
  'GET /api/v1/incidents/{id}': ALL,
  'GET /api/v1/incidents/{id}/report': ALL,
  'GET /api/v1/catalogue': ALL,
  ...Object.fromEntries(
    [
      'acknowledge',
      'remote-session',
      'diagnosis',
      'dispatch',
      'arrive',
      'spare',
      'major-problem',
      'experts',
      'progress-update',
      'commitment-met',
      'restore',
      'sign-off',
      'pause',
      'resume',
      'reclassify',
      'exclude',
      'cancel',
    ].map((step) => [`POST /api/v1/incidents/{id}/${step}`, ENGINEER]),
  ),
};

/** Every route Nest serves, as "METHOD /path/{param}". */
function nestRoutes(t: TestApp): string[] {
  const routes: string[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as { prototype: Record<string, unknown> } | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const prefix = base === 'health' || base === 'metrics' ? '' : 'api/v1';
        const full = `/${[prefix, base, String(path)]
          .map((p) => p.replace(/^\/+|\/+$/g, ''))
          .filter(Boolean)
          .join('/')}`;
        routes.push(`${method} ${full.replace(/:(\w+)/g, '{$1}')}`);
      }
    }
  }
  return routes.sort();
}

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const s = (amount: number) => ({ amount, unit: 'seconds' as const, anchor: 'report' as const });

describe('access matrix: every route × every role', () => {
  let t: TestApp;
  const agents = {} as Record<Role, Agent & { token: IssuedToken }>;
  let revoked: Agent;
  let garbage: Agent;
  let hashAsToken: Agent;

  // Fixtures the 2xx calls work on.
  let contractId: string;
  let spareContractId: string;
  let policyId: string;
  let calendarId: string;
  const incidents: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ROLES) agents[role] = await t.as([role], unique(`matrix-${role}`));
    const doomed = await t.createToken([...ROLES], unique('matrix-revoked'));
    expect((await t.withToken(t.adminToken).post(`/api/v1/tokens/${doomed.id}/revoke`)).status).toBe(200);
    revoked = t.withToken(doomed.secret);
    garbage = t.withToken(`eo_${'A'.repeat(43)}`);
    const [row] = await t.dataSource.query(`SELECT token_hash FROM api_tokens WHERE id = $1`, [agents.admin.token.id]);
    hashAsToken = t.withToken(row.token_hash);

    // One named extra commitment met by commitment-met, so that route has an open one to meet.
    const policy = validatePolicyDefinition({
      ...secondsPolicy({ urgent: { triage: { respondWithin: s(600) } }, general: { triage: { respondWithin: s(900) } } }),
      extras: [{ name: 'matrix-answer', rung: 'triage', within: s(600), metBy: 'commitmentMet' }],
    });
    ({ contractId, policyId, calendarId } = await createContract(t.dataSource, {
      policy,
      calendar: { zone: 'UTC', week: { monday: [{ open: '09:00', close: '18:00' }] }, holidays: [], extraWorkingDays: [] },
    }));
    ({ contractId: spareContractId } = await createContract(t.dataSource, {
      policy: secondsPolicy({ urgent: { triage: { respondWithin: s(600) }, spare: { triggerAfter: s(1) } } }),
    }));
    for (const name of ['walk', 'spare', 'experts', 'pause', 'reclassify', 'exclude', 'cancel']) {
      const res = await agents.engineer
        .post('/api/v1/incidents')
        .send({ contractId: name === 'spare' ? spareContractId : contractId, severity: 'urgent', description: `matrix ${name}` });
      expect(res.status).toBe(201);
      incidents[name] = res.body.id;
    }
  });
  afterAll(async () => t?.close());

  it('EXPECTED names exactly the routes the app serves, and OpenAPI documents each with its roles', async () => {
    const served = nestRoutes(t);
    expect(served).toEqual(Object.keys(EXPECTED).sort());
    const doc = (await t.anonymous.get('/docs-json')).body as {
      paths: Record<string, Record<string, { 'x-roles'?: string[]; security?: unknown[] }>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(served);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const expected = EXPECTED[`${method.toUpperCase()} ${path}`];
        if (expected === 'public') {
          expect(op['x-roles']).toBeUndefined();
        } else {
          expect({ route: `${method} ${path}`, roles: [...(op['x-roles'] ?? [])].sort() }).toEqual({
            route: `${method} ${path}`,
            roles: [...expected].sort(),
          });
          expect(op.security).toEqual([{ token: [] }]);
        }
      }
    }
  });

  const day = [{ open: '09:00', close: '18:00' }];
  const incident = (name: string) => incidents[name];
  const step =
    (name: string, path: string, body: Record<string, unknown> = {}) =>
    (a: Agent) =>
      a.post(`/api/v1/incidents/${incident(name)}/${path}`).send(body);
  let revokeTarget = '';
  /** A proposal by a finance user other than the caller (the four-eyes rule). */
  let otherFinance: Agent | undefined;
  const proposal = async (): Promise<string> => {
    otherFinance ??= await t.as(['finance'], unique('matrix-maker'));
    const res = await otherFinance
      .post(`/api/v1/contracts/${contractId}/adjustments`)
      .send({ amount: '10.00', reason: 'matrix', reference: 'M-1', countsAgainstCap: false });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  let acknowledged = false;
  /** A fresh spare loan, lent by an engineer. */
  const loan = async (): Promise<string> =>
    (await agents.engineer.post(`/api/v1/contracts/${contractId}/spare-loans`).send({ spareUnit: 'spare', faultyUnit: 'faulty' })).body.id;

  /**
   * In this order: each allowed role's call must succeed where it stands (steps walk their
   * incidents forward; writes use fresh names).
   */
  const CALLS: Array<[string, (a: Agent, role: Role) => Promise<Response> | PromiseLike<Response>]> = [
    ['GET /health', (a) => a.get('/health')],
    ['GET /health/live', (a) => a.get('/health/live')],
    ['GET /health/ready', (a) => a.get('/health/ready')],
    ['GET /metrics', (a) => a.get('/metrics')],
    ['GET /api/v1/session', (a) => a.get('/api/v1/session')],
    ['POST /api/v1/tokens', (a) => a.post('/api/v1/tokens').send({ name: unique('made'), roles: ['viewer'] })],
    ['GET /api/v1/tokens', (a) => a.get('/api/v1/tokens')],
    ['GET /api/v1/tokens/{id}', (a) => a.get(`/api/v1/tokens/${agents.viewer.token.id}`)],
    [
      'POST /api/v1/tokens/{id}/revoke',
      async (a) => {
        revokeTarget ||= (await t.createToken(['viewer'], unique('revoke-me'))).id;
        return a.post(`/api/v1/tokens/${revokeTarget}/revoke`);
      },
    ],
    ['GET /api/v1/audit', (a) => a.get('/api/v1/audit?limit=5')],
    [
      'POST /api/v1/calendars',
      (a) => a.post('/api/v1/calendars').send({ name: unique('cal'), definition: { zone: 'Asia/Shanghai', week: { monday: day } } }),
    ],
    ['GET /api/v1/calendars', (a) => a.get('/api/v1/calendars')],
    ['GET /api/v1/calendars/{id}', (a) => a.get(`/api/v1/calendars/${calendarId}`)],
    ['GET /api/v1/calendars/{id}.ics', (a) => a.get(`/api/v1/calendars/${calendarId}.ics`)],
    ['PUT /api/v1/calendars/{id}', (a) => a.put(`/api/v1/calendars/${calendarId}`).send({ name: unique('cal-renamed') })],
    [
      'POST /api/v1/calendars/{id}/deadline',
      (a) => a.post('/api/v1/calendars/24x7/deadline').send({ start: '2026-11-20T09:00:00Z', duration: { amount: 4, unit: 'hours' } }),
    ],
    ['POST /api/v1/policies', (a) => a.post('/api/v1/policies').send({ name: unique('pol'), definition: secondsPolicy() })],
    ['GET /api/v1/policies', (a) => a.get('/api/v1/policies')],
    ['GET /api/v1/policies/{id}', (a) => a.get(`/api/v1/policies/${policyId}`)],
    [
      'PUT /api/v1/policies/{id}',
      (a) =>
        a
          .put(`/api/v1/policies/${policyId}`)
          .send({ definition: secondsPolicy({ urgent: { triage: { respondWithin: s(600) } }, general: {} }) }),
    ],
    ['GET /api/v1/policies/{id}/versions', (a) => a.get(`/api/v1/policies/${policyId}/versions`)],
    ['GET /api/v1/policies/{id}/versions/{version}', (a) => a.get(`/api/v1/policies/${policyId}/versions/1`)],
    [
      'POST /api/v1/policies/{id}/preview',
      (a) =>
        a.post(`/api/v1/policies/${policyId}/preview`).send({ severity: 'urgent', reportedAt: '2026-11-20T09:00:00Z', calendarId: '24x7' }),
    ],
    [
      'POST /api/v1/policies/{id}/simulate',
      (a) =>
        a.post(`/api/v1/policies/${policyId}/simulate`).send({
          candidate: { version: 1 },
          contractId,
          period: { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
        }),
    ],
    [
      'POST /api/v1/contracts',
      (a) =>
        a.post('/api/v1/contracts').send({
          name: unique('contract'),
          customer: 'Matrix Customer',
          totalValue: '1000.00',
          currency: 'CNY',
          calendarId: '24x7',
          policyId,
          penaltyTerms: { ratePerPeriod: '0.0025', capFraction: '0.05' },
        }),
    ],
    ['GET /api/v1/contracts', (a) => a.get('/api/v1/contracts')],
    ['GET /api/v1/contracts/{id}', (a) => a.get(`/api/v1/contracts/${contractId}`)],
    ['PUT /api/v1/contracts/{id}', (a) => a.put(`/api/v1/contracts/${contractId}`).send({ customer: unique('Customer') })],
    ...(['suspend', 'resume', 'terminate'] as const).map((action): [string, (a: Agent) => Promise<Response>] => [
      `POST /api/v1/contracts/{id}/${action}`,
      async (a) => {
        // A contract of its own, in the status the action applies to.
        const { contractId: own } = await createContract(t.dataSource);
        if (action === 'resume') await t.dataSource.query(`UPDATE contracts SET status = 'suspended' WHERE id = $1`, [own]);
        return a.post(`/api/v1/contracts/${own}/${action}`).send({ reason: 'matrix' });
      },
    ]),
    ['GET /api/v1/contracts/{id}/penalties', (a) => a.get(`/api/v1/contracts/${contractId}/penalties`)],
    ['GET /api/v1/contracts/{id}/exclusions', (a) => a.get(`/api/v1/contracts/${contractId}/exclusions`)],
    ['GET /api/v1/contracts/{id}/reconciliation', (a) => a.get(`/api/v1/contracts/${contractId}/reconciliation`)],
    [
      'POST /api/v1/contracts/{id}/spare-loans',
      (a) => a.post(`/api/v1/contracts/${contractId}/spare-loans`).send({ spareUnit: 'spare', faultyUnit: 'faulty' }),
    ],
    ['GET /api/v1/contracts/{id}/spare-loans', (a) => a.get(`/api/v1/contracts/${contractId}/spare-loans`)],
    [
      'POST /api/v1/spare-loans/{id}/repaired-returned',
      async (a) => a.post(`/api/v1/spare-loans/${await loan()}/repaired-returned`).send({}),
    ],
    [
      'POST /api/v1/spare-loans/{id}/spare-recovered',
      async (a) => {
        const id = await loan();
        expect((await agents.engineer.post(`/api/v1/spare-loans/${id}/repaired-returned`).send({})).status).toBe(200);
        return a.post(`/api/v1/spare-loans/${id}/spare-recovered`).send({});
      },
    ],
    [
      'POST /api/v1/contracts/{id}/adjustments',
      (a) =>
        a
          .post(`/api/v1/contracts/${contractId}/adjustments`)
          .send({ amount: '1.00', reason: 'matrix', reference: 'M', countsAgainstCap: false }),
    ],
    ['GET /api/v1/contracts/{id}/adjustments', (a) => a.get(`/api/v1/contracts/${contractId}/adjustments`)],
    [
      'GET /api/v1/contracts/{id}/adjustments/{adjustmentId}',
      async (a) => a.get(`/api/v1/contracts/${contractId}/adjustments/${await proposal()}`),
    ],
    [
      'POST /api/v1/contracts/{id}/adjustments/{adjustmentId}/approve',
      async (a) => a.post(`/api/v1/contracts/${contractId}/adjustments/${await proposal()}/approve`).send({}),
    ],
    [
      'POST /api/v1/contracts/{id}/adjustments/{adjustmentId}/reject',
      async (a) => a.post(`/api/v1/contracts/${contractId}/adjustments/${await proposal()}/reject`).send({ note: 'no' }),
    ],
    ['GET /api/v1/templates', (a) => a.get('/api/v1/templates')],
    ['GET /api/v1/templates/{id}', (a) => a.get('/api/v1/templates/xinbei-service-commitment')],
    [
      'POST /api/v1/templates/{id}/import',
      (a) => a.post('/api/v1/templates/xinbei-service-commitment/import').send({ name: unique('imported') }),
    ],
    ['POST /api/v1/drafts', (a) => a.post('/api/v1/drafts').send({ text: '紧急故障:30分钟内响应,4小时内到达现场。' })],
    [
      'POST /api/v1/drafts/apply',
      (a) =>
        a.post('/api/v1/drafts/apply').send({
          name: unique('draft'),
          calendar: { zone: 'Asia/Shanghai', week: { monday: day } },
          policy: secondsPolicy(),
          contract: {
            customer: 'Matrix Customer',
            totalValue: '1000.00',
            currency: 'CNY',
            penaltyTerms: { ratePerPeriod: '0.0025', capFraction: '0.05' },
          },
        }),
    ],
    ['GET /api/v1/ledger', (a) => a.get(`/api/v1/ledger?contractId=${contractId}`)],
    ['POST /api/v1/incidents', (a) => a.post('/api/v1/incidents').send({ contractId, severity: 'general', description: 'matrix report' })],
    ['GET /api/v1/incidents', (a) => a.get(`/api/v1/incidents?contractId=${contractId}`)],
    ['GET /api/v1/incidents/{id}', (a) => a.get(`/api/v1/incidents/${incident('walk')}`)],
    ['POST /api/v1/incidents/{id}/acknowledge', step('walk', 'acknowledge')],
    ['POST /api/v1/incidents/{id}/remote-session', step('walk', 'remote-session')],
    ['POST /api/v1/incidents/{id}/diagnosis', step('walk', 'diagnosis', { outcome: 'needs_onsite' })],
    ['POST /api/v1/incidents/{id}/dispatch', step('walk', 'dispatch', { engineer: 'eng:wang.fang' })],
    ['POST /api/v1/incidents/{id}/arrive', step('walk', 'arrive')],
    ['POST /api/v1/incidents/{id}/progress-update', step('walk', 'progress-update', { note: 'PSU ordered' })],
    ['POST /api/v1/incidents/{id}/commitment-met', step('walk', 'commitment-met', { name: 'matrix-answer' })],
    ['POST /api/v1/incidents/{id}/restore', step('walk', 'restore', { cause: 'PSU failure', method: 'Replaced PSU' })],
    ['POST /api/v1/incidents/{id}/sign-off', step('walk', 'sign-off', { signer: 'customer:liu' })],
    ['GET /api/v1/catalogue', (a) => a.get('/api/v1/catalogue')],
    [
      'GET /api/v1/incidents/{id}/report',
      async (a) => {
        await eventually(async () =>
          (await t.http.get(`/api/v1/incidents/${incident('walk')}/report`)).status === 200 ? true : undefined,
        );
        return a.get(`/api/v1/incidents/${incident('walk')}/report`);
      },
    ],
    [
      'POST /api/v1/incidents/{id}/spare',
      async (a) => {
        await waitForState(t, incident('spare'), (st) => st.rung === 'spare');
        return step('spare', 'spare', { unitId: 'SPARE-1' })(a);
      },
    ],
    [
      'POST /api/v1/incidents/{id}/major-problem',
      async (a) => {
        if (!acknowledged) {
          expect((await step('experts', 'acknowledge')(agents.engineer)).status).toBe(200);
          acknowledged = true;
        }
        return step('experts', 'major-problem')(a);
      },
    ],
    ['POST /api/v1/incidents/{id}/experts', step('experts', 'experts', { experts: ['dr.chen'] })],
    ['POST /api/v1/incidents/{id}/pause', step('pause', 'pause', { reason: 'waiting_on_customer' })],
    ['POST /api/v1/incidents/{id}/resume', step('pause', 'resume')],
    ['POST /api/v1/incidents/{id}/reclassify', step('reclassify', 'reclassify', { severity: 'general' })],
    ['POST /api/v1/incidents/{id}/exclude', step('exclude', 'exclude', { reason: 'customer UPS failure' })],
    ['POST /api/v1/incidents/{id}/cancel', step('cancel', 'cancel', { reason: 'duplicate report' })],
  ];

  it('CALLS has one call per route', () => {
    expect(CALLS.map(([k]) => k).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(CALLS)('%s', (route, call) => {
    const expected = EXPECTED[route];

    if (expected === 'public') {
      it('answers without a token', async () => {
        const res = await call(t.anonymous, 'viewer');
        expect(res.status).toBe(200);
      });
      return;
    }

    it('401 without a token, with an unknown token, with a token hash, with a revoked token', async () => {
      for (const [who, agent, message] of [
        ['no token', t.anonymous, /needs an API token/],
        ['unknown token', garbage, /not valid/],
        ['stored hash as token', hashAsToken, /not valid/],
        ['revoked token', revoked, /revoked/],
      ] as const) {
        const res = await call(agent, 'viewer');
        expect({ who, status: res.status, error: res.body.error }).toEqual({ who, status: 401, error: 'unauthorized' });
        expect(res.body.message).toMatch(message);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      }
    });

    it(`403 for ${ROLES.filter((r) => !expected.includes(r)).join(', ') || 'no role'}, 2xx for ${expected.join(', ')}`, async () => {
      for (const role of ROLES.filter((r) => !expected.includes(r))) {
        const res = await call(agents[role], role);
        expect({ role, status: res.status, error: res.body.error }).toEqual({ role, status: 403, error: 'forbidden' });
        expect([...res.body.requiredRoles].sort()).toEqual([...expected].sort());
        for (const needed of expected) expect(res.body.message).toContain(needed);
      }
      for (const role of expected) {
        const res = await call(agents[role], role);
        expect({ role, status: res.status, body: res.status < 300 ? 'ok' : res.body }).toEqual({
          role,
          status: expect.any(Number),
          body: 'ok',
        });
        expect(res.status).toBeGreaterThanOrEqual(200);
        expect(res.status).toBeLessThan(300);
      }
    });
  });
});
