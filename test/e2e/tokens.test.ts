/**
 * API tokens: created by an admin with the secret shown once, stored only as a SHA-256 hash,
 * listed without secrets, revocable; the first admin token from ADMIN_TOKEN or, on embedded
 * defaults, generated and printed once.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/migrate';
import { startTestApp, type TestApp } from '../harness/context';

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('API tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => t?.close());

  const admin = () => t.withToken(t.adminToken);

  it('creates a token: the secret is in the creation answer only, recognizable and high-entropy', async () => {
    const me = (await admin().get('/api/v1/session')).body;
    const name = unique('eng:zhou');
    const res = await admin()
      .post('/api/v1/tokens')
      .send({ name, roles: ['engineer', 'viewer'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name,
      roles: ['engineer', 'viewer'],
      active: true,
      revokedAt: null,
      lastUsedAt: null,
      createdBy: me.tokenId,
    });
    expect(res.body.secret).toMatch(/^eo_[A-Za-z0-9_-]{43}$/);
    expect(Object.keys(res.body).sort()).toEqual([
      'active',
      'createdAt',
      'createdBy',
      'id',
      'lastUsedAt',
      'name',
      'revokedAt',
      'roles',
      'secret',
    ]);
    const secret: string = res.body.secret;

    const read = await admin().get(`/api/v1/tokens/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.secret).toBeUndefined();
    const { secret: _shownOnce, ...rest } = res.body;
    expect(read.body).toEqual(rest);
    const list = await admin().get('/api/v1/tokens?limit=200');
    expect(list.status).toBe(200);
    expect(list.body.items.find((i: { id: string }) => i.id === res.body.id)).toEqual(rest);
    for (const body of [read.text, list.text]) {
      expect(body).not.toContain(secret);
      expect(body).not.toContain(sha256(secret));
    }

    const session = await t.withToken(secret).get('/api/v1/session');
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ tokenId: res.body.id, name, roles: ['engineer', 'viewer'] });
    const used = await admin().get(`/api/v1/tokens/${res.body.id}`);
    expect(used.body.lastUsedAt).not.toBeNull();
  });

  it('stores no secret that authenticates: only the SHA-256 hash, which is not itself accepted', async () => {
    const token = await t.createToken(['finance']);
    const rows: Array<{ row: string; token_hash: string }> = await t.dataSource.query(
      `SELECT row_to_json(a)::text AS row, token_hash FROM api_tokens a WHERE id = $1`,
      [token.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].row).not.toContain(token.secret);
    expect(rows[0].row).not.toContain(token.secret.slice(3)); // not even without its prefix
    expect(rows[0].token_hash).toBe(sha256(token.secret));
    // No column of any row of the table holds any secret the harness knows.
    const all: Array<{ row: string }> = await t.dataSource.query(`SELECT row_to_json(a)::text AS row FROM api_tokens a`);
    for (const { row } of all) {
      for (const secret of [token.secret, t.adminToken, process.env.TEST_API_TOKEN!]) expect(row).not.toContain(secret);
    }
    // Whoever reads the table cannot use what they read.
    const withHash = await t.withToken(rows[0].token_hash).get('/api/v1/ledger');
    expect(withHash.status).toBe(401);
    expect(withHash.body).toEqual({ statusCode: 401, error: 'unauthorized', message: 'the token is not valid' });
    expect((await t.withToken(token.secret).get('/api/v1/ledger')).status).toBe(200);
  });

  it('revokes a token: it stops working at once, stays listed, and revoking again changes nothing', async () => {
    const token = await t.createToken(['viewer']);
    const viewer = t.withToken(token.secret);
    expect((await viewer.get('/api/v1/calendars')).status).toBe(200);
    const res = await admin().post(`/api/v1/tokens/${token.id}/revoke`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: token.id, active: false });
    expect(Date.parse(res.body.revokedAt)).toBeGreaterThan(Date.now() - 60_000);
    const after = await viewer.get('/api/v1/calendars');
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ statusCode: 401, error: 'unauthorized', message: 'the token has been revoked' });
    const again = await admin().post(`/api/v1/tokens/${token.id}/revoke`);
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(res.body.revokedAt);
    const revoked = await admin().get('/api/v1/tokens?status=revoked&limit=200');
    expect(revoked.body.items.map((i: { id: string }) => i.id)).toContain(token.id);
    const active = await admin().get('/api/v1/tokens?status=active&limit=200');
    expect(active.body.items.map((i: { id: string }) => i.id)).not.toContain(token.id);
    expect(active.body.items.every((i: { active: boolean }) => i.active)).toBe(true);
  });

  it('validates names and roles, refuses duplicate names, 404s unknown ids', async () => {
    const name = unique('dup');
    expect(
      (
        await admin()
          .post('/api/v1/tokens')
          .send({ name, roles: ['viewer'] })
      ).status,
    ).toBe(201);
    const dup = await admin()
      .post('/api/v1/tokens')
      .send({ name, roles: ['admin'] });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ error: 'duplicate', message: expect.stringContaining(name) });
    const cases: Array<[object, string]> = [
      [{ name: unique('r'), roles: ['root'] }, 'roles'],
      [{ name: unique('r'), roles: [] }, 'roles'],
      [{ name: unique('r'), roles: ['viewer', 'viewer'] }, 'roles'],
      [{ name: unique('r'), roles: 'admin' }, 'roles'],
      [{ name: 'has space', roles: ['viewer'] }, 'name'],
      [{ name: '', roles: ['viewer'] }, 'name'],
      [{ roles: ['viewer'] }, 'name'],
      [{ name: unique('r'), roles: ['viewer'], secret: 'mine' }, 'secret'],
    ];
    for (const [body, path] of cases) {
      const res = await admin().post('/api/v1/tokens').send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.fieldErrors.map((f: { path: string }) => f.path)).toContain(path);
    }
    for (const id of [randomUUID(), 'not-a-uuid']) {
      expect((await admin().get(`/api/v1/tokens/${id}`)).status).toBe(404);
      expect((await admin().post(`/api/v1/tokens/${id}/revoke`)).status).toBe(404);
    }
  });

  it('a token carrying several roles gets the union of their rights', async () => {
    const both = t.withToken((await t.createToken(['finance', 'engineer'])).secret);
    expect((await both.get('/api/v1/ledger')).status).toBe(200);
    expect((await both.post('/api/v1/incidents').send({})).status).toBe(400); // past the guard: the body is what is wrong
    const denied = await both.get('/api/v1/audit');
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      statusCode: 403,
      error: 'forbidden',
      message: expect.stringMatching(/needs the admin role/),
      requiredRoles: ['admin'],
    });
  });

  it('reads Authorization strictly: Bearer scheme, one token', async () => {
    const token = await t.createToken(['viewer']);
    for (const header of [`Basic ${token.secret}`, token.secret, `Bearer ${token.secret} extra`, 'Bearer', `Bearer  ${'x'.repeat(2000)}`]) {
      const res = await t.anonymous.get('/api/v1/calendars').set('Authorization', header);
      expect({ header: header.slice(0, 20), status: res.status }).toEqual({ header: header.slice(0, 20), status: 401 });
    }
    expect((await t.anonymous.get('/api/v1/calendars').set('Authorization', `bearer ${token.secret}`)).status).toBe(200);
  });
});

/** Bootstrap on a database of its own: what a first start on a fresh machine sees. */
describe('first admin token', () => {
  let dbUrl: string;
  let dbName: string;
  const admin = () => new Client({ connectionString: process.env.TEST_DATABASE_URL });

  beforeAll(async () => {
    dbName = `tokens_bootstrap_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE "${dbName}"`);
    await c.end();
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${dbName}`;
    dbUrl = url.toString();
    await runMigrations(dbUrl);
  });
  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await c.end();
  });

  async function boot(config: { adminToken?: string; embeddedDefaults?: boolean }): Promise<{ t: TestApp; printed: string }> {
    const chunks: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    });
    try {
      const t = await startTestApp({
        worker: false,
        config: { databaseUrl: dbUrl, adminToken: undefined, embeddedDefaults: false, ...config },
      });
      return { t, printed: chunks.join('') };
    } finally {
      spy.mockRestore();
    }
  }

  it('on embedded defaults: generates one admin token, prints it once, stores only its hash; later starts print nothing', async () => {
    const first = await boot({ embeddedDefaults: true });
    let secret: string;
    try {
      const found = /^\s+(eo_[A-Za-z0-9_-]{43})$/m.exec(first.printed);
      expect(found).not.toBeNull();
      secret = found![1];
      expect(first.printed).toContain('shown only now');
      const me = await first.t.withToken(secret).get('/api/v1/session');
      expect(me.body).toMatchObject({ name: 'embedded-admin', roles: ['admin'] });
      const rows: Array<{ row: string }> = await first.t.dataSource.query(`SELECT row_to_json(a)::text AS row FROM api_tokens a`);
      expect(rows).toHaveLength(1);
      expect(rows[0].row).not.toContain(secret);
      expect(rows[0].row).toContain(sha256(secret));

      // The only active admin token cannot be revoked: nobody could administer anything after.
      const last = await first.t.withToken(secret).post(`/api/v1/tokens/${me.body.tokenId}/revoke`);
      expect(last.status).toBe(409);
      expect(last.body.error).toBe('last_admin_token');
    } finally {
      await first.t.close();
    }
    const second = await boot({ embeddedDefaults: true });
    try {
      expect(second.printed).not.toMatch(/eo_/);
      expect((await second.t.withToken(secret).get('/api/v1/session')).status).toBe(200);
      const audit = await second.t.withToken(secret).get('/api/v1/audit?action=token.bootstrap');
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({ actor: { tokenId: null, name: 'system' }, details: { source: 'EMBEDDED_DEFAULTS' } });
    } finally {
      await second.t.close();
    }
  });

  it('without embedded defaults and without ADMIN_TOKEN: no token is generated', async () => {
    const { t, printed } = await boot({ embeddedDefaults: false });
    try {
      expect(printed).not.toMatch(/eo_/);
    } finally {
      await t.close();
    }
  });

  it('ADMIN_TOKEN: becomes bootstrap-admin; a new value replaces the old one; a revoked one stays revoked', async () => {
    const one = `one-${'x'.repeat(40)}`;
    const two = `two-${'y'.repeat(40)}`;
    let { t } = await boot({ adminToken: one });
    try {
      const me = await t.withToken(one).get('/api/v1/session');
      expect(me.body).toMatchObject({ name: 'bootstrap-admin', roles: ['admin'] });
    } finally {
      await t.close();
    }
    ({ t } = await boot({ adminToken: two }));
    let otherAdmin: string;
    try {
      expect((await t.withToken(one).get('/api/v1/session')).status).toBe(401);
      const me = await t.withToken(two).get('/api/v1/session');
      expect(me.status).toBe(200);
      // Revoke the bootstrap token (another admin exists by then).
      otherAdmin = (
        await t
          .withToken(two)
          .post('/api/v1/tokens')
          .send({ name: 'ops-admin', roles: ['admin'] })
      ).body.secret;
      expect((await t.withToken(otherAdmin).post(`/api/v1/tokens/${me.body.tokenId}/revoke`)).status).toBe(200);
    } finally {
      await t.close();
    }
    ({ t } = await boot({ adminToken: two }));
    try {
      // Restarting with the same secret does not undo the revocation...
      expect((await t.withToken(two).get('/api/v1/session')).status).toBe(401);
      expect((await t.withToken(otherAdmin).get('/api/v1/session')).status).toBe(200);
    } finally {
      await t.close();
    }
    // ...a new secret does (how an operator who lost every admin token gets back in).
    const three = `three-${'z'.repeat(40)}`;
    ({ t } = await boot({ adminToken: three }));
    try {
      expect((await t.withToken(three).get('/api/v1/session')).status).toBe(200);
      const rows: Array<{ details: { name: string; outcome: string; source: string } }> = (
        await t.withToken(three).get('/api/v1/audit?action=token.bootstrap')
      ).body.items;
      const outcomes = rows.filter((r) => r.details.name === 'bootstrap-admin').map((r) => [r.details.source, r.details.outcome]);
      expect(outcomes).toEqual([
        ['ADMIN_TOKEN', 'replaced'],
        ['ADMIN_TOKEN', 'replaced'],
        ['ADMIN_TOKEN', 'created'],
      ]);
    } finally {
      await t.close();
    }
  });
});
