/**
 * A real worker in its own process (run through ts-register.js), so tests can SIGKILL it
 * mid-incident and start another. Prints "ready" once polling.
 */
import 'reflect-metadata';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { createIncidentWorker } from '../../src/worker/worker-factory';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dataSource = await new DataSource(buildDataSourceOptions(process.env.TEST_DATABASE_URL!, 5)).initialize();
  const connection = await NativeConnection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
  const worker = await createIncidentWorker({
    connection,
    namespace: 'default',
    taskQueue: process.env.WORKER_TASK_QUEUE!,
    dataSource,
    workflowBundlePath: process.env.TEST_WORKFLOW_BUNDLE!,
  });
  const running = worker.run();
  process.stdout.write('ready\n');
  await running;
}

main().catch((error) => {
  process.stderr.write(`worker-process: ${(error as Error).stack}\n`);
  process.exit(1);
});
