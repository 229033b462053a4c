import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spare loans (Hengzhong: the spare is lent until the faulty goods are repaired): the loan, the
 * repaired unit's return and the spare's recovery, per contract. Never deleted: a loan is a record.
 */
export class SpareLoans1766700000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE spare_loans (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contracts (id),
        incident_id uuid REFERENCES incidents (id),
        spare_unit text NOT NULL,
        faulty_unit text NOT NULL,
        lent_at timestamptz NOT NULL,
        repaired_returned_at timestamptz,
        spare_recovered_at timestamptz,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (repaired_returned_at IS NULL OR repaired_returned_at >= lent_at),
        CHECK (spare_recovered_at IS NULL OR (repaired_returned_at IS NOT NULL AND spare_recovered_at >= repaired_returned_at))
      )`);
    await q.query(`CREATE INDEX spare_loans_open_idx ON spare_loans (contract_id, lent_at) WHERE spare_recovered_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE spare_loans`);
  }
}
