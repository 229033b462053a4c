import { Connection } from '@temporalio/client';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process';

export type AppEntry = 'api' | 'worker';

/** How to run our own processes: the built `dist/` for the profile, the TypeScript sources in tests. */
export interface AppRunner {
  command: string;
  args(entry: AppEntry): string[];
}

/** `node dist/src/main.js` and `node dist/src/worker/main.js` under `root`. */
export function distRunner(root: string): AppRunner {
  const scripts: Record<AppEntry, string> = { api: 'dist/src/main.js', worker: 'dist/src/worker/main.js' };
  return { command: process.execPath, args: (entry) => [join(root, scripts[entry])] };
}

export function appProcess(name: string, runner: AppRunner, entry: AppEntry, env: NodeJS.ProcessEnv, logDir: string): ManagedProcess {
  return new ManagedProcess({
    name,
    command: runner.command,
    args: runner.args(entry),
    env,
    logFile: join(logDir, `${name}.log`),
    // The worker finishes its running activities on SIGTERM before it exits.
    stopTimeoutMs: 30_000,
  });
}

export async function waitHealthy(url: string, process: ManagedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (!process.running) throw new Error(`${process.name} exited before ${url} was healthy:\n${process.tail()}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${process.name} not healthy at ${url}/health within ${timeoutMs / 1000} s (${last}):\n${process.tail()}`);
}

/** Waits until every one of `workers` polls the task queue (the SDK's identity starts with the pid). */
export async function waitPolling(
  options: { address: string; namespace: string; taskQueue: string },
  workers: ManagedProcess[],
  timeoutMs: number,
): Promise<void> {
  const connection = await Connection.connect({ address: options.address });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const gone = workers.find((w) => !w.running);
      if (gone) throw new Error(`${gone.name} exited before polling:\n${gone.tail()}`);
      const { pollers } = await connection.workflowService
        .describeTaskQueue({ namespace: options.namespace, taskQueue: { name: options.taskQueue } })
        .catch(() => ({ pollers: [] }));
      const identities = (pollers ?? []).map((p) => p.identity ?? '');
      if (workers.every((w) => identities.some((id) => id.startsWith(`${w.pid}@`)))) return;
      if (Date.now() > deadline) {
        throw new Error(`workers ${workers.map((w) => w.name).join(', ')} not polling ${options.taskQueue} within ${timeoutMs / 1000} s`);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  } finally {
    await connection.close();
  }
}
