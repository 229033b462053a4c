import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import { CALENDAR_24X7 } from '../../src/domain/clock';
import { openDataSource } from '../harness/context';
import { createContract, DEFAULT_TERMS, secondsPolicy } from '../harness/fixtures';
import { advance, emptyEffects, initialState, LadderContext, penaltyCap, type IncidentWorkflowInput } from '../../src/domain/ladder';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A month-long outage in moments: the pure ladder is driven hour by hour over 30 days (the same
 * code the workflow runs) and every posting goes through the real ledger activity into PostgreSQL.
 */
describe('a 30-day outage on a 1,000,000.00 CNY contract', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await openDataSource();
  });
  afterAll(async () => dataSource?.destroy());

  async function outage(ratePerPeriod: string) {
    const policy = secondsPolicy({ urgent: { penalty: { restoreWithin: { amount: 7200, unit: 'seconds', anchor: 'report' } } } });
    const terms = { ...DEFAULT_TERMS, ratePerPeriod };
    const { contractId, policyId } = await createContract(dataSource, { policy, terms });
    const incidentId = randomUUID();
    const workflowId = `incident-${incidentId}`;
    const t0 = Date.UTC(2026, 9, 1, 1, 0);
    await dataSource.query(
      `INSERT INTO incidents (id, workflow_id, contract_id, severity, description, reported_at, policy_id, policy_version, status, rung, stage)
       VALUES ($1, $2, $3, 'urgent', 'outage', to_timestamp($4 / 1000.0), $5, 1, 'open', 'triage', 'triage')`,
      [incidentId, workflowId, contractId, t0, policyId],
    );
    const input: IncidentWorkflowInput = {
      incidentId,
      severity: 'urgent',
      description: 'outage',
      reportedAt: t0,
      reportedBy: 'hotline',
      policy: { id: policyId, version: 1, definition: policy },
      calendar: { id: '24x7', definition: CALENDAR_24X7 },
      contract: { id: contractId, customer: 'c', totalValue: '1000000.00', currency: 'CNY', penalty: terms, webhookUrl: null },
    };
    const ctx = new LadderContext(input, workflowId);
    const { state } = initialState(ctx);
    const { postLedgerEntry } = createActivities({ dataSource });
    const { cap, scope } = penaltyCap(ctx);
    const results: Array<{ written: boolean; amount: string; capApplied: boolean }> = [];
    for (let now = t0; now <= t0 + 30 * DAY; now += HOUR) {
      const effects = emptyEffects();
      advance(ctx, state, effects, now);
      for (const command of effects.ledger) {
        if (command.type !== 'post') throw new Error('only accruals expected');
        const p = command.posting;
        results.push(
          await postLedgerEntry({
            ...p,
            contractId,
            incidentId,
            currency: 'CNY',
            rate: ratePerPeriod,
            basisAmount: '1000000.00',
            cap,
            capScope: scope,
            workflowId,
            runId: 'run-1',
          }),
        );
      }
    }
    const rows: Array<{ period_index: number; amount: string; cap_applied: boolean }> = await dataSource.query(
      `SELECT period_index, to_char(amount, 'FM999999990.00') AS amount, cap_applied FROM ledger_entries WHERE incident_id = $1 ORDER BY id`,
      [incidentId],
    );
    const [{ net }] = await dataSource.query(
      `SELECT to_char(SUM(amount), 'FM999999990.00') AS net FROM ledger_entries WHERE incident_id = $1`,
      [incidentId],
    );
    return { results, rows, net };
  }

  it('0.25 % per day is 2,500.00 per day and stops at the 5 % cap, 50,000.00: nothing is written after it', async () => {
    const { results, rows, net } = await outage('0.0025');
    expect(results).toHaveLength(30); // day 1 at the breach, then one per started day of the 30
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.amount === '2500.00' && !r.cap_applied)).toBe(true);
    expect(rows.map((r) => r.period_index)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(net).toBe('50000.00');
    expect(results.slice(20).every((r) => !r.written && r.capApplied)).toBe(true);
  });

  it('a posting that would cross the cap is cut to the headroom and flagged', async () => {
    const { rows, net } = await outage('0.003'); // 3,000.00 a day: 16 × 3,000 = 48,000, the 17th is cut to 2,000
    expect(rows).toHaveLength(17);
    expect(rows[15]).toEqual({ period_index: 16, amount: '3000.00', cap_applied: false });
    expect(rows[16]).toEqual({ period_index: 17, amount: '2000.00', cap_applied: true });
    expect(net).toBe('50000.00');
  });
});
