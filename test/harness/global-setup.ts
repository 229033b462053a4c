/**
 * Starts the real servers once per test run: a PostgreSQL (embedded unless DATABASE_URL is set;
 * either way a fresh database for this run), a Temporal dev server through the resolved CLI,
 * and one prebuilt workflow bundle. Test files only connect to what this publishes in env.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { ROLES } from '../../src/auth/roles';
import { generateSecret, hashSecret } from '../../src/auth/token-secret';
import { runMigrations } from '../../src/database/migrate';
import { freePort, startEmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { resolveTemporalCli, toSdkExecutable } from '../../src/temporal/temporal-cli';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/incident/definitions';
import globalTeardown from './global-teardown';

export interface HarnessState {
  temporal: TestWorkflowEnvironment;
  stopPostgres?: () => Promise<void>;
  dropDatabase?: () => Promise<void>;
  workDir: string;
}

async function createRunDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `escalation_test_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The API token every test app's `t.http` sends (all four roles), shared by the run's test files. */
export const DEFAULT_TEST_TOKEN_NAME = 'eng:li.na';

/**
 * Secrets shared by every test file of the run: the ADMIN_TOKEN each test app bootstraps (same
 * secret everywhere, so parallel apps agree on the `bootstrap-admin` row), and the default token.
 * The default token is named like the actor the harness's step helper claims, because the server
 * records a step under its token's name (an acknowledging actor becomes an assignee).
 */
async function seedTokens(databaseUrl: string): Promise<{ admin: string; default: string }> {
  const tokens = { admin: generateSecret(), default: generateSecret() };
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`INSERT INTO api_tokens (id, name, roles, token_hash) VALUES ($1, $2, $3, $4)`, [
      randomUUID(),
      DEFAULT_TEST_TOKEN_NAME,
      [...ROLES],
      hashSecret(tokens.default),
    ]);
  } finally {
    await db.end();
  }
  return tokens;
}

/**
 * Jest runs no global teardown when it is interrupted (Ctrl-C, SIGTERM from CI or a timeout):
 * the servers would outlive the run. Stop them, then end as the signal would have.
 */
function stopServersOnSignal(log: (line: string) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the test servers`);
      void globalTeardown()
        .catch((error: Error) => log(`teardown: ${error.message}`))
        .finally(() => process.exit(128 + constants.signals[signal]));
    });
  }
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const log = (line: string) => process.stderr.write(`[harness] ${line}\n`);
  const workDir = mkdtempSync(join(tmpdir(), 'escalation-test-'));
  // As root, PostgreSQL runs as its own user, which must be able to reach its data folder.
  chmodSync(workDir, 0o755);
  const state: Partial<HarnessState> = { workDir };
  // Published at once and filled as each server comes up, so an interrupted run stops what it has.
  (globalThis as { __harness?: Partial<HarnessState> }).__harness = state;
  stopServersOnSignal(log);

  const [postgres, temporal, bundlePath] = await Promise.all([
    (async () => {
      if (process.env.DATABASE_URL) {
        const db = await createRunDatabase(process.env.DATABASE_URL);
        state.dropDatabase = db.drop;
        return db.url;
      }
      const pg = await startEmbeddedPostgres({
        dir: join(workDir, 'pg'),
        port: await freePort(),
        database: 'escalation_test',
        persistent: false,
        log,
      });
      state.stopPostgres = pg.stop;
      return pg.url;
    })(),
    (async () => {
      const exe = await resolveTemporalCli(log);
      log(`Temporal CLI: ${exe.type === 'existing-path' ? exe.path : 'SDK download'} (${exe.source})`);
      state.temporal = await TestWorkflowEnvironment.createLocal({
        server: {
          executable: toSdkExecutable(exe),
          ip: '127.0.0.1',
          searchAttributes: SEARCH_ATTRIBUTE_KEYS,
          log: { format: 'pretty', level: 'error' },
        },
      });
      return state.temporal;
    })(),
    (async () => {
      const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: new DefaultLogger('WARN') });
      const path = join(workDir, 'workflow-bundle.js');
      writeFileSync(path, code);
      return path;
    })(),
  ]);
  await runMigrations(postgres);
  const tokens = await seedTokens(postgres);

  process.env.TEST_DATABASE_URL = postgres;
  process.env.TEST_TEMPORAL_ADDRESS = temporal.address;
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
  process.env.TEST_ADMIN_TOKEN = tokens.admin;
  process.env.TEST_API_TOKEN = tokens.default;
  log(`servers ready in ${Date.now() - started} ms (PostgreSQL ${new URL(postgres).host}, Temporal ${temporal.address})`);
}
