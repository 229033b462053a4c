/**
 * `npm start` stopped as systemd, pm2, a container runtime or CI would stop it (SIGTERM to npm), and
 * the launcher stopped directly (SIGINT to it): every process it started has exited when it has, it
 * said `stopped`, and an immediate second start on the same ports and data reaches ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../src/dev/embedded-postgres';
import { eventually } from '../harness/fixtures';
import { allProcesses, descendants, isRunning, type ProcessInfo } from '../harness/process-tree';

const ROOT = resolve(__dirname, '..', '..');

interface Started {
  npm: ChildProcess;
  output: () => string;
  exited: Promise<number | string>;
}

function npmStart(env: NodeJS.ProcessEnv): Started {
  // Own process group, so what it leaves behind can be told apart from the rest of the machine.
  const npm = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  npm.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((done) => npm.once('exit', (code, signal) => done(signal ?? code ?? -1)));
  return { npm, output: () => output, exited };
}

async function waitForStarted(s: Started, api: string): Promise<void> {
  await eventually(
    async () => {
      if (s.npm.exitCode !== null) throw new Error(`npm start exited early:\n${s.output()}`);
      return s.output().includes('[start] started:') || undefined;
    },
    240_000,
    250,
  );
  expect((await fetch(`${api}/health/ready`)).status).toBe(200);
}

/** The processes npm start runs: the launcher, worker, API, Temporal dev server and PostgreSQL. */
function tree(root: number): ProcessInfo[] {
  const found = descendants(root);
  for (const part of [
    /dist\/src\/dev\/start\.js/,
    /dist\/src\/worker\/main\.js/,
    /dist\/src\/main\.js/,
    /temporal server start-dev/,
    /postgres/,
  ]) {
    expect(found.map((p) => p.command)).toEqual(expect.arrayContaining([expect.stringMatching(part)]));
  }
  return found;
}

async function expectAllGone(s: Started, started: ProcessInfo[], pgid: number): Promise<void> {
  const ending = await Promise.race([s.exited, new Promise((r) => setTimeout(() => r('still running after 60 s'), 60_000).unref())]);
  expect(ending).toBe(0);
  expect(s.output()).toContain('[start] stopped');
  expect(started.filter(isRunning).map((p) => `${p.pid} ${p.command}`)).toEqual([]);
  expect(
    allProcesses()
      .filter((p) => p.pgid === pgid && p.state !== 'Z')
      .map((p) => `${p.pid} ${p.command}`),
  ).toEqual([]);
}

describe('npm start stops cleanly', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let api: string;
  const running: Started[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'escalation-start-'));
    chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as its own user and must reach its data
    const [port, pgPort, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    api = `http://127.0.0.1:${port}`;
    env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
    Object.assign(env, { EMBEDDED_POSTGRES_PORT: String(pgPort), TEMPORAL_PORT: String(temporalPort), TEMPORAL_UI_PORT: String(uiPort) });
    for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'ADMIN_TOKEN', 'npm_lifecycle_event', 'npm_lifecycle_script']) delete env[name];
  });

  afterAll(() => {
    // Whatever a failed test left behind, npm gone or not: its whole process group.
    for (const s of running) {
      try {
        process.kill(-s.npm.pid!, 'SIGKILL');
      } catch {
        // nothing left in the group
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('SIGTERM to npm stops every process it started, then a second start reaches ready', async () => {
    const first = npmStart(env);
    running.push(first);
    await waitForStarted(first, api);
    const started = tree(first.npm.pid!);
    first.npm.kill('SIGTERM');
    await expectAllGone(first, started, first.npm.pid!);

    const second = npmStart(env);
    running.push(second);
    await waitForStarted(second, api);
    // SIGINT to the launcher itself (not npm): the same clean stop, and npm follows it out.
    const launcher = descendants(second.npm.pid!).find((p) => /dist\/src\/dev\/start\.js/.test(p.command))!;
    const secondTree = tree(second.npm.pid!);
    process.kill(launcher.pid, 'SIGINT');
    await expectAllGone(second, secondTree, second.npm.pid!);
  }, 600_000);
});
