/**
 * The cluster profile for the fault matrix: the same startCluster as `npm run cluster`, on free
 * ports in a temporary folder, running our API and workers from the TypeScript sources.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { generateSecret } from '../../../src/auth/token-secret';
import { buildDataSourceOptions } from '../../../src/database/data-source-options';
import type { AppRunner } from '../../../src/dev/cluster/app-processes';
import { startCluster, type Cluster } from '../../../src/dev/cluster/cluster';
import { projectRoot } from '../../../src/dev/cluster/paths';
import { freePorts } from '../../../src/dev/cluster/ports';

export const TEST_HISTORY_SHARDS = 8;

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the fault matrix through jest (its global setup builds what it needs)`);
  return value;
}

export interface TestCluster {
  cluster: Cluster;
  dataSource: DataSource;
  /** A token with the engineer, finance and admin roles. */
  token: string;
  /** Stops everything; the folder (with every process's log) is kept when `keepLogs`. */
  close(keepLogs?: boolean): Promise<void>;
}

/** `node -r test/harness/ts-register.js src/main.ts` (and the worker's main): the sources under test, not a stale dist/. */
function sourceRunner(root: string): AppRunner {
  const scripts = { api: 'src/main.ts', worker: 'src/worker/main.ts' };
  return {
    command: process.execPath,
    args: (entry) => ['-r', join(root, 'test', 'harness', 'ts-register.js'), join(root, scripts[entry])],
  };
}

export async function startTestCluster(log: (line: string) => void): Promise<TestCluster> {
  const root = projectRoot();
  const dataDir = mkdtempSync(join(tmpdir(), 'escalation-cluster-'));
  // PostgreSQL runs as its own user when we are root: it must reach its data folder.
  chmodSync(dataDir, 0o755);
  const adminToken = generateSecret();
  let cluster: Cluster | undefined;
  let dataSource: DataSource | undefined;
  try {
    cluster = await startCluster({
      dataDir,
      ports: await freePorts({ history: 2, api: 2 }),
      historyShards: TEST_HISTORY_SHARDS,
      workers: 2,
      appRunner: sourceRunner(root),
      workflowBundlePath: need('CLUSTER_WORKFLOW_BUNDLE'),
      appEnv: {
        ADMIN_TOKEN: adminToken,
        EMBEDDED_DEFAULTS: '0',
        LOG_LEVEL: 'warn',
        // High enough never to refuse the load, but every write still goes through the shared limiter's SQL.
        RATE_LIMIT_WRITES_PER_SECOND: '10000',
        RATE_LIMIT_WRITES_BURST: '10000',
      },
      log,
    });
    dataSource = await new DataSource(buildDataSourceOptions(cluster.databaseUrl, 4)).initialize();
    const res = await fetch(`${cluster.apiUrls[0]}/api/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'eng:fault-matrix', roles: ['engineer', 'finance', 'admin'] }),
    });
    if (res.status !== 201) throw new Error(`token creation failed: ${res.status} ${await res.text()}`);
    const { secret } = (await res.json()) as { secret: string };
    const started = cluster;
    const ds = dataSource;
    return {
      cluster: started,
      dataSource: ds,
      token: secret,
      close: async (keepLogs = false) => {
        await ds.destroy().catch(() => undefined);
        await started.stop();
        if (keepLogs) log(`logs of every process kept in ${join(dataDir, 'logs')}`);
        else rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await dataSource?.destroy().catch(() => undefined);
    await cluster?.stop();
    // Keep the folder (and its logs) when bring-up failed.
    log(`cluster bring-up failed; logs kept in ${join(dataDir, 'logs')}`);
    throw error;
  }
}
