/**
 * The write rate limit is shared by every API replica: its state is one PostgreSQL row per token,
 * moved by one atomic statement on the database's clock.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { WriteRateLimiter } from '../../src/auth/rate-limiter';
import { openDataSource, startTestApp, type TestApp } from '../harness/context';

describe('write rate limiter (token bucket per token, in PostgreSQL)', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openDataSource();
  });
  afterAll(async () => db?.destroy());

  const at = (ms: number) => new Date(Date.UTC(2026, 10, 20, 9) + ms);

  it('lets a burst through, then one request per 1/rate seconds, and answers how long to wait', async () => {
    const limiter = new WriteRateLimiter(db, 2, 3);
    const [a, b] = [randomUUID(), randomUUID()];
    const take = (key: string, ms: number) => limiter.take(key, at(ms));
    expect([await take(a, 0), await take(a, 0), await take(a, 0)]).toEqual([0, 0, 0]);
    expect(await take(a, 0)).toBe(1);
    expect(await take(b, 0)).toBe(0); // per key
    expect(await take(a, 499)).toBe(1);
    expect(await take(a, 500)).toBe(0);
    // refills up to the burst, not beyond
    const later = [];
    for (let i = 0; i < 4; i += 1) later.push(await take(a, 10_000));
    expect(later).toEqual([0, 0, 0, 1]);
  });

  it('a slow rate answers a longer wait; rate 0 disables the limit (no row is written)', async () => {
    const key = randomUUID();
    const slow = new WriteRateLimiter(db, 0.1, 1);
    expect(await slow.take(key, at(0))).toBe(0);
    expect(await slow.take(key, at(0))).toBe(10);
    expect(await slow.take(key, at(9_999))).toBe(1);
    expect(await slow.take(key, at(10_000))).toBe(0);
    const off = new WriteRateLimiter(db, 0, 1);
    const other = randomUUID();
    expect(off.enabled).toBe(false);
    for (let i = 0; i < 20; i += 1) expect(await off.take(other)).toBe(0);
    expect(await db.query(`SELECT 1 FROM api_write_rate WHERE token_id = $1`, [other])).toEqual([]);
  });

  it('two limiters (two replicas) share one allowance, and concurrent takes never overspend it', async () => {
    const key = randomUUID();
    const replicaA = new WriteRateLimiter(db, 1, 5);
    const replicaB = new WriteRateLimiter(db, 1, 5);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? replicaA : replicaB).take(key, at(0))));
    expect(results.filter((w) => w === 0)).toHaveLength(5);
    expect(results.filter((w) => w > 0).every((w) => w >= 1)).toBe(true);
  });
});

describe('write rate limit across API replicas', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const config = { rateLimitWritesPerSecond: 1, rateLimitWritesBurst: 3 };
    [a, b] = await Promise.all([startTestApp({ worker: false, config }), startTestApp({ worker: false, config })]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('a token that spends its burst on two replicas gets 429 with Retry-After from either', async () => {
    const token = await a.createToken(['viewer', 'admin']);
    const preview = (t: TestApp) =>
      t
        .withToken(token.secret)
        .post('/api/v1/calendars/24x7/deadline')
        .send({ start: '2026-11-20T09:00:00Z', duration: { amount: 1, unit: 'hours' } });
    const statuses = [];
    for (const t of [a, b, a, b]) statuses.push((await preview(t)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await preview(a);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body).toEqual({ statusCode: 429, error: 'rate_limited', message: expect.stringContaining(token.name) });
  });
});
