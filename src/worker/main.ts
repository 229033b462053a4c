import 'reflect-metadata';
import { NativeConnection } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { exitOnConfigError, loadConfig, type AppConfig } from '../config/config';
import { buildDataSourceOptions } from '../database/data-source-options';
import { createIncidentWorker } from './worker-factory';

/** Production entry point of the worker process: configured only by environment. */
async function main(config: AppConfig): Promise<void> {
  const dataSource = new DataSource(buildDataSourceOptions(config.databaseUrl, config.databasePoolSize));
  await dataSource.initialize().catch((error: Error) => {
    throw new Error(`Cannot connect to PostgreSQL at DATABASE_URL: ${error.message}`);
  });
  const connection = await NativeConnection.connect({ address: config.temporalAddress }).catch((error: Error) => {
    throw new Error(`Cannot connect to Temporal at TEMPORAL_ADDRESS=${config.temporalAddress}: ${error.message}`);
  });
  const worker = await createIncidentWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    dataSource,
    workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH || undefined,
  });
  console.log(`Worker polling task queue ${config.taskQueue} on ${config.temporalAddress} (namespace ${config.temporalNamespace})`);
  // The SDK shuts the worker down gracefully on SIGINT/SIGTERM; run() resolves after that.
  await worker.run();
  await connection.close();
  await dataSource.destroy();
}

let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  exitOnConfigError(error);
}
main(config).catch((error: Error) => {
  console.error(`Worker failed: ${error.message}`);
  process.exit(1);
});
