/**
 * The Prometheus endpoints an operator scrapes: the API's (HTTP latency by route, steps by name and
 * outcome, breaches, warnings and ledger postings from the read model) and the worker's (the Temporal
 * SDK runtime's own metrics plus the product's counters), from the real worker entry point.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../src/common/free-port';
import { startTestApp, type TestApp } from '../harness/context';
import { createContract, eventually, secondsPolicy } from '../harness/fixtures';
import { ledgerRows, report, step, waitForEvents } from '../harness/incidents';
import { declared, sample } from '../harness/prometheus';

const s = (amount: number) => ({ amount, unit: 'seconds' as const, anchor: 'report' as const });
const ROOT = join(__dirname, '..', '..');

describe('Prometheus metrics', () => {
  let t: TestApp;
  let worker: ChildProcess;
  let workerMetrics: string;

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const port = await freePort();
    workerMetrics = `http://127.0.0.1:${port}/metrics`;
    worker = spawn(process.execPath, ['-r', join(ROOT, 'test/harness/ts-register.js'), join(ROOT, 'src/worker/main.ts')], {
      env: {
        ...process.env,
        DATABASE_URL: process.env.TEST_DATABASE_URL,
        TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
        TEMPORAL_TASK_QUEUE: t.config.taskQueue,
        WORKFLOW_BUNDLE_PATH: process.env.TEST_WORKFLOW_BUNDLE,
        HOST: '127.0.0.1',
        WORKER_METRICS_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    worker.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    worker.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await eventually(async () => {
      if (worker.exitCode !== null) throw new Error(`worker exited: ${out}`);
      return out.includes('Worker polling') || undefined;
    }, 60_000);
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      await new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.kill('SIGTERM');
      });
    }
    await t?.close();
  });

  const scrapeApi = async () => {
    const res = await t.anonymous.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return res.text;
  };

  it('count a step by name and outcome, time it by route, and move with breaches and ledger postings', async () => {
    const before = await scrapeApi();
    const { contractId } = await createContract(t.dataSource, {
      policy: secondsPolicy({ urgent: { triage: { respondWithin: s(1) }, penalty: { restoreWithin: s(1) } }, general: {} }),
      terms: { ratePerPeriod: '0.001', period: { amount: 1, unit: 'seconds' } },
    });
    const id = await report(t, contractId);
    expect((await t.http.post(`/api/v1/incidents/${id}/remote-session`).send({})).status).toBe(409); // not acknowledged yet
    await waitForEvents(t, id, 'breach', 1);
    await step(t, id, 'acknowledge');
    await eventually(async () => ((await ledgerRows(t, id)).length >= 1 ? true : undefined));

    const after = await scrapeApi();
    const steps = (text: string, step: string, outcome: string) => sample(text, 'escalation_steps_total', { step, outcome }) ?? 0;
    expect(steps(after, 'acknowledge', 'applied')).toBe(steps(before, 'acknowledge', 'applied') + 1);
    expect(steps(after, 'remoteSession', 'refused')).toBe(steps(before, 'remoteSession', 'refused') + 1);
    const ack = { method: 'POST', route: '/api/v1/incidents/:id/acknowledge', status: '200' };
    expect(sample(after, 'escalation_http_request_duration_seconds_count', ack)).toBe(1);
    expect(sample(after, 'escalation_http_request_duration_seconds_bucket', { ...ack, le: '+Inf' })).toBe(1);
    expect(sample(after, 'escalation_http_request_duration_seconds_count', { route: '/api/v1/incidents', method: 'POST' })).toBe(1);
    // Route templates, never ids: the series stay few.
    expect(after).not.toContain(id);
    expect(sample(after, 'escalation_read_model_up')).toBe(1);
    const breaches = (text: string) => sample(text, 'escalation_breaches_recorded', { target: 'triage.respondWithin' }) ?? 0;
    expect(breaches(after)).toBeGreaterThan(breaches(before));
    const accruals = (text: string) => sample(text, 'escalation_ledger_postings_recorded', { kind: 'accrual' }) ?? 0;
    expect(accruals(after)).toBeGreaterThan(accruals(before));
    expect(declared(after)).toEqual(expect.arrayContaining(['escalation_warnings_recorded', 'escalation_api_process_cpu_seconds_total']));
  });

  it("serves the worker's metrics: the Temporal SDK runtime's and the product's counters, which moved", async () => {
    const res = await fetch(workerMetrics);
    expect(res.status).toBe(200);
    const text = await res.text();
    const names = declared(text);
    // The SDK runtime's own series (Core's exporter): polls, task latencies.
    expect(names.filter((n) => n.startsWith('temporal_')).length).toBeGreaterThan(5);
    expect(names).toEqual(
      expect.arrayContaining([
        'temporal_num_pollers',
        'temporal_request_latency',
        'temporal_worker_task_slots_available',
        // After the first test's incident: the task latencies the README's dashboard uses.
        'temporal_workflow_task_schedule_to_start_latency',
        'temporal_activity_schedule_to_start_latency',
        'temporal_activity_execution_latency',
      ]),
    );
    expect(sample(text, 'temporal_num_pollers', { poller_type: 'workflow_task' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'escalation_worker_breaches_total', { target: 'triage.respondWithin' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'escalation_worker_ledger_postings_total', { kind: 'accrual' })).toBeGreaterThanOrEqual(1);
    expect(names).toContain('escalation_worker_warnings_total');
  });
});
