import { exitOnConfigError, loadConfig, type AppConfig } from './config/config';
import { createApp } from './bootstrap';
import { checkDatabase } from './database/check-database';
import { checkTemporal } from './temporal/check-temporal';
import { startTracing } from './tracing/tracing';

/** Production entry point of the API process: configured only by environment. */
async function main(config: AppConfig): Promise<void> {
  // Unreachable dependencies end the process with one line, before Nest logs stack traces.
  await checkDatabase(config.databaseUrl);
  await checkTemporal(config.temporalAddress, config.temporalNamespace, config.temporalConnection);
  startTracing({ serviceName: config.otelServiceName ?? 'escalation-api', otlpEndpoint: config.otlpTracesEndpoint });
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  console.log(`API listening on http://${config.host}:${config.port} (docs at /docs)`);
}

let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  exitOnConfigError(error);
}
main(config).catch((error: Error) => {
  console.error(`API failed to start: ${error.message.split('\n')[0]}`);
  process.exit(1);
});
