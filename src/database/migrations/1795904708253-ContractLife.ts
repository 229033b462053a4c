import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contract has a life (issue 14 item 9): a status (active, suspended, terminated — never deleted,
 * its ledger and history stay) with the reason and instant of its last change; the force-majeure
 * pauses of its incidents, which extend its end date; and, on an incident reported outside the
 * term, the admin's recorded override. Existing contracts are active.
 */
export class ContractLife1795904708253 implements MigrationInterface {
  name = 'ContractLife1795904708253';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE contracts ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'terminated'))`,
    );
    await q.query(`ALTER TABLE contracts ADD COLUMN status_reason text`);
    await q.query(`ALTER TABLE contracts ADD COLUMN status_changed_at timestamptz`);
    await q.query(`
      CREATE TABLE contract_force_majeure (
        incident_id uuid NOT NULL REFERENCES incidents(id),
        contract_id uuid NOT NULL REFERENCES contracts(id),
        paused_from timestamptz NOT NULL,
        paused_to timestamptz NOT NULL CHECK (paused_to >= paused_from),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (incident_id, paused_from)
      )`);
    await q.query(`CREATE INDEX contract_force_majeure_contract_idx ON contract_force_majeure (contract_id, paused_from)`);
    await q.query(`ALTER TABLE incidents ADD COLUMN term_override jsonb`);
    // Force-majeure pauses already resumed before this migration extend their contracts too.
    await q.query(`
      INSERT INTO contract_force_majeure (incident_id, contract_id, paused_from, paused_to)
      SELECT i.id, i.contract_id, timestamptz 'epoch' + (p->>'from')::bigint * interval '1 millisecond',
             timestamptz 'epoch' + (p->>'to')::bigint * interval '1 millisecond'
      FROM incidents i, jsonb_array_elements(COALESCE(i.state->'pauses', '[]'::jsonb)) p
      WHERE p->>'reason' = 'force_majeure' AND jsonb_typeof(p->'to') = 'number'
      ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incidents DROP COLUMN term_override`);
    await q.query(`DROP TABLE contract_force_majeure`);
    await q.query(`ALTER TABLE contracts DROP COLUMN status_changed_at`);
    await q.query(`ALTER TABLE contracts DROP COLUMN status_reason`);
    await q.query(`ALTER TABLE contracts DROP COLUMN status`);
  }
}
