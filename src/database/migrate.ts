import { DataSource } from 'typeorm';
import { ConfigError, exitOnConfigError } from '../config/config';
import { buildDataSourceOptions } from './data-source-options';

/** Applies pending migrations; used by `npm start`, the test harness and the compose `migrate` service. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(buildDataSourceOptions(databaseUrl, 2));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) exitOnConfigError(new ConfigError('DATABASE_URL', 'a PostgreSQL URL such as postgres://user:password@host:5432/database'));
  runMigrations(url).then(
    (names) => console.log(names.length ? `Applied migrations: ${names.join(', ')}` : 'Database schema is up to date'),
    (error: Error) => {
      console.error(`Migration failed on DATABASE_URL: ${error.message}`);
      process.exit(1);
    },
  );
}
