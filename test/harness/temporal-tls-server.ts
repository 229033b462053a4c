/**
 * The real Temporal server (v1.29.1, the release the cluster profile runs) as one process with all
 * four services, its frontend demanding mutual TLS with the test PKI. Persistence is SQLite in
 * memory (schema created at start, one history shard): nothing outlives the process. Temporal's own
 * services reach the frontend with the same CA and a client certificate (global.tls.systemWorker).
 */
import { Connection, type TLSConfig } from '@temporalio/client';
import { grpc } from '@temporalio/proto';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../src/common/free-port';
import { ensureNamespace } from '../../src/dev/cluster/namespace';
import { resolveTemporalServerBinaries } from '../../src/temporal/temporal-server-binaries';
import { SERVER_NAME, type TestPki } from './tls';

export interface TemporalTlsServer {
  /** The frontend's gRPC address (TLS only, client certificate required). */
  address: string;
  /** The server's stdout and stderr so far (its log). */
  log(): string;
  close(): Promise<void>;
}

const sqlite = (name: string) => ({
  sql: {
    pluginName: 'sqlite',
    databaseName: name,
    connectAddr: 'localhost',
    connectProtocol: 'tcp',
    // mode=memory creates the schema on connect; private cache: one database per store.
    connectAttributes: { mode: 'memory', cache: 'private' },
    maxConns: 1,
    maxIdleConns: 1,
    maxConnLifetime: '1h',
  },
});

/** Written as JSON, which is YAML: the server reads `<root>/<config>/<env>.yaml`. */
function serverConfig(pki: TestPki, ports: number[]): object {
  const [frontend, http, ...rest] = ports;
  const rpc = (grpcPort: number, membershipPort: number) => ({ grpcPort, membershipPort, bindOnIP: '127.0.0.1' });
  const frontendClient = { serverName: SERVER_NAME, rootCaFiles: [pki.caCert] };
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      numHistoryShards: 1,
      defaultStore: 'sqlite-default',
      visibilityStore: 'sqlite-visibility',
      datastores: { 'sqlite-default': sqlite('default'), 'sqlite-visibility': sqlite('visibility') },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      pprof: { port: 0 },
      tls: {
        frontend: {
          server: { certFile: pki.serverCert, keyFile: pki.serverKey, clientCaFiles: [pki.caCert], requireClientAuth: true },
          // Internal clients of the frontend (history, matching) verify it with the test CA.
          client: frontendClient,
        },
        // The worker service (system workflows) is a client of the frontend like any other: it needs a certificate.
        systemWorker: { certFile: pki.clientCert, keyFile: pki.clientKey, client: frontendClient },
      },
    },
    services: {
      frontend: { rpc: { ...rpc(frontend, rest[0]), httpPort: http } },
      history: { rpc: rpc(rest[1], rest[2]) },
      matching: { rpc: rpc(rest[3], rest[4]) },
      worker: { rpc: rpc(rest[5], rest[6]) },
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${frontend}`,
          httpAddress: `127.0.0.1:${http}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
  };
}

async function serving(address: string, tls: TLSConfig): Promise<boolean> {
  const connection = await Connection.connect({ address, tls, connectTimeout: '2s' }).catch(() => undefined);
  if (!connection) return false;
  try {
    const health = await connection.healthService.check({}).catch(() => undefined);
    return health?.status === grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;
  } finally {
    await connection.close();
  }
}

/**
 * Starts the server in `dir`, waits (polling over mTLS) until its frontend answers, then registers
 * the `default` namespace and the workflows' search attributes over the same mTLS connection.
 */
export async function startTemporalTlsServer(pki: TestPki, dir: string): Promise<TemporalTlsServer> {
  const { server } = await resolveTemporalServerBinaries((line) => process.stderr.write(`[temporal-tls] ${line}\n`));
  const ports: number[] = [];
  while (ports.length < 9) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(join(dir, 'config', 'tls-test.yaml'), JSON.stringify(serverConfig(pki, ports), null, 2));
  const logPath = join(dir, 'temporal-server.log');
  const out = openSync(logPath, 'a');
  const child: ChildProcess = spawn(
    server.path,
    [
      '--root',
      dir,
      '--config',
      'config',
      '--env',
      'tls-test',
      '--allow-no-auth',
      'start',
      ...['frontend', 'history', 'matching', 'worker'].flatMap((s) => ['--service', s]),
    ],
    { stdio: ['ignore', out, out] },
  );
  closeSync(out); // the child holds its own copy
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = `exited (${signal ?? code})`;
      resolve();
    }),
  );
  const log = () => readFileSync(logPath, 'utf8');
  const address = `127.0.0.1:${ports[0]}`;
  const tls = {
    serverNameOverride: SERVER_NAME,
    serverRootCACertificate: readFileSync(pki.caCert),
    clientCertPair: { crt: readFileSync(pki.clientCert), key: readFileSync(pki.clientKey) },
  };
  const close = async () => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(killer);
    }
  };
  try {
    // Polls the health service over mTLS; a server that exits (bad config) fails at once with its log.
    // 40 s: inside the 60 s hook timeout, so a slow start fails with the server's log, not a bare timeout.
    for (const deadline = Date.now() + 40_000; ;) {
      if (exited) throw new Error(`Temporal server ${exited}:\n${log().slice(-4000)}`);
      if (await serving(address, tls)) break;
      if (Date.now() > deadline) throw new Error(`Temporal server not serving at ${address} within 40 s:\n${log().slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await ensureNamespace({ address, namespace: 'default', retentionDays: 1, connection: { tls }, log: () => undefined });
  } catch (error) {
    await close();
    throw error;
  }
  return { address, log, close };
}
