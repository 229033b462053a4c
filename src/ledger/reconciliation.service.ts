import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '../admin/ids';
import { NotFoundError } from '../common/errors';
import type { IncidentState, PinnedSnapshot } from '../domain/ladder';
import type { ReconciliationResponse } from './dto/reconciliation.response';
import { loadFinanceContract } from './penalties.service';
import { reconcileContract } from './reconcile';

interface FactsRow {
  id: string;
  workflow_id: string;
  row_status: string;
  reported_at: Date;
  pinned: PinnedSnapshot | null;
  state: IncidentState | null;
}

interface LedgerRow {
  id: string;
  incident_id: string | null;
  kind: 'accrual' | 'reversal' | 'correction' | 'adjustment';
  counts_against_cap: boolean;
  period_index: number;
  amount: string;
  currency: string;
  rate: string;
  basis: string;
  created_at: Date;
}

@Injectable()
export class ReconciliationService {
  constructor(private readonly dataSource: DataSource) {}

  /** Reads the contract, its incidents' facts and its ledger in one snapshot, then reconciles (see reconcileContract). */
  async reconcile(contractId: string, incidentId?: string): Promise<ReconciliationResponse> {
    const asOf = Date.now();
    const { contract, facts, ledger } = await this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const contract = await loadFinanceContract(tx, contractId);
      const factRows: FactsRow[] = await tx.query(
        `SELECT id, workflow_id, status AS row_status, reported_at, pinned, state
         FROM incidents WHERE contract_id = $1 ORDER BY reported_at, id`,
        [contract.id],
      );
      const ledger: LedgerRow[] = await tx.query(
        `SELECT id::text AS id, incident_id, kind, period_index, amount::text AS amount, currency, rate::text AS rate,
           basis_amount::text AS basis, created_at, counts_against_cap
         FROM ledger_entries WHERE contract_id = $1 ORDER BY id`,
        [contract.id],
      );
      return { contract, facts: factRows, ledger };
    });
    if (incidentId !== undefined && !(isUuid(incidentId) && facts.some((f) => f.id === incidentId))) {
      throw new NotFoundError('incident', `${incidentId} of contract ${contract.id}`);
    }
    const report = reconcileContract({
      contract,
      asOf,
      incidents: facts.map((f) => ({
        id: f.id,
        workflowId: f.workflow_id,
        rowStatus: f.row_status,
        reportedAt: f.reported_at.getTime(),
        pinned: f.pinned,
        state: f.state,
      })),
      ledger: ledger.map((r) => ({
        id: r.id,
        incidentId: r.incident_id ?? '',
        kind: r.kind,
        countsAgainstCap: r.counts_against_cap,
        periodIndex: r.period_index,
        amount: r.amount,
        currency: r.currency.trim(),
        rate: r.rate,
        basis: r.basis,
        at: r.created_at.getTime(),
      })),
    });
    if (incidentId !== undefined) {
      report.incidents = report.incidents.filter((i) => i.incidentId === incidentId);
      report.ok = report.incidents.every((i) => i.result !== 'mismatch');
    }
    return report;
  }
}
