import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TemporalDatabases } from './temporal-services';

const execFileAsync = promisify(execFile);

/**
 * Temporal's two databases and their schemas, by the same script docker-compose.yml runs
 * (deploy/temporal/setup-schema.sh: create-database, setup-schema, update-schema with the schema
 * embedded in the sql tool), here with the sql tool we resolved. Safe on every start.
 */
export async function applyTemporalSchema(
  options: { sqlTool: string; deployDir: string; databases: TemporalDatabases },
  log: (line: string) => void,
): Promise<void> {
  const db = options.databases;
  try {
    await execFileAsync('sh', [join(options.deployDir, 'setup-schema.sh')], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TEMPORAL_SQL_TOOL: options.sqlTool,
        SQL_PLUGIN: 'postgres12',
        SQL_HOST: db.host,
        SQL_PORT: String(db.port),
        SQL_USER: db.user,
        SQL_PASSWORD: db.password,
        DBNAME: db.database,
        VISIBILITY_DBNAME: db.visibilityDatabase,
      },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 180_000,
    });
  } catch (error) {
    const e = error as Error & { stderr?: string; stdout?: string };
    const detail = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim().split('\n').slice(-4).join(' | ');
    throw new Error(`deploy/temporal/setup-schema.sh failed: ${detail || e.message}`, { cause: error });
  }
  log(`Temporal schemas up to date in databases ${db.database} and ${db.visibilityDatabase}`);
}
