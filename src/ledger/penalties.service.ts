import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../admin/ids';
import { NotFoundError } from '../common/errors';
import { compareMoney, formatMoney, MoneyDecimal, sumMoney } from '../domain/penalty/money';
import { accrualPerPeriod, capAmount } from '../domain/penalty/penalty';
import { DEFAULT_PENALTY_PERIOD, type PenaltyTerms } from '../domain/penalty/terms';
import type { IncidentPenaltyResponse, PenaltiesResponse } from './dto/penalties.response';
import { moneyOut } from '../domain/penalty/money';

/** A contract as finance reads it: total with the currency's minor digits, terms with defaults filled in. */
export interface FinanceContract {
  id: string;
  currency: string;
  totalValue: string;
  /** Null: the contract carries no penalty terms (no rate, no cap). */
  terms: PenaltyTerms | null;
}

/** Loads a contract or throws NotFoundError (404); a non-uuid id cannot exist. */
export async function loadFinanceContract(db: DataSource | EntityManager, id: string): Promise<FinanceContract> {
  if (!isUuid(id)) throw new NotFoundError('contract', id);
  const rows: Array<{ id: string; currency: string; total_value: string; penalty_terms: Partial<PenaltyTerms> }> = await db.query(
    `SELECT id, currency, total_value::text AS total_value, penalty_terms FROM contracts WHERE id = $1`,
    [id],
  );
  if (rows.length === 0) throw new NotFoundError('contract', id);
  const r = rows[0];
  const currency = r.currency.trim();
  // Stored terms were validated on write; fill the documented defaults for older rows.
  const terms: PenaltyTerms | null =
    r.penalty_terms &&
    ({
      period: { ...DEFAULT_PENALTY_PERIOD },
      capScope: 'contract',
      partialPeriod: 'started',
      countFrom: 'report',
      ...(r.penalty_terms as Partial<PenaltyTerms>),
    } as PenaltyTerms);
  return { id: r.id, currency, totalValue: formatMoney(r.total_value, currency), terms };
}

interface IncidentAggregateRow {
  incident_id: string;
  currency: string;
  accrued: string;
  reversed: string;
  corrected: string;
  net: string;
  entries: number;
  cap_applied: boolean;
}

/** Per-incident sums of one contract's ledger in one pass (the benchmark explains this exact query). */
export const CONTRACT_PENALTIES_SQL = `SELECT incident_id, currency,
   COALESCE(SUM(amount) FILTER (WHERE kind = 'accrual'), 0)::text AS accrued,
   COALESCE(SUM(amount) FILTER (WHERE kind = 'reversal'), 0)::text AS reversed,
   COALESCE(SUM(amount) FILTER (WHERE kind = 'correction'), 0)::text AS corrected,
   SUM(amount)::text AS net,
   count(*)::int AS entries,
   COALESCE(bool_or(cap_applied) FILTER (WHERE kind = 'accrual'), false) AS cap_applied
   FROM ledger_entries
   WHERE contract_id = $1 AND kind <> 'adjustment'
   GROUP BY incident_id, currency
   ORDER BY min(id)`;

@Injectable()
export class PenaltiesService {
  constructor(private readonly dataSource: DataSource) {}

  /** The contract's penalty position: one aggregate query over its ledger (GROUP BY incident with FILTER sums). */
  async summary(contractId: string): Promise<PenaltiesResponse> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const contract = await loadFinanceContract(tx, contractId);
      const { currency, totalValue, terms } = contract;
      const rows: IncidentAggregateRow[] = await tx.query(CONTRACT_PENALTIES_SQL, [contract.id]);
      // Manual adjustments, apart from the rate-based rows; those counted against the cap use its headroom.
      const adjustmentRows: Array<{ incident_id: string | null; total: string; counted: string; entries: number }> = await tx.query(
        `SELECT incident_id, SUM(amount)::text AS total, COALESCE(SUM(amount) FILTER (WHERE counts_against_cap), 0)::text AS counted,
           count(*)::int AS entries
         FROM ledger_entries WHERE contract_id = $1 AND kind = 'adjustment' AND currency = $2 GROUP BY incident_id`,
        [contract.id, currency],
      );
      const countedFor = (incidentId: string) => adjustmentRows.find((a) => a.incident_id === incidentId)?.counted ?? '0';
      // A contract without terms has no cap: sums only (rows may remain from terms it had before).
      const cap = terms ? capAmount(totalValue, terms.capFraction, currency) : null;
      const perIncident = terms?.capScope === 'incident';
      const warnings: string[] = [];
      const incidents: IncidentPenaltyResponse[] = [];
      for (const r of rows) {
        const rowCurrency = r.currency.trim();
        if (rowCurrency !== currency) {
          warnings.push(
            `incident ${r.incident_id}: ${r.entries} entries in ${rowCurrency} (net ${moneyOut(r.net, rowCurrency)}) are left out of the sums: the contract is now in ${currency}`,
          );
          continue;
        }
        const net = moneyOut(r.net, currency);
        const item: IncidentPenaltyResponse = {
          incidentId: r.incident_id,
          accrued: moneyOut(r.accrued, currency),
          reversed: moneyOut(r.reversed, currency),
          corrected: moneyOut(r.corrected, currency),
          net,
          entries: r.entries,
          capApplied: r.cap_applied,
        };
        if (perIncident && cap !== null) item.headroom = headroomOf(cap, sumMoney([net, countedFor(r.incident_id)], currency), currency);
        incidents.push(item);
      }
      const sum = (pick: (i: IncidentPenaltyResponse) => string) => sumMoney(incidents.map(pick), currency);
      const net = sum((i) => i.net);
      const adjusted = sumMoney(
        adjustmentRows.map((a) => a.total),
        currency,
      );
      const counted = sumMoney(
        adjustmentRows.map((a) => a.counted),
        currency,
      );
      const used = sumMoney([net, counted], currency);
      return {
        contractId: contract.id,
        currency,
        totalValue,
        ratePerPeriod: terms?.ratePerPeriod ?? null,
        period: terms?.period ?? null,
        amountPerPeriod: terms ? accrualPerPeriod(totalValue, terms.ratePerPeriod, currency) : null,
        cap: terms && cap !== null ? { fraction: terms.capFraction, amount: cap, scope: terms.capScope } : null,
        accrued: sum((i) => i.accrued),
        reversed: sum((i) => i.reversed),
        corrected: sum((i) => i.corrected),
        net,
        adjustments: {
          total: adjusted,
          countedAgainstCap: counted,
          entries: adjustmentRows.reduce((n, a) => n + a.entries, 0),
        },
        owed: sumMoney([net, adjusted], currency),
        headroom: perIncident || cap === null ? null : headroomOf(cap, used, currency),
        capReached:
          cap === null
            ? false
            : perIncident
              ? incidents.some((i) => compareMoney(sumMoney([i.net, countedFor(i.incidentId)], currency), cap) >= 0)
              : compareMoney(used, cap) >= 0,
        incidents,
        warnings,
      };
    });
  }
}

/** cap − net, never below zero. */
export function headroomOf(cap: string, net: string, currency: string): string {
  return formatMoney(MoneyDecimal.max(new MoneyDecimal(cap).minus(net), 0), currency);
}
