import { MigrationInterface, QueryRunner } from 'typeorm';

/** The whole first schema: admin data, the incident read model and timeline, and the penalty ledger. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendars (
        id text PRIMARY KEY,
        name text NOT NULL UNIQUE,
        definition jsonb NOT NULL,
        built_in boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE policies (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        current_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE policy_versions (
        policy_id uuid NOT NULL REFERENCES policies(id),
        version integer NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (policy_id, version)
      )`);
    await q.query(`
      CREATE TABLE contracts (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        customer text NOT NULL,
        total_value numeric(20, 4) NOT NULL CHECK (total_value >= 0),
        currency char(3) NOT NULL,
        calendar_id text NOT NULL REFERENCES calendars(id),
        policy_id uuid NOT NULL REFERENCES policies(id),
        penalty_terms jsonb NOT NULL,
        starts_on date,
        ends_on date,
        webhook_url text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE incidents (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        contract_id uuid NOT NULL REFERENCES contracts(id),
        severity text NOT NULL,
        description text NOT NULL,
        reported_at timestamptz NOT NULL,
        policy_id uuid NOT NULL,
        policy_version integer NOT NULL,
        status text NOT NULL,
        rung text NOT NULL,
        stage text NOT NULL,
        next_due_at timestamptz,
        breach_count integer NOT NULL DEFAULT 0,
        projection_seq integer NOT NULL DEFAULT 0,
        state jsonb,
        idempotency_key text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX incidents_contract_idx ON incidents (contract_id)`);
    await q.query(`CREATE INDEX incidents_status_due_idx ON incidents (status, next_due_at)`);
    await q.query(`
      CREATE TABLE incident_timeline (
        id bigserial PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incidents(id),
        workflow_id text NOT NULL,
        seq integer NOT NULL,
        kind text NOT NULL,
        at timestamptz NOT NULL,
        actor text,
        data jsonb NOT NULL DEFAULT '{}',
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workflow_id, seq)
      )`);
    await q.query(`CREATE INDEX incident_timeline_incident_idx ON incident_timeline (incident_id, seq)`);
    await q.query(`
      CREATE TABLE notifications (
        idempotency_key text PRIMARY KEY,
        incident_id uuid NOT NULL,
        kind text NOT NULL,
        channel text NOT NULL,
        target text,
        payload jsonb NOT NULL,
        delivered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE fault_reports (
        incident_id uuid PRIMARY KEY REFERENCES incidents(id),
        report jsonb NOT NULL,
        markdown text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE ledger_entries (
        id bigserial PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contracts(id),
        incident_id uuid NOT NULL REFERENCES incidents(id),
        kind text NOT NULL CHECK (kind IN ('accrual', 'reversal', 'correction')),
        period_index integer NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        amount numeric(20, 4) NOT NULL,
        currency char(3) NOT NULL,
        rate numeric(12, 8) NOT NULL,
        basis_amount numeric(20, 4) NOT NULL,
        cap_applied boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        workflow_id text NOT NULL,
        run_id text NOT NULL,
        idempotency_key text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX ledger_contract_created_idx ON ledger_entries (contract_id, created_at, id)`);
    await q.query(`CREATE INDEX ledger_incident_idx ON ledger_entries (incident_id, id)`);
    await q.query(`CREATE INDEX ledger_created_idx ON ledger_entries (created_at, id)`);
    // Finance's source of truth is append-only: the database itself refuses edits.
    await q.query(`
      CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_no_update_delete BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`);
    await q.query(`
      CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only()`);
    await q.query(
      `
      INSERT INTO calendars (id, name, definition, built_in) VALUES ('24x7', '24x7', $1, true)`,
      [
        JSON.stringify({
          zone: 'UTC',
          week: Object.fromEntries(
            ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [
              d,
              [{ open: '00:00', close: '24:00' }],
            ]),
          ),
          holidays: [],
          extraWorkingDays: [],
        }),
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'ledger_entries',
      'fault_reports',
      'notifications',
      'incident_timeline',
      'incidents',
      'contracts',
      'policy_versions',
      'policies',
      'calendars',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS ledger_entries_append_only()`);
  }
}
