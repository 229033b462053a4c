/**
 * The benchmark's worker process, one per arm with identical settings:
 *  - BENCH_WORKER_ROLE=incident: exactly what src/worker/main.ts does (same factory, same
 *    DataSource options and DATABASE_POOL_SIZE, default SDK runtime and logger), on TEMPORAL_TASK_QUEUE;
 *  - BENCH_WORKER_ROLE=floor: arm A's floor workflow with no-op activities on its own task queue.
 * Tuning (the knobs the worker factory exposes) from BENCH_MAX_CACHED_WORKFLOWS,
 * BENCH_MAX_WFT_SLOTS, BENCH_MAX_ACTIVITY_SLOTS; unset = the SDK defaults the product runs with.
 * WORKFLOW_BUNDLE_PATH: a prebuilt bundle; unset = bundle at start (as the product does).
 * BENCH_WORKER_LOG_LEVEL (e.g. WARN): the SDK runtime's log level; unset = the SDK default (INFO), as
 * the product runs — which prints every notification the workflow sends.
 * Prints "ready <ms>" once polling, <ms> being the time from process start.
 */
import 'reflect-metadata';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { exitOnConfigError, loadConfig, type AppConfig } from '../src/config/config';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { createIncidentWorker, type IncidentWorkerOptions } from '../src/worker/worker-factory';
import { createFloorActivities } from './floor.activities';

function intEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new Error(`${name}=${raw}: expected a positive integer`);
  return Number(raw);
}

export function tuningFromEnv(): NonNullable<IncidentWorkerOptions['tuning']> {
  const tuning: NonNullable<IncidentWorkerOptions['tuning']> = {};
  const cache = intEnv('BENCH_MAX_CACHED_WORKFLOWS');
  const wft = intEnv('BENCH_MAX_WFT_SLOTS');
  const act = intEnv('BENCH_MAX_ACTIVITY_SLOTS');
  if (cache !== undefined) tuning.maxCachedWorkflows = cache;
  if (wft !== undefined) tuning.maxConcurrentWorkflowTaskExecutions = wft;
  if (act !== undefined) tuning.maxConcurrentActivityTaskExecutions = act;
  return tuning;
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    exitOnConfigError(error);
  }
  const role = process.env.BENCH_WORKER_ROLE;
  if (process.env.BENCH_WORKER_LOG_LEVEL) Runtime.install({ logger: new DefaultLogger(process.env.BENCH_WORKER_LOG_LEVEL as LogLevel) });
  const bundle = process.env.WORKFLOW_BUNDLE_PATH || undefined;
  const tuning = tuningFromEnv();
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  let worker: Worker;
  let dataSource: DataSource | undefined;
  if (role === 'incident') {
    dataSource = await new DataSource(buildDataSourceOptions(config.databaseUrl, config.databasePoolSize)).initialize();
    worker = await createIncidentWorker({
      connection,
      namespace: config.temporalNamespace,
      taskQueue: config.taskQueue,
      dataSource,
      workflowBundlePath: bundle,
      tuning,
    });
  } else if (role === 'floor') {
    worker = await Worker.create({
      connection,
      namespace: config.temporalNamespace,
      taskQueue: config.taskQueue,
      ...(bundle ? { workflowBundle: { codePath: bundle } } : { workflowsPath: require.resolve('./workflows') }),
      activities: createFloorActivities(),
      ...tuning,
    });
  } else {
    throw new Error(`BENCH_WORKER_ROLE must be incident or floor, not ${role}`);
  }
  const running = worker.run();
  process.stdout.write(`ready ${Math.round(process.uptime() * 1000)}\n`);
  await running;
  await connection.close();
  await dataSource?.destroy();
}

main().catch((error: Error) => {
  process.stderr.write(`bench worker failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
