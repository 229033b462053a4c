/** Reconciliation of a contract's ledger against the ladder engine, as a pure function (RECONCILIATION_RULES). */
import { BusinessCalendar, runningTime } from '../domain/clock';
import {
  accrualPeriod,
  enginePauses,
  LadderContext,
  owedPeriods,
  penaltyCap,
  periodAmount,
  type AccrualPeriod,
  type IncidentState,
  type PinnedSnapshot,
} from '../domain/ladder';
import { applyCap } from '../domain/penalty/penalty';
import { compareMoney, formatMoney, moneyOut, MoneyDecimal, plainDecimal, sumMoney } from '../domain/penalty/money';
import type { FinanceContract } from './penalties.service';

import type { IncidentReconciliation, ReconciliationResponse } from './dto/reconciliation.response';

/** What reconciliation reads of an incident: its row, its pinned terms and its last persisted workflow state. */
export interface IncidentFacts {
  id: string;
  workflowId: string;
  /** Status of the read model row (used when no state was persisted yet). */
  rowStatus: string;
  reportedAt: number;
  /** The terms, calendar and policy the incident started with; null only for a row that was never pinned. */
  pinned: PinnedSnapshot | null;
  /** The ladder's state as the workflow last persisted it; null before its first write. */
  state: IncidentState | null;
}

/** One ledger row of the contract, as reconciliation reads it. */
export interface LedgerRowFact {
  /** bigserial as text: the order the ledger took rows in (ids are drawn under the cap lock). */
  id: string;
  /** '' for an adjustment made for the contract as a whole. */
  incidentId: string;
  /** adjustment: a manual adjustment (not rate-based): never compared, only its share of the cap is taken into account. */
  kind: 'accrual' | 'reversal' | 'correction' | 'adjustment';
  periodIndex: number;
  /** False only for adjustments approved as not counting against the cap (absent: counts). */
  countsAgainstCap?: boolean;
  /** NUMERIC as text, signed. */
  amount: string;
  currency: string;
  rate: string;
  basis: string;
  /** When the ledger wrote it (ms). */
  at: number;
}

/** Ledger rows of one incident and period, counted per kind. */
interface LedgerPeriodGroup {
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
  breachedAt: number | null;
  start: number | null;
  end: number;
  interruptionMs: number;
  /** Periods the ladder owes by asOf (the engine's own schedule). */
  owed: AccrualPeriod[];
  /** Instant period k posts, or null when it is not scheduled (k may be one past the owed ones). */
  postAt: (k: number) => number | null;
  restoreDueAt: number | null;
  /** The incident's pinned amount per period and cap, in its pinned currency. */
  perPeriod: string;
  cap: string;
  currency: string;
  rate: string | null;
  basis: string | null;
  /** Expected postings after the cap, by period index. */
  expected: Map<number, { amount: string; capped: boolean }>;
  groups: LedgerPeriodGroup[];
  firstAccrualId: bigint | null;
  problem?: string;
}

/** Milliseconds around a period boundary inside which an accruing incident may be one period ahead or behind. */
export const PENDING_WINDOW_MS = 10_000;

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
  const ab = a.breachedAt ?? Infinity;
  const bb = b.breachedAt ?? Infinity;
  if (ab !== bb) return ab < bb ? -1 : 1;
  return a.facts.reportedAt - b.facts.reportedAt || a.facts.id.localeCompare(b.facts.id);
}

/** The ladder context of a persisted incident: its pinned snapshot, as its workflow had it. */
function contextOf(facts: IncidentFacts, state: IncidentState, pinned: PinnedSnapshot): LadderContext {
  return new LadderContext(
    { ...pinned, incidentId: facts.id, severity: state.severity, description: '', reportedAt: facts.reportedAt, reportedBy: '' },
    facts.workflowId,
  );
}

/**
 * Recomputes what every incident of a contract should have accrued, with the ladder engine's own
 * accrual schedule on each incident's pinned terms and persisted state, and compares it with the
 * ledger (rules: RECONCILIATION_RULES). Pure.
 */
export function reconcileContract(input: {
  contract: FinanceContract;
  incidents: IncidentFacts[];
  ledger: LedgerRowFact[];
  asOf: number;
}): ReconciliationResponse {
  const { contract, asOf } = input;
  const { currency } = contract;
  const wall = BusinessCalendar.twentyFourSeven();

  const byId = new Map<string, Work>();
  const blank = (facts: IncidentFacts): Work => {
    const status = facts.state?.status ?? facts.rowStatus;
    return {
      facts,
      status,
      off: OFF.has(status),
      breachedAt: null,
      start: null,
      end: asOf,
      interruptionMs: 0,
      owed: [],
      postAt: () => null,
      restoreDueAt: null,
      perPeriod: formatMoney('0', currency),
      cap: formatMoney('0', currency),
      currency,
      rate: null,
      basis: null,
      expected: new Map(),
      groups: [],
      firstAccrualId: null,
    };
  };

  for (const facts of input.incidents) {
    const w = blank(facts);
    byId.set(facts.id, w);
    const { state, pinned } = facts;
    if (!state) continue;
    if (!pinned) {
      w.problem = 'the incident has no pinned snapshot of its terms';
      continue;
    }
    try {
      const ctx = contextOf(facts, state, pinned);
      const terms = pinned.contract.penalty;
      if (!terms) continue; // a contract without money owes nothing
      w.currency = pinned.contract.currency;
      w.perPeriod = periodAmount(ctx);
      w.cap = penaltyCap(ctx).cap;
      w.rate = plainDecimal(terms.ratePerPeriod);
      w.basis = pinned.contract.totalValue;
      w.breachedAt = state.penalty.breachedAt;
      w.restoreDueAt = state.clocks['penalty.restoreWithin']?.dueAt ?? null;
      w.end = Math.min(state.restoredAt ?? state.closedAt ?? asOf, asOf);
      if (w.breachedAt === null) continue;
      w.start = terms.countFrom === 'breach' ? w.breachedAt : facts.reportedAt;
      w.interruptionMs = runningTime(wall, 'wall', w.start, Math.max(w.start, w.end), enginePauses(state));
      // Excluded and cancelled incidents: what they owed until the exclusion, all of it reversed since.
      const schedule = w.off ? { ...state, status: 'open' as const, restoredAt: state.restoredAt ?? state.closedAt } : state;
      w.owed = owedPeriods(ctx, schedule, Math.min(w.end, asOf));
      w.postAt = (k: number) => accrualPeriod(ctx, schedule, k)?.postAt ?? null;
    } catch (error) {
      w.problem = `its pinned terms or persisted state cannot be read: ${error instanceof Error ? error.message : String(error)}`;
      w.owed = [];
    }
  }

  // Manual adjustments are shown apart; those counted against the cap stay in the running net the cap is applied to.
  const adjustments = input.ledger.filter((r) => r.kind === 'adjustment');
  const rows = input.ledger.filter((r) => r.kind !== 'adjustment' || r.countsAgainstCap !== false).sort((a, b) => compareIds(a.id, b.id));
  for (const g of periodGroups(rows.filter((r) => r.kind !== 'adjustment'))) {
    let w = byId.get(g.incidentId);
    if (!w) {
      w = blank({ id: g.incidentId, workflowId: '', rowStatus: 'unknown', reportedAt: 0, pinned: null, state: null });
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

  const capScope = contract.terms?.capScope ?? 'contract';
  expectAfterCap(capScope, works, rows, byId);

  const results: IncidentReconciliation[] = works.map((w) => compare(w));
  return {
    contractId: contract.id,
    asOf: new Date(asOf).toISOString(),
    currency,
    capScope,
    ok: results.every((r) => r.result !== 'mismatch'),
    incidents: results,
    adjustments: {
      entries: adjustments.length,
      total: sumMoney(
        adjustments.filter((a) => a.currency === currency).map((a) => a.amount),
        currency,
      ),
      countedAgainstCap: sumMoney(
        adjustments.filter((a) => a.currency === currency && a.countsAgainstCap !== false).map((a) => a.amount),
        currency,
      ),
    },
  };

  function compare(w: Work): IncidentReconciliation {
    const issues: string[] = [];
    const notes: string[] = [];
    if (w.problem) issues.push(w.problem);
    if (w.facts.state === null && w.status !== 'unknown') notes.push('no workflow state persisted yet: nothing is expected');
    const currency = w.currency;
    const zero = formatMoney('0', currency);

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
        issues.push(`period ${g.periodIndex}: entries in ${g.currency}, the incident's terms are in ${currency}`);
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
    const otherRates = [...rates].filter((r) => r !== w.rate);
    const otherBases = [...bases].filter((b) => b !== w.basis);
    if (w.rate !== null && (otherRates.length || otherBases.length)) {
      issues.push(
        `posted with rate ${[...rates].join('/')} on ${[...bases].join('/')}; the incident's pinned terms say ${w.rate} on ${w.basis}`,
      );
    }

    let result: IncidentReconciliation['result'] = issues.length ? 'mismatch' : 'ok';
    if (result === 'mismatch' && !w.problem && ACCRUING.has(w.status)) {
      const oneAtTail =
        extra.length + missing.length === 1 &&
        Math.abs(livePeriods.length - expectedWritten.length) === 1 &&
        [...live.values()].every((n) => n >= 0 && n <= 1) &&
        w.groups.every((g) => g.currency === currency) &&
        compareMoney(new MoneyDecimal(difference).abs(), w.perPeriod) <= 0;
      const boundaries = [
        w.owed.length >= 1 ? w.postAt(w.owed.length) : null,
        w.postAt(w.owed.length + 1),
        w.breachedAt === null ? w.restoreDueAt : null,
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
        breachedAt: iso(w.breachedAt),
        accrualStart: iso(w.start),
        accrualEnd: new Date(w.end).toISOString(),
        interruptionMs: w.interruptionMs,
      },
      expected: {
        periods: w.off ? 0 : expectedWritten.length,
        net: expectedNet,
        owedPeriods: w.owed.length,
        cappedPeriods: w.off ? 0 : cappedPeriods,
      },
      ledger: { accruals, reversals, corrections, livePeriods: livePeriods.length, net: ledgerNet },
      difference,
      issues,
      notes,
    };
  }
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Rows grouped per incident and period (rows in ledger order). */
function periodGroups(rows: LedgerRowFact[]): LedgerPeriodGroup[] {
  const groups = new Map<string, LedgerPeriodGroup>();
  for (const r of rows) {
    const key = `${r.incidentId}\u0000${r.periodIndex}\u0000${r.currency}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        incidentId: r.incidentId,
        periodIndex: r.periodIndex,
        currency: r.currency,
        accruals: 0,
        reversals: 0,
        corrections: 0,
        net: '0',
        firstAccrualId: null,
        accrualIds: [],
        rates: [],
        bases: [],
      };
      groups.set(key, g);
    }
    if (r.kind === 'accrual') {
      g.accruals += 1;
      g.accrualIds.push(r.id);
      g.firstAccrualId ??= r.id;
    } else if (r.kind === 'reversal') g.reversals += 1;
    else g.corrections += 1;
    g.net = new MoneyDecimal(g.net).plus(r.amount).toFixed();
    if (!g.rates.includes(r.rate)) g.rates.push(r.rate);
    if (!g.bases.includes(r.basis)) g.bases.push(r.basis);
  }
  return [...groups.values()];
}

/**
 * What each owed period should have posted after the cap. The ledger caps postings in the order it
 * takes them (row ids are drawn under the cap lock), so each accrual row is expected to be its
 * period's amount cut to the headroom the rows before it left (net of reversals and corrections).
 * An owed period with no live row was taken somewhere between the moment it fell due (and its
 * incident's previous row) and its incident's next row: having no row is right when the cap was
 * reached somewhere in that window; otherwise the period is missing.
 */
function expectAfterCap(scope: 'contract' | 'incident', works: Work[], rows: LedgerRowFact[], byId: Map<string, Work>): void {
  const scopeOf = (incidentId: string) => (scope === 'contract' ? '' : incidentId);
  // posted[i]: net of the scope of row i before row i (running, per scope).
  const postedBefore: InstanceType<typeof MoneyDecimal>[] = [];
  const running = new Map<string, InstanceType<typeof MoneyDecimal>>();
  rows.forEach((row, i) => {
    const key = scopeOf(row.incidentId);
    const before = running.get(key) ?? new MoneyDecimal(0);
    postedBefore[i] = before;
    running.set(key, before.plus(row.amount));
  });
  const netAt = (key: string, position: number): InstanceType<typeof MoneyDecimal> => {
    for (let i = position; i < rows.length; i += 1) if (scopeOf(rows[i].incidentId) === key) return postedBefore[i];
    return running.get(key) ?? new MoneyDecimal(0);
  };

  // Rows: exact, at their own position.
  rows.forEach((row, i) => {
    const w = byId.get(row.incidentId)!;
    if (row.kind !== 'accrual' || w.off || w.problem) return;
    const r = applyCap({ amount: w.perPeriod, alreadyPosted: formatMoney(postedBefore[i], w.currency), cap: w.cap, currency: w.currency });
    w.expected.set(row.periodIndex, { amount: r.amount, capped: r.capped });
  });

  // Owed periods without a live row.
  let written = -Infinity;
  const writtenBy = rows.map((row) => (written = Math.max(written, row.at)));
  for (const w of works) {
    if (w.off || w.problem) continue;
    const liveCount = new Map<number, number>();
    for (const g of w.groups) liveCount.set(g.periodIndex, (liveCount.get(g.periodIndex) ?? 0) + g.accruals - g.reversals - g.corrections);
    const mine = rows.map((row, i) => ({ row, i })).filter(({ row }) => row.incidentId === w.facts.id && row.kind !== 'adjustment');
    // A correction closes a generation (reclassification): the current schedule was posted after the last one.
    const lastCorrection = mine.filter(({ row }) => row.kind === 'correction').pop()?.i ?? -1;
    const own = mine.filter(({ i }) => i > lastCorrection);
    const key = scopeOf(w.facts.id);
    for (const period of w.owed) {
      if ((liveCount.get(period.index) ?? 0) >= 1) continue;
      const dueAt = period.owedFrom ?? w.end;
      let lo = writtenBy.findIndex((t) => t >= dueAt);
      if (lo === -1) lo = rows.length;
      lo = Math.max(lo, lastCorrection + 1);
      for (const { row, i } of own) if (row.kind === 'accrual' && row.periodIndex < period.index) lo = Math.max(lo, i + 1);
      const next = own.find(({ row, i }) => i >= lo && (row.kind !== 'accrual' || row.periodIndex > period.index));
      const hi = next ? next.i : rows.length;
      let most = netAt(key, lo);
      for (let i = lo; i < hi; i += 1) {
        if (scopeOf(rows[i].incidentId) !== key) continue;
        const after = postedBefore[i].plus(rows[i].amount);
        if (after.gt(most)) most = after;
      }
      if (most.gte(w.cap)) w.expected.set(period.index, { amount: formatMoney('0', w.currency), capped: true });
      else {
        const r = applyCap({
          amount: w.perPeriod,
          alreadyPosted: formatMoney(netAt(key, lo), w.currency),
          cap: w.cap,
          currency: w.currency,
        });
        w.expected.set(period.index, { amount: r.amount, capped: r.capped });
      }
    }
  }
  // Rows of a cancelled generation leave expectations for periods the current schedule no longer owes.
  for (const w of works) {
    const owed = new Set(w.owed.map((p) => p.index));
    for (const k of [...w.expected.keys()]) if (!owed.has(k)) w.expected.delete(k);
  }
}
