import 'reflect-metadata';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { freePort } from '../common/free-port';
import { serveWorkerMetrics, WorkerMetrics } from '../metrics/worker-metrics';
import { startTracing, tracingPlugins } from '../tracing/tracing';
import { DataSource } from 'typeorm';
import { exitOnConfigError, loadConfig, type AppConfig } from '../config/config';
import { checkDatabase } from '../database/check-database';
import { buildDataSourceOptions } from '../database/data-source-options';
import { checkTemporal } from '../temporal/check-temporal';
import { describeConnection } from '../config/temporal-connection';
import { createIncidentWorker } from './worker-factory';

/** Production entry point of the worker process: configured only by environment. */
async function main(config: AppConfig): Promise<void> {
  const metrics = new WorkerMetrics();
  const served = config.workerMetricsPort === undefined ? undefined : await serveMetrics(config, config.workerMetricsPort, metrics);
  await checkDatabase(config.databaseUrl);
  await checkTemporal(config.temporalAddress, config.temporalNamespace, config.temporalConnection);
  const tracing = startTracing({ serviceName: config.otelServiceName ?? 'escalation-worker', otlpEndpoint: config.otlpTracesEndpoint });
  const dataSource = await new DataSource(buildDataSourceOptions(config.databaseUrl, config.databasePoolSize)).initialize();
  const connection = await NativeConnection.connect({ address: config.temporalAddress, ...config.temporalConnection }).catch(
    (error: Error) => {
      throw new Error(`Cannot connect to Temporal at TEMPORAL_ADDRESS=${config.temporalAddress}: ${error.message}`);
    },
  );
  const worker = await createIncidentWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    dataSource,
    workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH || undefined,
    activityDeps: { observe: metrics.observer },
    plugins: tracingPlugins(),
  });
  console.log(
    `Worker polling task queue ${config.taskQueue} on ${config.temporalAddress} (namespace ${config.temporalNamespace}, ${describeConnection(config.temporalConnection)})`,
  );
  // The SDK shuts the worker down gracefully on SIGINT/SIGTERM; run() resolves after that.
  await worker.run();
  await connection.close();
  await dataSource.destroy();
  await served?.close();
  await tracing?.shutdown(); // flushes the spans still buffered
}

/**
 * The SDK runtime exports its own metrics on a private loopback port (installed before any
 * connection); the worker's /metrics serves them with the product's counters.
 */
async function serveMetrics(config: AppConfig, port: number, metrics: WorkerMetrics) {
  const sdkPort = await freePort();
  Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${sdkPort}`, countersTotalSuffix: true } } } });
  const served = await serveWorkerMetrics({ metrics, host: config.host, port, sdkMetricsUrl: `http://127.0.0.1:${sdkPort}/metrics` });
  console.log(`Worker metrics at ${served.url}`);
  return served;
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
