import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { runMigrations } from '../../database/migrate';
import { resolveTemporalServerBinaries, type TemporalServerBinaries } from '../../temporal/temporal-server-binaries';
import { appProcess, waitHealthy, waitPolling, type AppRunner } from './app-processes';
import type { ManagedProcess } from './managed-process';
import { ensureNamespace } from './namespace';
import { temporalDeployPaths } from './paths';
import type { ClusterPorts } from './ports';
import { startClusterPostgres, type ClusterPostgres } from './postgres';
import { applyTemporalSchema } from './temporal-schema';
import { TemporalServices } from './temporal-services';

export interface ClusterOptions {
  /** PostgreSQL data, logs and the workflow bundle. */
  dataDir: string;
  ports: ClusterPorts;
  /** Fixed when the cluster's database is first created; the server refuses another value later. */
  historyShards: number;
  workers: number;
  /** Use this PostgreSQL server instead of an embedded one. */
  databaseUrl?: string;
  appRunner: AppRunner;
  /** A prebuilt workflow bundle for the workers; bundled into `dataDir` when absent. */
  workflowBundlePath?: string;
  /** Extra environment of the API replicas and workers (ADMIN_TOKEN, RATE_LIMIT_*, …). */
  appEnv?: NodeJS.ProcessEnv;
  namespace?: string;
  taskQueue?: string;
  temporalLogLevel?: string;
  log: (line: string) => void;
}

export interface Cluster {
  postgres: ClusterPostgres;
  temporal: TemporalServices;
  apis: ManagedProcess[];
  workers: ManagedProcess[];
  binaries: TemporalServerBinaries;
  ports: ClusterPorts;
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  apiUrls: string[];
  logDir: string;
  /** Every process the cluster started: ours, Temporal's and (when embedded) PostgreSQL. */
  processes(): ManagedProcess[];
  /** Stops our processes, then Temporal's, then PostgreSQL, waiting for each. */
  stop(): Promise<void>;
}

export const APP_DATABASE = 'escalation';
export const TEMPORAL_DATABASE = 'temporal';
export const TEMPORAL_VISIBILITY_DATABASE = 'temporal_visibility';

/**
 * The production topology on one machine: PostgreSQL (persistence, visibility and our database),
 * Temporal's frontend, history (several processes), matching and worker services as separate
 * processes on `historyShards` shards, the namespace with our search attributes, migrations, then
 * the API replicas (one per `ports.api`) and `workers` workers of ours. Whatever started is
 * stopped again when bring-up fails.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { log, ports } = options;
  const namespace = options.namespace ?? 'default';
  const taskQueue = options.taskQueue ?? 'incidents';
  const logDir = join(options.dataDir, 'logs');
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: Error) => log(`stop: ${error.message}`));
    stops.length = 0;
  };
  try {
    const [binaries, postgres] = await Promise.all([
      resolveTemporalServerBinaries(log),
      startClusterPostgres({
        databaseUrl: options.databaseUrl,
        dir: join(options.dataDir, 'postgres'),
        port: ports.postgres,
        appDatabase: APP_DATABASE,
        logDir,
        log,
      }),
    ]);
    stops.push(async () => {
      await postgres.stop();
      await postgres.process?.close();
    });
    const databaseUrl = postgres.url(options.databaseUrl ? new URL(options.databaseUrl).pathname.slice(1) : APP_DATABASE);
    const databases = {
      host: postgres.host,
      port: postgres.port,
      user: postgres.user,
      password: postgres.password,
      database: TEMPORAL_DATABASE,
      visibilityDatabase: TEMPORAL_VISIBILITY_DATABASE,
    };
    const { deployDir, configDir, dynamicConfigFile } = temporalDeployPaths();
    await applyTemporalSchema({ sqlTool: binaries.sql.path, deployDir, databases }, log);

    const temporal = new TemporalServices({
      serverBinary: binaries.server.path,
      configDir,
      dynamicConfigFile,
      databases,
      historyShards: options.historyShards,
      ports,
      logDir,
      logLevel: options.temporalLogLevel ?? 'warn',
    });
    stops.push(() => temporal.close());
    const bundlePath = options.workflowBundlePath ?? join(options.dataDir, 'workflow-bundle.js');
    const [applied] = await Promise.all([
      runMigrations(databaseUrl),
      temporal.start(),
      options.workflowBundlePath ? undefined : writeWorkflowBundle(bundlePath),
    ]);
    log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
    await ensureNamespace({ address: temporal.address, namespace, retentionDays: 7, log });

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.appEnv,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE_PATH: bundlePath,
      HOST: '127.0.0.1',
    };
    const apis = ports.api.map((port, i) => appProcess(`api-${i + 1}`, options.appRunner, 'api', { ...env, PORT: String(port) }, logDir));
    const workers = Array.from({ length: options.workers }, (_, i) =>
      appProcess(`worker-${i + 1}`, options.appRunner, 'worker', env, logDir),
    );
    stops.push(() => Promise.all([...apis, ...workers].map((p) => p.close())).then(() => undefined));
    const apiUrls = ports.api.map((port) => `http://127.0.0.1:${port}`);
    // The first replica alone first: with EMBEDDED_DEFAULTS it may generate the first admin token.
    apis[0].start();
    await waitHealthy(apiUrls[0], apis[0], 120_000);
    for (const p of [...apis.slice(1), ...workers]) p.start();
    await Promise.all([
      ...apis.slice(1).map((p, i) => waitHealthy(apiUrls[i + 1], p, 120_000)),
      waitPolling({ address: temporal.address, namespace, taskQueue }, workers, 120_000),
    ]);
    // A service process that gave up while the others came up (the frontend answering says nothing
    // about a history process) fails the bring-up here, rather than leaving a cluster short of one.
    const gone = [...temporal.all, ...apis, ...workers].find((p) => !p.running);
    if (gone) throw new Error(`${gone.name} ended during bring-up:\n${gone.tail(30)}`);

    return {
      postgres,
      temporal,
      apis,
      workers,
      binaries,
      ports,
      databaseUrl,
      temporalAddress: temporal.address,
      namespace,
      taskQueue,
      apiUrls,
      logDir,
      processes: () => [...apis, ...workers, ...temporal.all, ...(postgres.process ? [postgres.process] : [])],
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** One workflow bundle for every worker (as the Docker image does): they start faster and lighter. */
export async function writeWorkflowBundle(path: string): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../../workflows'), logger: new DefaultLogger('WARN') });
  writeFileSync(path, code);
}
