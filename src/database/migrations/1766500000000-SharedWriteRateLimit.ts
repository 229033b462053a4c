import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The write rate limit's state, shared by every API replica: one row per API token holding its
 * theoretical arrival time (GCRA, a token bucket kept as one instant). UNLOGGED: no WAL for a
 * row written on every request; after a PostgreSQL crash the table comes back empty, which only
 * hands every token a fresh burst.
 */
export class SharedWriteRateLimit1766500000000 implements MigrationInterface {
  name = 'SharedWriteRateLimit1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE api_write_rate (
        token_id uuid PRIMARY KEY,
        tat timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS api_write_rate`);
  }
}
