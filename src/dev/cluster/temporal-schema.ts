import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TemporalDatabases } from './temporal-services';

const execFileAsync = promisify(execFile);

/**
 * Creates Temporal's persistence and visibility databases and brings their schemas to the version
 * the server expects, with the server's own sql tool and the schema embedded in it (so the tool
 * and the schema are always the same release). Safe on every start: `create-database` of an
 * existing database, `setup-schema -v 0.0` on a versioned schema and `update-schema` with nothing
 * to apply change nothing — which is also how a server upgrade's schema changes are applied.
 */
export async function applyTemporalSchema(sqlTool: string, db: TemporalDatabases, log: (line: string) => void): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SQL_PLUGIN: 'postgres12',
    SQL_HOST: db.host,
    SQL_PORT: String(db.port),
    SQL_USER: db.user,
    SQL_PASSWORD: db.password,
  };
  const run = async (database: string, args: string[]) => {
    try {
      await execFileAsync(sqlTool, ['--database', database, ...args], { env, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 });
    } catch (error) {
      const e = error as Error & { stderr?: string; stdout?: string };
      const detail = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim().split('\n').slice(-3).join(' | ');
      throw new Error(`temporal-sql-tool --database ${database} ${args.join(' ')} failed: ${detail || e.message}`, { cause: error });
    }
  };
  for (const [database, schema] of [
    [db.database, 'postgresql/v12/temporal'],
    [db.visibilityDatabase, 'postgresql/v12/visibility'],
  ] as const) {
    await run(database, ['create-database']);
    await run(database, ['setup-schema', '--version', '0.0']);
    await run(database, ['update-schema', '--schema-name', schema]);
    log(`Temporal schema ${schema} up to date in database ${database}`);
  }
}
