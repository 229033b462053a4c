/**
 * Liveness and readiness as an orchestrator (Kubernetes, systemd, a load balancer) would probe them:
 * ready only when PostgreSQL and Temporal answer and a worker polls the app's task queue.
 */
import { eventually } from '../harness/fixtures';
import { startTestApp, startWorker, type RunningWorker, type TestApp } from '../harness/context';

describe('/health/live and /health/ready', () => {
  let t: TestApp;
  let worker: RunningWorker | undefined;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
  });

  it('is live but not ready while no worker polls the task queue, and names the worker', async () => {
    const live = await t.anonymous.get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok', uptimeSeconds: expect.any(Number) });

    const ready = await t.anonymous.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: 'degraded',
      notReady: ['worker'],
      postgres: { status: 'up' },
      temporal: { status: 'up' },
      worker: { status: 'down' },
    });
    expect(ready.body.worker.error).toContain(`no worker polls task queue ${t.config.taskQueue}`);
    // The aggregate keeps its meaning: the API's own dependencies.
    expect((await t.anonymous.get('/health')).status).toBe(200);
  });

  it('becomes ready once a worker polls the task queue', async () => {
    worker = await startWorker({ taskQueue: t.config.taskQueue, dataSource: t.dataSource });
    const ready = await eventually(async () => {
      const res = await t.anonymous.get('/health/ready');
      return res.status === 200 ? res : undefined;
    });
    expect(ready.body).toMatchObject({ status: 'ok', notReady: [], worker: { status: 'up' } });
  });

  it('is not ready, naming PostgreSQL, when the database stops answering; live all the same', async () => {
    await t.dataSource.destroy();
    try {
      const ready = await t.anonymous.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.notReady).toEqual(['postgres']);
      expect(ready.body.postgres.error).toEqual(expect.any(String));
      expect((await t.anonymous.get('/health/live')).status).toBe(200);
    } finally {
      await t.dataSource.initialize();
    }
  });
});
