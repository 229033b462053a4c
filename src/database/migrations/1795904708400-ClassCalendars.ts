import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-class calendars (issue 14 item 2): a jsonb map severity class → calendar id, NULL for the
 * contracts whose classes all run on calendar_id (every existing contract).
 */
export class ClassCalendars1795904708400 implements MigrationInterface {
  name = 'ClassCalendars1795904708400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contracts ADD COLUMN class_calendars jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contracts DROP COLUMN class_calendars`);
  }
}
