/**
 * Honest under failure, with a part down: the product's own connections to Temporal and to
 * PostgreSQL run through a TCP proxy the test takes away (refused: the process stopped; black hole:
 * the network died) and gives back. Every route answers within its bound, never a bare 500, and
 * nothing is lost or applied twice when the part returns.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { openDataSource, startTestApp, startWorker, type RunningWorker, type TestApp } from '../harness/context';
import { createContract, eventually, secondsPolicy } from '../harness/fixtures';
import { report, untilInstant } from '../harness/incidents';
import { startTcpProxy, type TcpProxy } from '../harness/tcp-proxy';

const s = (amount: number) => ({ amount, unit: 'seconds' as const, anchor: 'report' as const });

/** How long any answer may take with a part down: the step bound (10 s) plus slack for a loaded machine. */
const BOUND_MS = 20_000;

async function timed<T>(call: () => PromiseLike<T>): Promise<{ res: T; ms: number }> {
  const started = Date.now();
  const res = await call();
  return { res, ms: Date.now() - started };
}

function hostPort(address: string): { host: string; port: number } {
  const url = new URL(address.includes('://') ? address : `tcp://${address}`);
  return { host: url.hostname, port: Number(url.port) };
}

async function timelineKinds(db: DataSource, id: string): Promise<string[]> {
  const rows: Array<{ kind: string }> = await db.query(`SELECT kind FROM incident_timeline WHERE incident_id = $1 ORDER BY seq`, [id]);
  return rows.map((r) => r.kind);
}

describe('Temporal down', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let worker: RunningWorker;
  beforeAll(async () => {
    proxy = await startTcpProxy(hostPort(process.env.TEST_TEMPORAL_ADDRESS!));
    t = await startTestApp({ worker: false, config: { temporalAddress: proxy.address } });
    worker = await startWorker({ taskQueue: t.config.taskQueue, dataSource: t.dataSource, temporal: { address: proxy.address } });
  });
  afterAll(async () => {
    await proxy?.up();
    await worker?.stop();
    await t?.close();
    await proxy?.close();
  });

  it.each(['refuse', 'blackhole'] as const)(
    '(%s) reads answer from the read model, writes answer 503 naming Temporal, and keyed retries apply once when it is back',
    async (outage) => {
      const { contractId } = await createContract(t.dataSource, {
        policy: secondsPolicy({ urgent: { triage: { respondWithin: s(600) }, penalty: { restoreWithin: s(600) } }, general: {} }),
      });
      const id = await report(t, contractId);
      await eventually(async () => ((await timelineKinds(t.dataSource, id)).includes('reported') ? true : undefined));

      await proxy.down(outage);

      const read = await timed(() => t.http.get(`/api/v1/incidents/${id}`));
      expect(read.res.status).toBe(200);
      expect(read.res.body).toMatchObject({ id, status: 'open', live: false });
      expect(read.res.body.liveReason).toMatch(/Temporal is unreachable|did not answer within 1000 ms/);
      expect(read.ms).toBeLessThan(BOUND_MS);

      const list = await timed(() => t.http.get('/api/v1/incidents').query({ contractId }));
      expect(list.res.status).toBe(200);
      expect(list.res.body.items.map((i: { id: string }) => i.id)).toEqual([id]);

      const stepKey = `ack-${randomUUID()}`;
      const ack = await timed(() => t.http.post(`/api/v1/incidents/${id}/acknowledge`).set('Idempotency-Key', stepKey).send({}));
      expect(ack.res.status).toBe(503);
      expect(ack.res.headers['retry-after']).toBe('5');
      expect(ack.res.body.unavailable).toMatch(/temporal|worker/);
      expect(ack.res.body.message).toMatch(/acknowledge step was not applied: .*retry with the same Idempotency-Key/);
      expect(ack.ms).toBeLessThan(BOUND_MS);

      const reportKey = `report-${randomUUID()}`;
      const body = { contractId, severity: 'urgent', description: 'Second fault during the outage' };
      const refused = await timed(() => t.http.post('/api/v1/incidents').set('Idempotency-Key', reportKey).send(body));
      expect(refused.res.status).toBe(503);
      expect(refused.res.headers['retry-after']).toBe('5');
      expect(refused.res.body.message).toMatch(/Idempotency-Key/);
      expect(refused.ms).toBeLessThan(BOUND_MS);

      await proxy.up();

      // The same keys once Temporal is back: each applied exactly once.
      const retried = await eventually(async () => {
        const res = await t.http.post(`/api/v1/incidents/${id}/acknowledge`).set('Idempotency-Key', stepKey).send({});
        return res.status === 200 ? res : undefined;
      }, 60_000);
      expect(retried.body.stage).toBe('remote');
      const reported = await eventually(async () => {
        const res = await t.http.post('/api/v1/incidents').set('Idempotency-Key', reportKey).send(body);
        return res.status === 201 || res.status === 200 ? res : undefined;
      }, 60_000);
      const again = await t.http.post('/api/v1/incidents').set('Idempotency-Key', reportKey).send(body);
      expect(again.body.id).toBe(reported.body.id);

      await eventually(async () => ((await timelineKinds(t.dataSource, id)).includes('step:acknowledge') ? true : undefined));
      expect((await timelineKinds(t.dataSource, id)).filter((k) => k === 'step:acknowledge')).toHaveLength(1);
      await eventually(async () => ((await timelineKinds(t.dataSource, reported.body.id)).includes('reported') ? true : undefined));
      const rows: Array<{ n: number }> = await t.dataSource.query(`SELECT count(*)::int AS n FROM incidents WHERE contract_id = $1`, [
        contractId,
      ]);
      expect(rows[0].n).toBe(2);
    },
    // Two outages with their recoveries; each answer inside is bounded by BOUND_MS.
    180_000,
  );
});

describe('PostgreSQL down', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let direct: DataSource;
  beforeAll(async () => {
    const real = new URL(process.env.TEST_DATABASE_URL!);
    proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port) });
    const proxied = new URL(real.href);
    proxied.port = String(proxy.port);
    // The API and the worker both reach PostgreSQL through the proxy; the test checks through its own connection.
    t = await startTestApp({ config: { databaseUrl: proxied.href } });
    direct = await openDataSource();
  });
  afterAll(async () => {
    await proxy?.up();
    await t?.close();
    await direct?.destroy();
    await proxy?.close();
  });

  it.each(['refuse', 'blackhole'] as const)(
    '(%s) every route answers 503 naming PostgreSQL within its bound, and what the workflow did meanwhile is recorded once it is back',
    async (outage) => {
      const triageMs = 4_000;
      const { contractId } = await createContract(direct, {
        policy: secondsPolicy({
          urgent: { triage: { respondWithin: s(triageMs / 1000) }, penalty: { restoreWithin: s(600) } },
          general: {},
        }),
      });
      const id = await report(t, contractId);
      await eventually(async () => ((await timelineKinds(direct, id)).includes('reported') ? true : undefined));

      await proxy.down(outage);

      for (const call of [
        () => t.http.get('/api/v1/incidents'),
        () => t.http.get(`/api/v1/incidents/${id}`),
        () => t.http.post(`/api/v1/incidents/${id}/acknowledge`).set('Idempotency-Key', `ack-${id}`).send({}),
        () => t.http.post('/api/v1/incidents').send({ contractId, severity: 'urgent', description: 'During the outage' }),
        () => t.http.get('/api/v1/contracts'),
      ]) {
        const { res, ms } = await timed(call);
        expect({ status: res.status, unavailable: res.body.unavailable, message: res.body.message }).toMatchObject({
          status: 503,
          unavailable: 'postgresql',
          message: expect.stringMatching(/PostgreSQL/),
        });
        expect(res.headers['retry-after']).toBeDefined();
        expect(ms).toBeLessThan(BOUND_MS);
      }

      // The triage deadline passes while PostgreSQL is away: the workflow breaches on time and its
      // timeline activity keeps retrying until it can write.
      const reportedAt = Date.parse((await direct.query(`SELECT reported_at FROM incidents WHERE id = $1`, [id]))[0].reported_at);
      await untilInstant(reportedAt + triageMs + 1_000);
      expect(await timelineKinds(direct, id)).not.toContain('breach');

      await proxy.up();

      const kinds = await eventually(async () => {
        const k = await timelineKinds(direct, id);
        return k.includes('breach') ? k : undefined;
      }, 60_000);
      expect(kinds.filter((k) => k === 'breach')).toHaveLength(1);
      const retried = await eventually(async () => {
        const res = await t.http.post(`/api/v1/incidents/${id}/acknowledge`).set('Idempotency-Key', `ack-${id}`).send({});
        return res.status === 200 ? res : undefined;
      }, 60_000);
      expect(retried.body.stage).toBe('remote');
      const rows: Array<{ n: number }> = await direct.query(`SELECT count(*)::int AS n FROM incidents WHERE contract_id = $1`, [
        contractId,
      ]);
      expect(rows[0].n).toBe(1);
    },
    // Two outages with their recoveries; each answer inside is bounded by BOUND_MS.
    180_000,
  );
});
