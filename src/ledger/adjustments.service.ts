import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../admin/ids';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { ConflictError, NotFoundError } from '../common/errors';
import { IssueCollector } from '../domain/errors';
import { adjustmentAmountProblem, adjustmentPosting, assertFourEyes, type ProposeAdjustment } from '../domain/penalty/adjustment';
import { formatMoney, moneyOut, MoneyDecimal } from '../domain/penalty/money';
import { capAmount } from '../domain/penalty/penalty';
import type { AdjustmentResponse } from './dto/adjustment.dto';
import { loadFinanceContract } from './penalties.service';

interface AdjustmentRow {
  id: string;
  contract_id: string;
  incident_id: string | null;
  amount: string;
  currency: string;
  reason: string;
  reference: string;
  counts_against_cap: boolean;
  status: 'proposed' | 'approved' | 'rejected';
  proposed_by_token_id: string;
  proposed_by: string;
  proposed_at: Date;
  decided_by_token_id: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  posted_amount: string | null;
  cap_applied: boolean | null;
  ledger_entry_id: string | null;
}

const COLUMNS = `id, contract_id, incident_id, amount::text AS amount, currency, reason, reference, counts_against_cap, status,
  proposed_by_token_id, proposed_by, proposed_at, decided_by_token_id, decided_by, decided_at, decision_note,
  posted_amount::text AS posted_amount, cap_applied, ledger_entry_id::text AS ledger_entry_id`;

function toResponse(r: AdjustmentRow): AdjustmentResponse {
  const currency = r.currency.trim();
  return {
    id: r.id,
    contractId: r.contract_id,
    incidentId: r.incident_id,
    amount: moneyOut(r.amount, currency),
    currency,
    reason: r.reason,
    reference: r.reference,
    countsAgainstCap: r.counts_against_cap,
    status: r.status,
    proposedBy: { tokenId: r.proposed_by_token_id, name: r.proposed_by },
    proposedAt: r.proposed_at.toISOString(),
    decidedBy: r.decided_by_token_id === null ? null : { tokenId: r.decided_by_token_id, name: r.decided_by ?? '' },
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionNote: r.decision_note,
    postedAmount: r.posted_amount === null ? null : moneyOut(r.posted_amount, currency),
    capApplied: r.cap_applied,
    ledgerEntryId: r.ledger_entry_id,
  };
}

/**
 * Maker–checker adjustments: a proposal changes nothing in the ledger; an approval by a second
 * finance user posts one append-only ledger row under the same lock the ledger activity takes for
 * the cap, so an adjustment and accruals racing cannot cross it; every decision is audited in the
 * transaction that makes it.
 */
@Injectable()
export class AdjustmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async propose(contractId: string, input: ProposeAdjustment, principal: Principal): Promise<AdjustmentResponse> {
    return this.dataSource.transaction(async (tx) => {
      const contract = await loadFinanceContract(tx, contractId);
      const issues = new IssueCollector();
      const amountProblem = adjustmentAmountProblem(input.amount, contract.currency);
      if (amountProblem) issues.add('amount', amountProblem);
      if (input.incidentId !== undefined) {
        const rows = await tx.query(`SELECT 1 FROM incidents WHERE id = $1 AND contract_id = $2`, [input.incidentId, contract.id]);
        if (rows.length === 0) issues.add('incidentId', `is not an incident of contract ${contract.id}`);
      }
      if (input.countsAgainstCap && contract.terms === null) {
        issues.add('countsAgainstCap', 'the contract carries no penalty terms, so there is no cap to count against');
      } else if (input.countsAgainstCap && contract.terms?.capScope === 'incident' && input.incidentId === undefined) {
        issues.add('incidentId', "is required when the adjustment counts against the contract's per-incident cap");
      }
      issues.throwIfAny();
      const id = randomUUID();
      const [row]: AdjustmentRow[] = await tx.query(
        `INSERT INTO ledger_adjustments (id, contract_id, incident_id, amount, currency, reason, reference, counts_against_cap,
           proposed_by_token_id, proposed_by)
         VALUES ($1, $2, $3, $4::numeric, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
        [
          id,
          contract.id,
          input.incidentId ?? null,
          formatMoney(input.amount, contract.currency),
          contract.currency,
          input.reason,
          input.reference,
          input.countsAgainstCap,
          principal.tokenId,
          principal.name,
        ],
      );
      const response = toResponse(row);
      await this.audit.record(principal, 'adjustment.propose', { type: 'adjustment', id }, { ...response }, tx);
      return response;
    });
  }

  async list(contractId: string): Promise<AdjustmentResponse[]> {
    const contract = await loadFinanceContract(this.dataSource, contractId);
    const rows: AdjustmentRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ledger_adjustments WHERE contract_id = $1 ORDER BY proposed_at, id`,
      [contract.id],
    );
    return rows.map(toResponse);
  }

  async get(contractId: string, id: string): Promise<AdjustmentResponse> {
    return toResponse(await this.row(this.dataSource.manager, contractId, id, false));
  }

  /** Posts the adjustment: only a proposed one, only by someone other than its proposer. */
  async approve(contractId: string, id: string, principal: Principal, note?: string): Promise<AdjustmentResponse> {
    return this.dataSource.transaction(async (tx) => {
      const contract = await loadFinanceContract(tx, contractId);
      const peek = await this.row(tx, contract.id, id, false);
      const perIncident = contract.terms?.capScope === 'incident' && peek.counts_against_cap;
      // The lock the ledger activity takes for the cap (contract row, or incident row for per-incident caps).
      if (perIncident && peek.incident_id !== null) await tx.query(`SELECT 1 FROM incidents WHERE id = $1 FOR UPDATE`, [peek.incident_id]);
      else await tx.query(`SELECT 1 FROM contracts WHERE id = $1 FOR UPDATE`, [contract.id]);
      const row = await this.row(tx, contract.id, id, true);
      this.assertOpen(row);
      assertFourEyes({ tokenId: row.proposed_by_token_id, name: row.proposed_by }, principal);

      const currency = row.currency.trim();
      // numeric(20,4) comes back with four decimals: back to the currency's minor digits before any money rule.
      const amount = formatMoney(row.amount, currency);
      let countedNet: string | null = null;
      let cap: string | null = null;
      if (row.counts_against_cap && contract.terms !== null && contract.currency === currency) {
        cap = capAmount(contract.totalValue, contract.terms.capFraction, currency);
        const [{ net }]: Array<{ net: string }> = await tx.query(
          `SELECT COALESCE(SUM(amount), 0)::text AS net FROM ledger_entries WHERE counts_against_cap AND ${perIncident ? 'incident_id' : 'contract_id'} = $1`,
          [perIncident ? row.incident_id : contract.id],
        );
        countedNet = formatMoney(net, currency);
      }
      const posting = adjustmentPosting({ amount, currency, countsAgainstCap: row.counts_against_cap, countedNet, cap });
      let entryId: string | null = null;
      // Nothing left under the cap: no zero row (as for accruals); the adjustment records 0 posted.
      if (!new MoneyDecimal(posting.amount).isZero()) {
        const [entry]: Array<{ id: string }> = await tx.query(
          `INSERT INTO ledger_entries (contract_id, incident_id, kind, period_index, period_start, period_end, amount, currency, rate,
             basis_amount, cap_applied, workflow_id, run_id, idempotency_key, adjustment_id, counts_against_cap)
           VALUES ($1, $2, 'adjustment', 0, now(), now(), $3::numeric, $4, 0, $5::numeric, $6, $7, $8, $9, $10, $11)
           RETURNING id::text AS id`,
          [
            contract.id,
            row.incident_id,
            posting.amount,
            currency,
            contract.totalValue,
            posting.capApplied,
            `adjustment-${row.id}`,
            principal.tokenId,
            `adjustment:${row.id}`,
            row.id,
            row.counts_against_cap,
          ],
        );
        entryId = entry.id;
      }
      const [updated]: AdjustmentRow[] = await tx.query(
        // A CTE, so the driver hands back the rows (for a bare UPDATE it answers [rows, count]).
        `WITH u AS (UPDATE ledger_adjustments SET status = 'approved', decided_by_token_id = $2, decided_by = $3, decided_at = now(),
           decision_note = $4, posted_amount = $5::numeric, cap_applied = $6, ledger_entry_id = $7
         WHERE id = $1 RETURNING *) SELECT ${COLUMNS} FROM u`,
        [row.id, principal.tokenId, principal.name, note ?? null, posting.amount, posting.capApplied, entryId],
      );
      const response = toResponse(updated);
      await this.audit.record(
        principal,
        'adjustment.approve',
        { type: 'adjustment', id: row.id },
        { note: note ?? null, postedAmount: response.postedAmount, capApplied: response.capApplied, ledgerEntryId: entryId },
        tx,
      );
      return response;
    });
  }

  async reject(contractId: string, id: string, principal: Principal, note: string): Promise<AdjustmentResponse> {
    return this.dataSource.transaction(async (tx) => {
      const contract = await loadFinanceContract(tx, contractId);
      const row = await this.row(tx, contract.id, id, true);
      this.assertOpen(row);
      assertFourEyes({ tokenId: row.proposed_by_token_id, name: row.proposed_by }, principal);
      const [updated]: AdjustmentRow[] = await tx.query(
        `WITH u AS (UPDATE ledger_adjustments SET status = 'rejected', decided_by_token_id = $2, decided_by = $3, decided_at = now(),
           decision_note = $4
         WHERE id = $1 RETURNING *) SELECT ${COLUMNS} FROM u`,
        [row.id, principal.tokenId, principal.name, note],
      );
      await this.audit.record(principal, 'adjustment.reject', { type: 'adjustment', id: row.id }, { note }, tx);
      return toResponse(updated);
    });
  }

  private assertOpen(row: AdjustmentRow): void {
    if (row.status !== 'proposed') {
      throw new ConflictError(
        `adjustment ${row.id} was already ${row.status} by ${row.decided_by}: a decision is final`,
        'already_decided',
      );
    }
  }

  private async row(m: EntityManager, contractId: string, id: string, lock: boolean): Promise<AdjustmentRow> {
    const rows: AdjustmentRow[] = isUuid(id)
      ? await m.query(`SELECT ${COLUMNS} FROM ledger_adjustments WHERE id = $1 AND contract_id = $2${lock ? ' FOR UPDATE' : ''}`, [
          id,
          contractId,
        ])
      : [];
    if (rows.length === 0) throw new NotFoundError('adjustment', `${id} of contract ${contractId}`);
    return rows[0];
  }
}
