import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contract's customer-caused exclusion causes (issue 14 item 6): a jsonb list of labels, NULL for
 * the contracts that have none (any cause given by the exclude step is taken as is).
 */
export class ExclusionCauses1795904708300 implements MigrationInterface {
  name = 'ExclusionCauses1795904708300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contracts ADD COLUMN exclusion_causes jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contracts DROP COLUMN exclusion_causes`);
  }
}
