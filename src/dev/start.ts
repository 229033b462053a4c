/**
 * `npm start`: the whole product on embedded defaults, for a laptop or a trial.
 * Starts (unless given) a Temporal dev server and a PostgreSQL whose data live in DATA_DIR,
 * applies migrations, then runs the worker and the API as child processes. Ctrl-C stops all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { resolve, join } from 'node:path';
import { ConfigError, loadConfig } from '../config/config';
import { checkDatabase } from '../database/check-database';
import { runMigrations } from '../database/migrate';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startTemporalDevServer } from './temporal-dev-server';

const log = (line: string) => process.stdout.write(`[start] ${line}\n`);

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || +raw < 1 || +raw > 65535) throw new ConfigError(name, 'a TCP port between 1 and 65535', raw);
  return Number(raw);
}

const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
const children: Array<{ name: string; child: ChildProcess }> = [];
let stopping = false;
/** main() while it runs: a stop waits for it, so nothing it is starting is left behind. */
let startup: Promise<void> = Promise.resolve();

/** Bounded: SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
  });
}

/**
 * Stops everything this launcher started and waits for each to exit: the worker and the API first
 * (they need the servers to drain), then the servers, newest first. Prints `stopped`, then exits.
 */
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await startup.catch(() => undefined);
  await Promise.all(children.map(({ child }) => stopChild(child, 15_000)));
  for (const { name, stop } of stops.reverse()) {
    await stop().catch((error: Error) => log(`${name} stop: ${error.message}`));
  }
  log('stopped');
  process.exit(code);
}

/** A signal that arrived while main() was starting something: stop there, shutdown() takes over. */
class Stopping extends Error {}
function checkpoint(): void {
  if (stopping) throw new Stopping('stopping');
}

async function main(): Promise<void> {
  const dataDir = resolve(process.env.DATA_DIR || 'data');

  // Embedded defaults: with no ADMIN_TOKEN the API generates the first admin token and prints it once.
  const env: NodeJS.ProcessEnv = { EMBEDDED_DEFAULTS: '1', ...process.env };
  const started: string[] = [];

  if (env.DATABASE_URL) {
    await checkDatabase(env.DATABASE_URL);
  } else {
    const pg = await startEmbeddedPostgres({
      dir: join(dataDir, 'postgres'),
      port: intFromEnv('EMBEDDED_POSTGRES_PORT', 54329),
      database: 'escalation',
      persistent: true,
      log,
    });
    stops.push({ name: 'postgres', stop: pg.stop });
    checkpoint();
    env.DATABASE_URL = pg.url;
    started.push(`PostgreSQL (embedded) on 127.0.0.1:${pg.port}, data in ${join(dataDir, 'postgres')}`);
  }

  let temporalUi = '(external Temporal: see its own UI)';
  if (!env.TEMPORAL_ADDRESS) {
    const temporal = await startTemporalDevServer({
      dataDir,
      port: intFromEnv('TEMPORAL_PORT', 7233),
      uiPort: intFromEnv('TEMPORAL_UI_PORT', 8233),
      log,
    });
    stops.push({ name: 'temporal', stop: temporal.stop });
    checkpoint();
    env.TEMPORAL_ADDRESS = temporal.address;
    temporalUi = temporal.uiUrl;
    started.push(
      `Temporal dev server on ${temporal.address} (${temporal.executable.type === 'existing-path' ? temporal.executable.path : 'SDK download'}, via ${temporal.executable.source}), data in ${join(dataDir, 'temporal')}`,
    );
  }

  const config = loadConfig(env);
  const applied = await runMigrations(config.databaseUrl);
  log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');

  // One workflow bundle per start, as the Docker image does: the worker starts faster and lighter.
  const bundlePath = join(dataDir, 'workflow-bundle.js');
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: new DefaultLogger('WARN') });
  writeFileSync(bundlePath, code);
  env.WORKFLOW_BUNDLE_PATH ||= bundlePath;
  checkpoint();

  const spawnChild = (name: string, script: string) => {
    const child = spawn(process.execPath, [join(__dirname, '..', '..', script)], { env, stdio: 'inherit' });
    children.push({ name, child });
    child.once('exit', (code, signal) => {
      if (!stopping) {
        log(`${name} exited (${signal ?? code}); stopping everything`);
        void shutdown(1);
      }
    });
  };
  spawnChild('worker', 'src/worker/main.js');
  spawnChild('api', 'src/main.js');

  const api = `http://127.0.0.1:${config.port}`;
  await waitForReady(`${api}/health/ready`, 60_000);
  checkpoint();
  started.push(`worker on task queue ${config.taskQueue}`, `API on ${api}`);
  log('started:');
  for (const line of started) log(`  - ${line}`);
  log(`Console:      ${api}/`);
  log(`API:          ${api}/api/v1`);
  log(`OpenAPI docs: ${api}/docs  (JSON: ${api}/docs-json)`);
  log(`Health:       ${api}/health  (liveness: /health/live, readiness: /health/ready)`);
  log(`Temporal UI:  ${temporalUi}`);
  log('Ctrl-C (or SIGTERM) stops everything; the next `npm start` finds the same data again.');
}

/** Ready: PostgreSQL and Temporal answer and the worker polls (the API's /health/ready). */
async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  checkpoint();
  throw new Error(`the API did not report ready at ${url} within ${timeoutMs / 1000} s`);
}

// SIGHUP too: a closed terminal must not leave the servers behind.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));
startup = main();
startup.catch(async (error: Error) => {
  if (error instanceof Stopping) return;
  // Said first: shutdown() ends the process.
  if (error instanceof ConfigError) process.stderr.write(`Configuration error: ${error.message}\n`);
  else process.stderr.write(`npm start failed: ${error.message.split('\n')[0]}\n`);
  await shutdown(error instanceof ConfigError ? 78 : 1);
});
