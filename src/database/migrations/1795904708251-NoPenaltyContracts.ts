import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contract may carry no money (issue 14 item 1): most letters promise response and repair times
 * and no penalty. penalty_terms becomes nullable (SQL NULL = no penalty terms); existing rows keep theirs.
 */
export class NoPenaltyContracts1795904708251 implements MigrationInterface {
  name = 'NoPenaltyContracts1795904708251';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contracts ALTER COLUMN penalty_terms DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contracts ALTER COLUMN penalty_terms SET NOT NULL`);
  }
}
