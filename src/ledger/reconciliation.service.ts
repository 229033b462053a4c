import { Injectable } from '@nestjs/common';
import type Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { isUuid } from '../admin/ids';
import { NotFoundError } from '../common/errors';
import { BusinessCalendar, deadlineOf, runningTime } from '../domain/clock';
import type { Pause } from '../domain/clock/types';
import { applyCap, accrualPerPeriod, capAmount, expectedAccruals, periodsOwed } from '../domain/penalty/penalty';
import { compareMoney, formatMoney, MoneyDecimal, sumMoney } from '../domain/penalty/money';
import { penaltyPeriodMs } from '../domain/penalty/terms';
import type { FinanceContract } from './penalties.service';
import { loadFinanceContract } from './penalties.service';
import { moneyOut, plainDecimal } from './ledger.service';
import { IncidentReconciliation, PENDING_WINDOW_MS, ReconciliationResponse } from './dto/reconciliation.response';

/** What reconciliation reads of an incident: its row and the facts of its last persisted workflow state. */
export interface IncidentFacts {
  id: string;
  /** Status of the read model row (used when no state was persisted yet). */
  rowStatus: string;
  reportedAt: number;
  hasState: boolean;
  status: string | null;
  breachedAt: number | null;
  pauses: Pause[];
  restoredAt: number | null;
  closedAt: number | null;
  /** Due instant of penalty.restoreWithin (the breach instant to come, for the pending rule). */
  restoreDueAt: number | null;
}

/** Ledger rows of one incident and period, counted per kind. */
export interface LedgerPeriodGroup {
  incidentId: string;
  periodIndex: number;
  currency: string;
  accruals: number;
  reversals: number;
  corrections: number;
  /** Sum of the group's amounts (NUMERIC as text). */
  net: string;
  /** Smallest id of an accrual row (bigint as text), null when none. */
  firstAccrualId: string | null;
  accrualIds: string[];
  rates: string[];
  bases: string[];
}

interface Work {
  facts: IncidentFacts;
  status: string;
  off: boolean;
  start: number | null;
  end: number;
  interruptionMs: number;
  owed: number;
  postAt: (k: number) => number | null;
  /** Expected postings after the cap, by period index. */
  expected: Map<number, { amount: string; capped: boolean }>;
  held: Decimal;
  groups: LedgerPeriodGroup[];
  firstAccrualId: bigint | null;
  problem?: string;
}

const OFF = new Set(['excluded', 'cancelled']);
const ACCRUING = new Set(['open', 'paused']);

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function ranges(ks: number[]): string {
  return ks.sort((a, b) => a - b).join(', ');
}

/** Incidents in ledger posting order: first accrual id, then those without accruals by breach, then report instant. */
function compareIncidents(a: Work, b: Work): number {
  if (a.firstAccrualId !== null && b.firstAccrualId !== null)
    return a.firstAccrualId < b.firstAccrualId ? -1 : a.firstAccrualId > b.firstAccrualId ? 1 : 0;
  if (a.firstAccrualId !== null) return -1;
  if (b.firstAccrualId !== null) return 1;
  const ab = a.facts.breachedAt ?? Infinity;
  const bb = b.facts.breachedAt ?? Infinity;
  if (ab !== bb) return ab < bb ? -1 : 1;
  return a.facts.reportedAt - b.facts.reportedAt || a.facts.id.localeCompare(b.facts.id);
}

/**
 * Recomputes what every incident of a contract should have accrued from its facts and the
 * contract terms, and compares it with the ledger (rules: RECONCILIATION_RULES). Pure.
 */
export function reconcileContract(input: {
  contract: FinanceContract;
  incidents: IncidentFacts[];
  ledger: LedgerPeriodGroup[];
  asOf: number;
}): ReconciliationResponse {
  const { contract, asOf } = input;
  const { terms, currency, totalValue } = contract;
  const cal = BusinessCalendar.twentyFourSeven();
  const periodMs = penaltyPeriodMs(terms);
  const perPeriod = accrualPerPeriod(totalValue, terms.ratePerPeriod, currency);
  const cap = capAmount(totalValue, terms.capFraction, currency);
  const zero = formatMoney('0', currency);

  const byId = new Map<string, Work>();
  const blank = (facts: IncidentFacts): Work => ({
    facts,
    status: facts.status ?? facts.rowStatus,
    off: OFF.has(facts.status ?? facts.rowStatus),
    start: null,
    end: asOf,
    interruptionMs: 0,
    owed: 0,
    postAt: () => null,
    expected: new Map(),
    held: new MoneyDecimal(0),
    groups: [],
    firstAccrualId: null,
  });

  for (const facts of input.incidents) {
    const w = blank(facts);
    byId.set(facts.id, w);
    try {
      const { breachedAt, pauses } = facts;
      w.end = Math.min(facts.restoredAt ?? facts.closedAt ?? asOf, asOf);
      if (breachedAt === null) continue;
      const start = terms.countFrom === 'breach' ? breachedAt : facts.reportedAt;
      w.start = start;
      w.interruptionMs = runningTime(cal, 'wall', start, w.end, pauses);
      w.owed = periodsOwed({ interruptionMs: w.interruptionMs, periodMs, partialPeriod: terms.partialPeriod });
      // The workflow's schedule: period k posts at its boundary (its start for 'started', its end for
      // 'completed'), moved by pauses, never before the breach.
      const boundary = (j: number): number | null => {
        if (j === 0) return start;
        try {
          return deadlineOf(cal, start, { amount: terms.period.amount * j, unit: terms.period.unit }, pauses);
        } catch {
          return null;
        }
      };
      w.postAt = (k: number) => {
        const b = boundary(terms.partialPeriod === 'started' ? k - 1 : k);
        return b === null ? null : Math.max(b, breachedAt);
      };
    } catch (error) {
      w.problem = `its persisted state cannot be read: ${error instanceof Error ? error.message : String(error)}`;
      w.owed = 0;
    }
  }

  for (const g of input.ledger) {
    let w = byId.get(g.incidentId);
    if (!w) {
      w = blank({
        id: g.incidentId,
        rowStatus: 'unknown',
        reportedAt: 0,
        hasState: false,
        status: null,
        breachedAt: null,
        pauses: [],
        restoredAt: null,
        closedAt: null,
        restoreDueAt: null,
      });
      w.problem = 'the ledger has entries for this incident under this contract, but the incident belongs to another contract';
      byId.set(g.incidentId, w);
    }
    w.groups.push(g);
    if (g.firstAccrualId !== null) {
      const id = BigInt(g.firstAccrualId);
      if (w.firstAccrualId === null || id < w.firstAccrualId) w.firstAccrualId = id;
    }
  }

  const works = [...byId.values()].sort(compareIncidents);
  const rank = new Map(works.map((w, i) => [w, i]));

  // Expected postings after the cap.
  if (terms.capScope === 'incident') {
    for (const w of works) {
      if (w.off || w.problem) continue;
      for (const e of expectedAccruals({
        total: totalValue,
        rate: terms.ratePerPeriod,
        capFraction: terms.capFraction,
        currency,
        periods: w.owed,
      })) {
        if (e.post || e.capped) w.expected.set(e.index, { amount: e.amount, capped: e.capped });
      }
    }
  } else {
    type Ev = { at: number; release: boolean; w: Work; k: number };
    const events: Ev[] = [];
    for (const w of works) {
      if (w.problem) continue;
      for (let k = 1; k <= w.owed; k += 1) events.push({ at: w.postAt(k) ?? w.end, release: false, w, k });
      // An exclusion reverses what the incident had posted: the headroom comes back at that instant.
      if (w.off) events.push({ at: w.facts.closedAt ?? w.end, release: true, w, k: 0 });
    }
    events.sort((a, b) => a.at - b.at || Number(a.release) - Number(b.release) || rank.get(a.w)! - rank.get(b.w)! || a.k - b.k);
    let posted = new MoneyDecimal(0);
    for (const ev of events) {
      if (ev.release) {
        posted = posted.minus(ev.w.held);
        ev.w.held = new MoneyDecimal(0);
        continue;
      }
      const r = applyCap({ amount: perPeriod, alreadyPosted: formatMoney(posted, currency), cap, currency });
      posted = posted.plus(r.amount);
      ev.w.held = ev.w.held.plus(r.amount);
      if (!ev.w.off) ev.w.expected.set(ev.k, { amount: r.amount, capped: r.capped });
    }
  }

  const results: IncidentReconciliation[] = works.map((w) => compare(w));
  return {
    contractId: contract.id,
    asOf: new Date(asOf).toISOString(),
    currency,
    capScope: terms.capScope,
    ok: results.every((r) => r.result !== 'mismatch'),
    incidents: results,
  };

  function compare(w: Work): IncidentReconciliation {
    const issues: string[] = [];
    const notes: string[] = [];
    if (w.problem) issues.push(w.problem);
    if (!w.facts.hasState && w.status !== 'unknown') notes.push('no workflow state persisted yet: nothing is expected');

    // Ledger side.
    const live = new Map<number, number>();
    let accruals = 0;
    let reversals = 0;
    let corrections = 0;
    const nets: string[] = [];
    const rates = new Set<string>();
    const bases = new Set<string>();
    for (const g of w.groups) {
      if (g.currency !== currency) {
        issues.push(`period ${g.periodIndex}: entries in ${g.currency}, the contract is in ${currency}`);
        continue;
      }
      accruals += g.accruals;
      reversals += g.reversals;
      corrections += g.corrections;
      nets.push(g.net);
      live.set(g.periodIndex, (live.get(g.periodIndex) ?? 0) + g.accruals - g.reversals - g.corrections);
      g.rates.forEach((r) => rates.add(plainDecimal(r)));
      g.bases.forEach((b) => bases.add(moneyOut(b, currency)));
      const n = g.accruals - g.reversals - g.corrections;
      if (n > 1)
        issues.push(`duplicate accrual: period ${g.periodIndex} has ${n} live accrual rows (accrual ids ${g.accrualIds.join(', ')})`);
      if (n < 0) issues.push(`period ${g.periodIndex} has more reversal/correction rows than accrual rows`);
    }
    const ledgerNet = sumMoney(nets, currency);
    const livePeriods = [...live.entries()].filter(([, n]) => n >= 1).map(([k]) => k);

    // Expected side.
    const expectedWritten = [...w.expected.entries()].filter(([, e]) => new MoneyDecimal(e.amount).gt(0)).map(([k]) => k);
    const expectedNet = w.off
      ? zero
      : sumMoney(
          [...w.expected.values()].map((e) => e.amount),
          currency,
        );
    const cappedPeriods = [...w.expected.values()].filter((e) => e.capped).length;
    const difference = formatMoney(new MoneyDecimal(ledgerNet).minus(expectedNet), currency);

    const liveSet = new Set(livePeriods);
    const wantSet = new Set(expectedWritten);
    const extra = livePeriods.filter((k) => !wantSet.has(k));
    const missing = expectedWritten.filter((k) => !liveSet.has(k));
    if (w.off) {
      if (extra.length) issues.push(`${w.status}, but periods ${ranges(extra)} are not reversed`);
      if (compareMoney(ledgerNet, '0') !== 0) issues.push(`${w.status}: net ${ledgerNet} should be ${zero}`);
    } else {
      if (extra.length) issues.push(`periods ${ranges(extra)} accrued but not owed`);
      if (missing.length) issues.push(`periods ${ranges(missing)} owed but not in the ledger`);
      if (compareMoney(difference, '0') !== 0) issues.push(`net ${ledgerNet} differs from expected ${expectedNet} by ${difference}`);
    }
    const ratesNow = plainDecimal(terms.ratePerPeriod);
    const otherRates = [...rates].filter((r) => r !== ratesNow);
    const otherBases = [...bases].filter((b) => b !== totalValue);
    if (otherRates.length || otherBases.length) {
      notes.push(
        `posted with rate ${[...rates].join('/')} on ${[...bases].join('/')}; the contract now says ${ratesNow} on ${totalValue} ` +
          '(expectations use the current terms; the workflow keeps the terms pinned when the incident started)',
      );
    }

    let result: IncidentReconciliation['result'] = issues.length ? 'mismatch' : 'ok';
    if (result === 'mismatch' && !w.problem && ACCRUING.has(w.status)) {
      const oneAtTail =
        extra.length + missing.length === 1 &&
        Math.abs(livePeriods.length - expectedWritten.length) === 1 &&
        [...live.values()].every((n) => n >= 0 && n <= 1) &&
        w.groups.every((g) => g.currency === currency) &&
        compareMoney(new MoneyDecimal(difference).abs(), perPeriod) <= 0;
      const boundaries = [
        w.owed >= 1 ? w.postAt(w.owed) : null,
        w.postAt(w.owed + 1),
        w.facts.breachedAt === null ? w.facts.restoreDueAt : null,
      ];
      const near = boundaries.find((b): b is number => b !== null && Math.abs(asOf - b) <= PENDING_WINDOW_MS);
      if (oneAtTail && near !== undefined) {
        result = 'pending';
        notes.push(
          `pending: a period boundary (${iso(near)}) is within ${PENDING_WINDOW_MS / 1000} s of asOf; the ledger shows ${livePeriods.length} ` +
            `live periods, ${expectedWritten.length} expected (${issues.join('; ')})`,
        );
        issues.length = 0;
      }
    }

    return {
      incidentId: w.facts.id,
      status: w.status,
      result,
      facts: {
        breachedAt: iso(w.facts.breachedAt),
        accrualStart: iso(w.start),
        accrualEnd: new Date(w.end).toISOString(),
        interruptionMs: w.interruptionMs,
      },
      expected: {
        periods: w.off ? 0 : expectedWritten.length,
        net: expectedNet,
        owedPeriods: w.owed,
        cappedPeriods: w.off ? 0 : cappedPeriods,
      },
      ledger: { accruals, reversals, corrections, livePeriods: livePeriods.length, net: ledgerNet },
      difference,
      issues,
      notes,
    };
  }
}

interface FactsRow {
  id: string;
  row_status: string;
  reported_at: Date;
  has_state: boolean;
  status: string | null;
  breached_at: number | null;
  pauses: Array<{ from: number; to: number | null }> | null;
  restored_at: number | null;
  closed_at: number | null;
  restore_due_at: number | null;
}

interface GroupRow {
  incident_id: string;
  period_index: number;
  currency: string;
  accruals: number;
  reversals: number;
  corrections: number;
  net: string;
  first_accrual_id: string | null;
  accrual_ids: string[] | null;
  rates: string[];
  bases: string[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

@Injectable()
export class ReconciliationService {
  constructor(private readonly dataSource: DataSource) {}

  /** Reads the contract, its incidents' facts and its ledger in one snapshot, then reconciles (see reconcileContract). */
  async reconcile(contractId: string, incidentId?: string): Promise<ReconciliationResponse> {
    const asOf = Date.now();
    const { contract, facts, groups } = await this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const contract = await loadFinanceContract(tx, contractId);
      const factRows: FactsRow[] = await tx.query(
        `SELECT id, status AS row_status, reported_at, state IS NOT NULL AS has_state,
           state->>'status' AS status,
           state->'penalty'->'breachedAt' AS breached_at,
           state->'pauses' AS pauses,
           state->'restoredAt' AS restored_at,
           state->'closedAt' AS closed_at,
           state->'clocks'->'penalty.restoreWithin'->'dueAt' AS restore_due_at
         FROM incidents WHERE contract_id = $1 ORDER BY reported_at, id`,
        [contract.id],
      );
      const groups: GroupRow[] = await tx.query(
        `SELECT incident_id, period_index, currency,
           count(*) FILTER (WHERE kind = 'accrual')::int AS accruals,
           count(*) FILTER (WHERE kind = 'reversal')::int AS reversals,
           count(*) FILTER (WHERE kind = 'correction')::int AS corrections,
           SUM(amount)::text AS net,
           (min(id) FILTER (WHERE kind = 'accrual'))::text AS first_accrual_id,
           array_agg(id::text ORDER BY id) FILTER (WHERE kind = 'accrual') AS accrual_ids,
           array_agg(DISTINCT rate::text) AS rates,
           array_agg(DISTINCT basis_amount::text) AS bases
         FROM ledger_entries WHERE contract_id = $1
         GROUP BY incident_id, period_index, currency`,
        [contract.id],
      );
      return { contract, facts: factRows, groups };
    });
    if (incidentId !== undefined && !(isUuid(incidentId) && facts.some((f) => f.id === incidentId))) {
      throw new NotFoundError('incident', `${incidentId} of contract ${contract.id}`);
    }
    const report = reconcileContract({
      contract,
      asOf,
      incidents: facts.map((f) => ({
        id: f.id,
        rowStatus: f.row_status,
        reportedAt: f.reported_at.getTime(),
        hasState: f.has_state,
        status: f.status,
        breachedAt: num(f.breached_at),
        pauses: Array.isArray(f.pauses) ? f.pauses.map((p) => ({ from: p.from, to: p.to ?? null })) : [],
        restoredAt: num(f.restored_at),
        closedAt: num(f.closed_at),
        restoreDueAt: num(f.restore_due_at),
      })),
      ledger: groups.map((g) => ({
        incidentId: g.incident_id,
        periodIndex: g.period_index,
        currency: g.currency.trim(),
        accruals: g.accruals,
        reversals: g.reversals,
        corrections: g.corrections,
        net: g.net,
        firstAccrualId: g.first_accrual_id,
        accrualIds: g.accrual_ids ?? [],
        rates: g.rates,
        bases: g.bases,
      })),
    });
    if (incidentId !== undefined) {
      report.incidents = report.incidents.filter((i) => i.incidentId === incidentId);
      report.ok = report.incidents.every((i) => i.result !== 'mismatch');
    }
    return report;
  }
}
