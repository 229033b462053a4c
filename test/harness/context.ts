/**
 * What test files use to reach the servers the harness started: never a server of their own.
 * Each test file gets its own task queue so files run in parallel without sharing work.
 */
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerPlugin } from '@temporalio/worker';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { ActivityDeps } from '../../activities';
import type { Role } from '../../src/auth/roles';
import { createApp } from '../../src/bootstrap';
import type { AppConfig } from '../../src/config/config';
import type { TemporalConnectionSettings } from '../../src/config/temporal-connection';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { TEMPORAL_CLIENT } from '../../src/temporal/temporal.module';
import { createIncidentWorker } from '../../src/worker/worker-factory';

// Workers in tests log only what needs a look.
Runtime.install({ logger: new DefaultLogger('WARN') });

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run tests through jest so the harness starts the servers`);
  return value;
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    databaseUrl: need('TEST_DATABASE_URL'),
    databasePoolSize: 10,
    temporalAddress: need('TEST_TEMPORAL_ADDRESS'),
    temporalNamespace: 'default',
    taskQueue: `test-${randomUUID()}`,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'error',
    // Every test app bootstraps the same admin token (the run's secret), so parallel files agree.
    adminToken: need('TEST_ADMIN_TOKEN'),
    // Test files fire requests as fast as they can; the limiter has tests of its own.
    rateLimitWritesPerSecond: 0,
    ...overrides,
  };
}

/** The secret of the token `t.http` sends: all four roles, named like the step helper's actor (eng:li.na). */
export function defaultTestToken(): string {
  return need('TEST_API_TOKEN');
}

export type Agent = ReturnType<typeof request>;

export interface IssuedToken {
  id: string;
  name: string;
  roles: Role[];
  secret: string;
}

export async function openDataSource(): Promise<DataSource> {
  return new DataSource(buildDataSourceOptions(need('TEST_DATABASE_URL'), 10)).initialize();
}

export async function temporalClient(): Promise<Client> {
  const connection = await Connection.connect({ address: need('TEST_TEMPORAL_ADDRESS') });
  return new Client({ connection, namespace: 'default' });
}

export interface RunningWorker {
  worker: Worker;
  taskQueue: string;
  stop(): Promise<void>;
}

export async function startWorker(options: {
  taskQueue: string;
  dataSource: DataSource;
  activityDeps?: Partial<ActivityDeps>;
  /** Another way to Temporal than the harness's plain address (e.g. through mTLS). */
  temporal?: { address: string } & TemporalConnectionSettings;
  /** Worker plugins (tracing): the worker then bundles the workflows itself, with the plugins' interceptors. */
  plugins?: WorkerPlugin[];
}): Promise<RunningWorker> {
  const connection = await NativeConnection.connect(options.temporal ?? { address: need('TEST_TEMPORAL_ADDRESS') });
  const worker = await createIncidentWorker({
    connection,
    namespace: 'default',
    taskQueue: options.taskQueue,
    dataSource: options.dataSource,
    workflowBundlePath: need('TEST_WORKFLOW_BUNDLE'),
    activityDeps: options.activityDeps,
    plugins: options.plugins,
  });
  const running = worker.run();
  return {
    worker,
    taskQueue: options.taskQueue,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

export interface TestApp {
  app: INestApplication;
  /** Sends `Authorization: Bearer <the default token>` (all four roles) on every request. */
  http: Agent;
  /** No Authorization header. */
  anonymous: Agent;
  /** The bootstrap admin token's secret (ADMIN_TOKEN of the test app). */
  adminToken: string;
  /** An agent sending `secret` as its bearer token. */
  withToken(secret: string): Agent;
  /** Creates a token with these roles (over HTTP, as the bootstrap admin). */
  createToken(roles: Role[], name?: string): Promise<IssuedToken>;
  /** An agent for a fresh token with these roles. */
  as(roles: Role[], name?: string): Promise<Agent & { token: IssuedToken }>;
  config: AppConfig;
  dataSource: DataSource;
  client: Client;
  worker?: RunningWorker;
  /** http://127.0.0.1:<port> when started with `listen: true` (for a browser). */
  url?: string;
  close(): Promise<void>;
}

/** The real Nest app (same bootstrap as production) plus, by default, a real worker on its task queue. */
export async function startTestApp(
  options: { worker?: boolean; activityDeps?: Partial<ActivityDeps>; config?: Partial<AppConfig>; listen?: boolean } = {},
): Promise<TestApp> {
  const config = testConfig(options.config);
  const app = await createApp(config, { logger: false });
  if (options.listen) await app.listen(0, '127.0.0.1');
  else await app.init();
  const url = options.listen ? `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}` : undefined;
  const dataSource = app.get(DataSource);
  const worker =
    options.worker === false
      ? undefined
      : await startWorker({ taskQueue: config.taskQueue, dataSource, activityDeps: options.activityDeps });
  const server = app.getHttpServer();
  // A supertest agent applies what is .set() on it to every request it makes (plain request() does not).
  const withToken = (secret: string): Agent => request.agent(server).set('Authorization', `Bearer ${secret}`);
  const adminToken = config.adminToken ?? need('TEST_ADMIN_TOKEN');
  const createToken = async (roles: Role[], name?: string): Promise<IssuedToken> => {
    const res = await withToken(adminToken)
      .post('/api/v1/tokens')
      .send({ name: name ?? `test-${roles.join('+') || 'none'}-${randomUUID().slice(0, 8)}`, roles });
    if (res.status !== 201) throw new Error(`token creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, name: res.body.name, roles: res.body.roles, secret: res.body.secret };
  };
  return {
    app,
    http: withToken(defaultTestToken()),
    anonymous: request(server),
    adminToken,
    withToken,
    createToken,
    as: async (roles, name) => {
      const token = await createToken(roles, name);
      return Object.assign(withToken(token.secret), { token });
    },
    config,
    dataSource,
    client: app.get<Client>(TEMPORAL_CLIENT),
    worker,
    url,
    close: async () => {
      await worker?.stop();
      await app.close();
    },
  };
}

export interface WorkerProcess {
  pid: number;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts a worker in a separate OS process (killable with SIGKILL); resolves once it polls. */
export async function spawnWorkerProcess(taskQueue: string): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-r', join(__dirname, 'ts-register.js'), join(__dirname, 'worker-process.ts')], {
    env: { ...process.env, WORKER_TASK_QUEUE: taskQueue },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker process did not start within 60 s')), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`worker process exited early with ${code}`)));
  });
  return {
    pid: child.pid!,
    kill: (signal) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
