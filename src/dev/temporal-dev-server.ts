import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/incident/definitions';
import { resolveTemporalCli, type TemporalExecutable } from '../temporal/temporal-cli';
import { waitForFrontend } from '../temporal/wait-for-frontend';

export interface RunningTemporal {
  address: string;
  uiUrl: string;
  executable: TemporalExecutable;
  stop(): Promise<void>;
}

/**
 * The Temporal CLI's dev server on loopback, its SQLite file (WAL journal) in the data folder so
 * workflows survive a restart, with the product's search attributes registered and the Web UI on.
 */
export async function startTemporalDevServer(options: {
  dataDir: string;
  port: number;
  uiPort: number;
  log: (line: string) => void;
}): Promise<RunningTemporal> {
  const executable = await resolveTemporalCli(options.log);
  const dbDir = join(options.dataDir, 'temporal');
  mkdirSync(dbDir, { recursive: true });
  const dbFilename = join(dbDir, 'temporal.db');
  const address = `127.0.0.1:${options.port}`;
  const uiUrl = `http://127.0.0.1:${options.uiPort}`;

  if (executable.type === 'cached-download') {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download' },
        ip: '127.0.0.1',
        port: options.port,
        ui: true,
        uiPort: options.uiPort,
        dbFilename,
        extraArgs: ['--sqlite-pragma', 'journal_mode=wal'],
        searchAttributes: SEARCH_ATTRIBUTE_KEYS,
      },
    });
    return { address, uiUrl, executable, stop: () => env.teardown() };
  }

  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--db-filename',
    dbFilename,
    '--sqlite-pragma',
    'journal_mode=wal',
    '--namespace',
    'default',
    '--log-level',
    'warn',
    ...SEARCH_ATTRIBUTE_KEYS.flatMap((k) => ['--search-attribute', `${k.name}=Keyword`]),
  ];
  const child = spawn(executable.path, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) options.log(`temporal: ${line}`);
  });
  await waitForFrontend(address, () => (child.exitCode !== null ? `exit code ${child.exitCode}` : undefined), 30_000);
  return {
    address,
    uiUrl,
    executable,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
