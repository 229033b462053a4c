import type { DataSource } from 'typeorm';
import { formatMoney, MoneyDecimal } from '../src/domain/penalty/money';
import { applyCap } from '../src/domain/penalty/penalty';
import type { LedgerPostingRequest, LedgerPostingResult } from '../src/domain/ladder';
import type { ActivityObserver } from './index';

/** The driver's request, as the activity receives it (see EffectDriver). */
export type PostLedgerEntryInput = LedgerPostingRequest;
export type PostLedgerEntryResult = LedgerPostingResult;

export function createLedgerActivities({ dataSource, observe }: { dataSource: DataSource; observe?: ActivityObserver }) {
  return {
    /**
     * Posts one ledger row. The cap is enforced inside the transaction under a row lock on the
     * contract (or the incident, for per-incident caps), so concurrent incidents cannot cross it.
     * The idempotency key makes a retry or a replay return the first result instead of posting twice.
     */
    async postLedgerEntry(input: PostLedgerEntryInput): Promise<PostLedgerEntryResult> {
      let posted = false;
      const result = await dataSource.transaction(async (tx) => {
        const lockTable = input.capScope === 'contract' ? 'contracts' : 'incidents';
        const lockId = input.capScope === 'contract' ? input.contractId : input.incidentId;
        await tx.query(`SELECT 1 FROM ${lockTable} WHERE id = $1 FOR UPDATE`, [lockId]);

        const existing: Array<{ amount: string; cap_applied: boolean }> = await tx.query(
          `SELECT amount::text AS amount, cap_applied FROM ledger_entries WHERE idempotency_key = $1`,
          [input.key],
        );
        if (existing.length > 0) {
          return { written: true, amount: formatMoney(existing[0].amount, input.currency), capApplied: existing[0].cap_applied };
        }

        let amount = input.amount;
        let capApplied = false;
        if (input.kind === 'accrual') {
          const scopeColumn = input.capScope === 'contract' ? 'contract_id' : 'incident_id';
          const [{ net }]: Array<{ net: string }> = await tx.query(
            `SELECT COALESCE(SUM(amount), 0)::text AS net FROM ledger_entries WHERE ${scopeColumn} = $1`,
            [lockId],
          );
          // NUMERIC(20,4) sums come back with four decimals: back to the currency's minor unit.
          const alreadyPosted = formatMoney(net, input.currency);
          const capped = applyCap({ amount: input.amount, alreadyPosted, cap: input.cap, currency: input.currency });
          amount = capped.amount;
          capApplied = capped.capped;
          // After the cap nothing is owed: no zero rows.
          if (new MoneyDecimal(amount).isZero()) return { written: false, amount, capApplied };
        }

        const insertedRows: unknown[] = await tx.query(
          `INSERT INTO ledger_entries (contract_id, incident_id, kind, period_index, period_start, period_end, amount,
             currency, rate, basis_amount, cap_applied, workflow_id, run_id, idempotency_key)
           VALUES ($1, $2, $3, $4, timestamptz 'epoch' + $5::bigint * interval '1 millisecond',
             timestamptz 'epoch' + $6::bigint * interval '1 millisecond', $7::numeric, $8, $9::numeric, $10::numeric, $11, $12, $13, $14)
           ON CONFLICT (idempotency_key) DO NOTHING
           RETURNING id`,
          [
            input.contractId,
            input.incidentId,
            input.kind,
            input.periodIndex,
            input.periodStart,
            input.periodEnd,
            amount,
            input.currency,
            input.rate,
            input.basisAmount,
            capApplied,
            input.workflowId,
            input.runId,
            input.key,
          ],
        );
        posted = insertedRows.length > 0;
        return { written: true, amount, capApplied };
      });
      if (posted) observe?.ledgerPostingWritten(input.kind);
      return result;
    },
  };
}
