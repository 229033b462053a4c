import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Manual ledger adjustments with maker–checker (issue 14 item 7): compensation, damages and cost
 * deductions the letters promise without a rate. A finance user proposes one (ledger_adjustments);
 * a second, different finance user approves or rejects it. Only an approval posts it, as one
 * append-only ledger_entries row of kind 'adjustment'. Rows that do not count against the cap say so
 * (counts_against_cap), so the cap sum of the ledger activity leaves them out. Existing rows are
 * rate-based accruals, reversals and corrections: they all count against the cap (the default).
 */
export class LedgerAdjustments1795904708252 implements MigrationInterface {
  name = 'LedgerAdjustments1795904708252';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_adjustments (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contracts(id),
        incident_id uuid REFERENCES incidents(id),
        amount numeric(20, 4) NOT NULL CHECK (amount <> 0),
        currency char(3) NOT NULL,
        reason text NOT NULL,
        reference text NOT NULL,
        counts_against_cap boolean NOT NULL,
        status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'rejected')),
        proposed_by_token_id uuid NOT NULL,
        proposed_by text NOT NULL,
        proposed_at timestamptz NOT NULL DEFAULT now(),
        decided_by_token_id uuid,
        decided_by text,
        decided_at timestamptz,
        decision_note text,
        posted_amount numeric(20, 4),
        cap_applied boolean,
        ledger_entry_id bigint,
        -- Maker–checker, in the database too: the proposer never decides.
        CONSTRAINT ledger_adjustments_four_eyes CHECK (decided_by_token_id IS NULL OR decided_by_token_id <> proposed_by_token_id),
        CONSTRAINT ledger_adjustments_decided CHECK ((status = 'proposed') = (decided_at IS NULL))
      )`);
    await q.query(`CREATE INDEX ledger_adjustments_contract_idx ON ledger_adjustments (contract_id, proposed_at, id)`);
    await q.query(`ALTER TABLE ledger_entries ALTER COLUMN incident_id DROP NOT NULL`);
    await q.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check`);
    await q.query(
      `ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check CHECK (kind IN ('accrual', 'reversal', 'correction', 'adjustment'))`,
    );
    await q.query(`ALTER TABLE ledger_entries ADD COLUMN adjustment_id uuid REFERENCES ledger_adjustments(id)`);
    await q.query(`ALTER TABLE ledger_entries ADD COLUMN counts_against_cap boolean NOT NULL DEFAULT true`);
    // Rate-based rows always belong to an incident; only an adjustment may stand for the contract alone.
    await q.query(
      `ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_adjustment_shape CHECK (
         (kind = 'adjustment') = (adjustment_id IS NOT NULL) AND (kind = 'adjustment' OR (incident_id IS NOT NULL AND counts_against_cap)))`,
    );
    await q.query(`CREATE UNIQUE INDEX ledger_entries_adjustment_idx ON ledger_entries (adjustment_id) WHERE adjustment_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ledger_entries_adjustment_idx`);
    await q.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_adjustment_shape`);
    await q.query(`ALTER TABLE ledger_entries DROP COLUMN counts_against_cap`);
    await q.query(`ALTER TABLE ledger_entries DROP COLUMN adjustment_id`);
    await q.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check`);
    await q.query(
      `ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check CHECK (kind IN ('accrual', 'reversal', 'correction'))`,
    );
    await q.query(`ALTER TABLE ledger_entries ALTER COLUMN incident_id SET NOT NULL`);
    await q.query(`DROP TABLE ledger_adjustments`);
  }
}
