import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incident steps are audited by the activity that writes their timeline events, in the same
 * transaction: a step never exists without its audit row, nor the reverse. `source_key`
 * (workflow id + event seq) makes a retried activity write each row once.
 */
export class AuditWithTheTimeline1766600000000 implements MigrationInterface {
  name = 'AuditWithTheTimeline1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ADD COLUMN source_key text`);
    await q.query(`CREATE UNIQUE INDEX audit_log_source_key_idx ON audit_log (source_key) WHERE source_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_log_source_key_idx`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN source_key`);
  }
}
