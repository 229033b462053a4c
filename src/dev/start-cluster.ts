/**
 * `npm run cluster`: the production topology on one machine, from one command — PostgreSQL
 * (embedded unless DATABASE_URL is set), the real Temporal server v1.29.1 (built with Go on first
 * use) as separate frontend, two history, matching and worker service processes on 8 shards, two
 * API replicas and two workers of ours. Prints the URLs; Ctrl-C (or SIGTERM) stops everything.
 */
import { join, resolve } from 'node:path';
import { ConfigError, exitOnConfigError } from '../config/config';
import { distRunner } from './cluster/app-processes';
import { startCluster, type Cluster } from './cluster/cluster';
import { projectRoot } from './cluster/paths';
import { fixedPorts } from './cluster/ports';

/** Fixed once the cluster's database exists: change it only together with a fresh CLUSTER data folder. */
export const CLUSTER_HISTORY_SHARDS = 8;
const HISTORY_PROCESSES = 2;
const API_REPLICAS = 2;
const WORKERS = 2;

const log = (line: string) => process.stdout.write(`[cluster] ${line}\n`);

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || +raw < 1 || +raw > 65000) throw new ConfigError(name, 'a TCP port between 1 and 65000', raw);
  return Number(raw);
}

let cluster: Cluster | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (cluster) {
      log('stopping every process…');
      await cluster.stop();
      log('stopped');
    }
    process.exit(code);
  }
  return new Promise<never>(() => undefined);
}

async function main(): Promise<void> {
  const started = Date.now();
  const root = projectRoot();
  const dataDir = resolve(process.env.DATA_DIR || join(root, 'data'), 'cluster');
  const ports = fixedPorts(
    {
      postgres: portFromEnv('CLUSTER_POSTGRES_PORT', 54339),
      temporal: portFromEnv('CLUSTER_TEMPORAL_PORT', 7400),
      api: portFromEnv('CLUSTER_API_PORT', 3100),
    },
    { history: HISTORY_PROCESSES, api: API_REPLICAS },
  );
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  log(`data and logs in ${dataDir}`);
  cluster = await startCluster({
    dataDir,
    ports,
    historyShards: CLUSTER_HISTORY_SHARDS,
    workers: WORKERS,
    databaseUrl: process.env.DATABASE_URL || undefined,
    appRunner: distRunner(root),
    // Without ADMIN_TOKEN the first replica generates the first admin token and prints it once.
    appEnv: { EMBEDDED_DEFAULTS: process.env.EMBEDDED_DEFAULTS ?? '1' },
    log,
  });
  const c = cluster;
  for (const p of c.processes()) {
    p.onUnexpectedExit = (how) => log(`${p.name} ended (${how}); the others keep running — see ${p.spec.logFile}`);
  }
  // The first admin token, when the first replica just generated one, is in its log: show it here.
  const announcement = /^=+\n First admin API token[\s\S]*?\n=+$/m.exec(c.apis[0].output());
  if (announcement) process.stdout.write(`${announcement[0]}\n`);

  const pid = (p: { pid?: number }) => `pid ${p.pid}`;
  log(`up in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
  log(
    `  PostgreSQL ${c.postgres.process ? '(embedded)' : '(DATABASE_URL)'} ${c.postgres.host}:${c.postgres.port}: ` +
      `temporal, temporal_visibility, ${new URL(c.databaseUrl).pathname.slice(1)}`,
  );
  log(
    `  Temporal server ${c.binaries.server.version.split(' ').pop()} (${c.binaries.server.path}), ${CLUSTER_HISTORY_SHARDS} history shards:`,
  );
  log(`    frontend  ${c.temporalAddress} (${pid(c.temporal.frontend)})`);
  c.temporal.history.forEach((h, i) => log(`    history   127.0.0.1:${ports.history[i].grpc} (${pid(h)})`));
  log(`    matching  127.0.0.1:${ports.matching.grpc} (${pid(c.temporal.matching)})`);
  log(`    worker    127.0.0.1:${ports.worker.grpc} (${pid(c.temporal.worker)})`);
  log(`  namespace ${c.namespace}, task queue ${c.taskQueue}: ${c.workers.map((w) => `${w.name} (${pid(w)})`).join(', ')}`);
  c.apis.forEach((a, i) => log(`  ${a.name}: ${c.apiUrls[i]}  (console /, API /api/v1, docs /docs, health /health; ${pid(a)})`));
  log(`  logs: ${c.logDir}`);
  log(`  Temporal CLI: temporal workflow list --address ${c.temporalAddress}`);
  log('Ctrl-C stops every process.');
}

main().catch(async (error: Error) => {
  if (error instanceof ConfigError) exitOnConfigError(error);
  process.stderr.write(`npm run cluster failed: ${error.message}\n`);
  await shutdown(1);
});
