/**
 * HTTP hardening: security headers, CORS off unless configured, the body size limit, one JSON
 * error shape without internals, and the per-token write rate limit.
 */
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../harness/context';
import { untilInstant } from '../harness/incidents';

describe('HTTP hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => t?.close());

  it('sends security headers; API answers are never cached; no X-Powered-By', async () => {
    for (const path of ['/api/v1/calendars', '/health', '/api/v1/nope']) {
      const res = await t.http.get(path);
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'strict-transport-security': expect.stringContaining('max-age='),
      });
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; frame-ancestors 'none'/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    expect((await t.http.get('/api/v1/calendars')).headers['cache-control']).toBe('no-store');
    const created = await t.http.post('/api/v1/tokens').send({ name: `h-${randomUUID().slice(0, 8)}`, roles: ['viewer'] });
    expect(created.headers['cache-control']).toBe('no-store');
  });

  it('keeps /health and the OpenAPI docs open; the docs page may run its own scripts only', async () => {
    expect((await t.anonymous.get('/health')).status).toBe(200);
    const docs = await t.anonymous.get('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    const json = await t.anonymous.get('/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.components.securitySchemes.token).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('CORS is off by default: no Access-Control-* headers, preflights are not answered', async () => {
    const res = await t.http.get('/api/v1/calendars').set('Origin', 'https://evil.example.com');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.anonymous
      .options('/api/v1/calendars')
      .set('Origin', 'https://evil.example.com')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
  });

  it('refuses bodies over 256 kB and malformed JSON with the JSON error shape', async () => {
    const big = await t.http
      .post('/api/v1/policies')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x', definition: { pad: 'x'.repeat(300 * 1024) } }));
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ statusCode: 413, error: 'payload_too_large', message: expect.any(String) });
    const bad = await t.http.post('/api/v1/policies').set('Content-Type', 'application/json').send('{"name": ');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ statusCode: 400, error: 'bad_request', message: expect.any(String) });
    expect(JSON.stringify(bad.body)).not.toMatch(/at \w+ \(|node_modules|SyntaxError/);
  });

  it('every error has { statusCode, error, message } and nothing internal', async () => {
    const answers = [
      await t.anonymous.get('/api/v1/ledger'),
      await t.withToken('eo_nope').get('/api/v1/ledger'),
      await (await t.as(['viewer'])).get('/api/v1/ledger'),
      await t.http.get('/api/v1/contracts/not-a-uuid'),
      await t.http.get('/api/v1/no-such-route'),
      await t.http.post('/api/v1/calendars').send({ name: '' }),
      await t.http.get(`/api/v1/ledger?contractId=${'1'.repeat(10)}`),
    ];
    expect(answers.map((r) => r.status)).toEqual([401, 401, 403, 404, 404, 400, 400]);
    expect(answers.map((r) => r.body.error)).toEqual([
      'unauthorized',
      'unauthorized',
      'forbidden',
      'not_found',
      'not_found',
      'validation_failed',
      'validation_failed',
    ]);
    for (const r of answers) {
      expect(r.headers['content-type']).toMatch(/application\/json/);
      expect(r.body).toEqual(expect.objectContaining({ statusCode: r.status, error: expect.any(String), message: expect.any(String) }));
      expect(Object.keys(r.body).every((k) => ['statusCode', 'error', 'message', 'fieldErrors', 'requiredRoles'].includes(k))).toBe(true);
      expect(r.text).not.toMatch(/stack|SELECT|INSERT|QueryFailedError|\.ts:\d+/);
    }
  });
});

describe('CORS when configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false, config: { corsOrigins: ['https://ops.example.com'] } });
  });
  afterAll(async () => t?.close());

  it('answers preflights and requests from the configured origins only', async () => {
    const preflight = await t.anonymous
      .options('/api/v1/calendars')
      .set('Origin', 'https://ops.example.com')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://ops.example.com');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/i);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const res = await t.http.get('/api/v1/calendars').set('Origin', 'https://ops.example.com');
    expect(res.headers['access-control-allow-origin']).toBe('https://ops.example.com');
    const other = await t.http.get('/api/v1/calendars').set('Origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('write rate limit per token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false, config: { rateLimitWritesPerSecond: 1, rateLimitWritesBurst: 3 } });
  });
  afterAll(async () => t?.close());

  it('answers 429 with Retry-After once a token spends its burst; reads and other tokens go on', async () => {
    const a = await t.as(['viewer', 'admin']);
    const b = await t.as(['viewer']);
    const preview = (agent: typeof a) =>
      agent.post('/api/v1/calendars/24x7/deadline').send({ start: '2026-11-20T09:00:00Z', duration: { amount: 1, unit: 'hours' } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await preview(a)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limitedAt = Date.now();
    const limited = await preview(a);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body).toEqual({ statusCode: 429, error: 'rate_limited', message: expect.stringContaining(a.token.name) });
    expect((await a.get('/api/v1/calendars')).status).toBe(200);
    expect((await preview(b)).status).toBe(200);
    await untilInstant(limitedAt + Number(limited.headers['retry-after']) * 1000); // as Retry-After says
    expect((await preview(a)).status).toBe(200);
  });
});
