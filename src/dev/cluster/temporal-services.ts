import { join } from 'node:path';
import { waitForFrontend } from '../../temporal/wait-for-frontend';
import { ManagedProcess } from './managed-process';
import type { ClusterPorts } from './ports';

/** Where Temporal's two databases live (both on one PostgreSQL server here). */
export interface TemporalDatabases {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  visibilityDatabase: string;
}

export interface TemporalServicesOptions {
  serverBinary: string;
  /** The folder holding the config template (deploy/temporal/config/server.yaml). */
  configDir: string;
  dynamicConfigFile: string;
  databases: TemporalDatabases;
  /** Written into the database when the cluster is created; can never change afterwards. */
  historyShards: number;
  ports: ClusterPorts;
  logDir: string;
  /** Temporal's own log level (debug, info, warn, error). */
  logLevel: string;
}

type Service = 'frontend' | 'history' | 'matching' | 'worker';

/**
 * The Temporal server as separate processes, one service each — frontend, history (one process
 * per entry of `ports.history`), matching and the worker service — all started from the one config
 * template, which the server renders from the environment given here.
 */
export class TemporalServices {
  readonly frontend: ManagedProcess;
  readonly history: ManagedProcess[];
  readonly matching: ManagedProcess;
  readonly worker: ManagedProcess;

  constructor(private readonly options: TemporalServicesOptions) {
    const { ports } = options;
    this.frontend = this.process('temporal-frontend', 'frontend', { FRONTEND_MEMBERSHIP_PORT: ports.frontend.membership });
    this.history = ports.history.map((p, i) =>
      this.process(`temporal-history-${i + 1}`, 'history', { HISTORY_GRPC_PORT: p.grpc, HISTORY_MEMBERSHIP_PORT: p.membership }),
    );
    this.matching = this.process('temporal-matching', 'matching', {
      MATCHING_GRPC_PORT: ports.matching.grpc,
      MATCHING_MEMBERSHIP_PORT: ports.matching.membership,
    });
    this.worker = this.process('temporal-worker', 'worker', {
      WORKER_GRPC_PORT: ports.worker.grpc,
      WORKER_MEMBERSHIP_PORT: ports.worker.membership,
    });
  }

  /** The frontend, which clients (our API and workers) dial. */
  get address(): string {
    return `127.0.0.1:${this.options.ports.frontend.grpc}`;
  }

  get all(): ManagedProcess[] {
    return [...this.history, this.matching, this.frontend, this.worker];
  }

  private process(name: string, service: Service, own: Record<string, number>): ManagedProcess {
    const { databases: db, ports } = this.options;
    // A clean environment: only what the template reads (our own LOG_LEVEL, say, means something else).
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NUM_HISTORY_SHARDS: String(this.options.historyShards),
      POSTGRES_SEEDS: db.host,
      DB_PORT: String(db.port),
      POSTGRES_USER: db.user,
      POSTGRES_PWD: db.password,
      DBNAME: db.database,
      VISIBILITY_DBNAME: db.visibilityDatabase,
      // Five processes share one PostgreSQL with our own pools: keep Temporal's small.
      SQL_MAX_CONNS: '10',
      SQL_MAX_IDLE_CONNS: '10',
      SQL_VIS_MAX_CONNS: '5',
      SQL_VIS_MAX_IDLE_CONNS: '5',
      DYNAMIC_CONFIG_FILE_PATH: this.options.dynamicConfigFile,
      LOG_LEVEL: this.options.logLevel,
      BIND_ON_IP: '127.0.0.1',
      FRONTEND_GRPC_PORT: String(ports.frontend.grpc),
      FRONTEND_HTTP_PORT: String(ports.frontend.http),
      ...Object.fromEntries(Object.entries(own).map(([k, v]) => [k, String(v)])),
    };
    return new ManagedProcess({
      name,
      command: this.options.serverBinary,
      args: ['--root', '/', '--config', this.options.configDir, '--env', 'server', '--allow-no-auth', 'start', '--service', service],
      env,
      logFile: join(this.options.logDir, `${name}.log`),
      // A history process hands its shards over on SIGTERM; give it the time.
      stopTimeoutMs: 30_000,
    });
  }

  /** Starts every service and waits until the frontend answers. */
  async start(timeoutMs = 60_000): Promise<void> {
    for (const p of this.all) p.start();
    await this.waitServing(timeoutMs);
  }

  async waitServing(timeoutMs = 60_000): Promise<void> {
    const exited = () => this.all.find((p) => !p.running)?.name;
    await waitForFrontend(
      this.address,
      () => {
        const name = exited();
        return name ? `${name} is not running; see ${join(this.options.logDir, `${name}.log`)}` : undefined;
      },
      timeoutMs,
    );
  }

  /** Stops every service (SIGTERM, in parallel) and waits for each. */
  async stop(): Promise<void> {
    await Promise.all(this.all.map((p) => p.stop()));
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((p) => p.close()));
  }
}
