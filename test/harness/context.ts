/**
 * What test files use to reach the servers the harness started: never a server of their own.
 * Each test file gets its own task queue so files run in parallel without sharing work.
 */
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { ActivityDeps } from '../../activities';
import { createApp } from '../../src/bootstrap';
import type { AppConfig } from '../../src/config/config';
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
    ...overrides,
  };
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
}): Promise<RunningWorker> {
  const connection = await NativeConnection.connect({ address: need('TEST_TEMPORAL_ADDRESS') });
  const worker = await createIncidentWorker({
    connection,
    namespace: 'default',
    taskQueue: options.taskQueue,
    dataSource: options.dataSource,
    workflowBundlePath: need('TEST_WORKFLOW_BUNDLE'),
    activityDeps: options.activityDeps,
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
  http: ReturnType<typeof request>;
  config: AppConfig;
  dataSource: DataSource;
  client: Client;
  worker?: RunningWorker;
  close(): Promise<void>;
}

/** The real Nest app (same bootstrap as production) plus, by default, a real worker on its task queue. */
export async function startTestApp(options: { worker?: boolean; activityDeps?: Partial<ActivityDeps> } = {}): Promise<TestApp> {
  const config = testConfig();
  const app = await createApp(config, { logger: false });
  await app.init();
  const dataSource = app.get(DataSource);
  const worker = options.worker === false ? undefined : await startWorker({ taskQueue: config.taskQueue, dataSource, activityDeps: options.activityDeps });
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    dataSource,
    client: app.get<Client>(TEMPORAL_CLIENT),
    worker,
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
