import { MigrationInterface, QueryRunner } from 'typeorm';
import { formatMoney } from '../../domain/penalty/money';

/**
 * Each incident keeps the exact policy version, calendar and contract terms it started with
 * (`pinned`), so reconciliation, reports and simulations judge it by what it ran under.
 *
 * Existing incidents get a provisional pin from what PostgreSQL still knows: the policy version is
 * exact; calendar and terms are the contract's current ones (`pinned_source = 'reconstructed'`).
 * The API then replaces each provisional pin with the workflow's own start input
 * (`'workflow-input'`; see PinnedSnapshotBackfill). New incidents are pinned at the report (`'report'`).
 */
export class PinnedSnapshots1766000000000 implements MigrationInterface {
  name = 'PinnedSnapshots1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incidents ADD COLUMN pinned jsonb`);
    await q.query(
      `ALTER TABLE incidents ADD COLUMN pinned_source text CHECK (pinned_source IN ('report', 'workflow-input', 'reconstructed'))`,
    );
    const rows: Array<Record<string, any>> = await q.query(
      `SELECT i.id, i.policy_id, i.policy_version, pv.definition AS policy_definition,
              c.id AS contract_id, c.customer, c.total_value::text AS total_value, c.currency, c.penalty_terms, c.webhook_url,
              c.calendar_id, cal.definition AS calendar_definition
       FROM incidents i
       JOIN contracts c ON c.id = i.contract_id
       JOIN calendars cal ON cal.id = c.calendar_id
       JOIN policy_versions pv ON pv.policy_id = i.policy_id AND pv.version = i.policy_version`,
    );
    for (const r of rows) {
      const currency = String(r.currency).trim();
      const pinned = {
        policy: { id: r.policy_id, version: r.policy_version, definition: r.policy_definition },
        calendar: { id: r.calendar_id, definition: r.calendar_definition },
        contract: {
          id: r.contract_id,
          customer: r.customer,
          totalValue: formatMoney(r.total_value, currency),
          currency,
          penalty: r.penalty_terms,
          webhookUrl: r.webhook_url,
        },
      };
      await q.query(`UPDATE incidents SET pinned = $2::jsonb, pinned_source = 'reconstructed' WHERE id = $1`, [
        r.id,
        JSON.stringify(pinned),
      ]);
    }
    await q.query(`CREATE INDEX incidents_unpinned_idx ON incidents (id) WHERE pinned_source = 'reconstructed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS incidents_unpinned_idx`);
    await q.query(`ALTER TABLE incidents DROP COLUMN pinned_source`);
    await q.query(`ALTER TABLE incidents DROP COLUMN pinned`);
  }
}
