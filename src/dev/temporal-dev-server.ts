import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/incident/definitions';
import { resolveTemporalCli, type TemporalExecutable } from '../temporal/temporal-cli';

export interface RunningTemporal {
  address: string;
  uiUrl: string;
  executable: TemporalExecutable;
  stop(): Promise<void>;
}

async function waitForFrontend(address: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`temporal server exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: '1s' });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (error) {
      lastError = (error as Error).message;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal dev server did not answer on ${address} within ${timeoutMs} ms: ${lastError}`);
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
  await waitForFrontend(address, child, 30_000);
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
