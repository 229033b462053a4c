/**
 * Penalty accrual: the one schedule of accrual periods. The ladder posts from it as time passes;
 * reconciliation and simulations read the same schedule from a persisted state (owedPeriods).
 */
import { deadlineOf } from '../clock';
import { accrualPerPeriod, capAmount } from '../penalty/penalty';
import { enginePauses, type LadderContext } from './context';
import { record, type Effects, type LedgerCommand } from './effects';
import type { PenaltyTerms } from '../penalty/terms';
import type { IncidentState, LedgerPosting } from './types';

export interface AccrualPeriod {
  /** 1-based, within the current generation. */
  index: number;
  /** The instant the period is posted (and dated). */
  postAt: number | null;
  /** The earliest `now` at which it is owed (see accrualPeriod). */
  owedFrom: number | null;
  periodStart: number | null;
  periodEnd: number | null;
}

function periodBoundary(ctx: LadderContext, state: IncidentState, start: number, k: number): number | null {
  if (k === 0) return start;
  const { period } = penaltyTerms(ctx);
  return deadlineOf(ctx.calendar, start, { amount: period.amount * k, unit: period.unit }, enginePauses(state));
}

/**
 * Period `index` of the current generation's schedule, or null when nothing accrues for it.
 * 'started': period i is owed once service is still down just after its start (so a restore at
 * exactly that instant owes nothing) and is posted at max(start, breach). 'completed': owed and
 * posted at its end (never dated before the breach). Interruption ends at the restore. An open
 * pause hides every later boundary (null): paused time accrues nothing.
 */
export function accrualPeriod(ctx: LadderContext, state: IncidentState, index: number): AccrualPeriod | null {
  const { penalty } = state;
  const terms = ctx.input.contract.penalty;
  if (!terms || !ctx.accrues(state.severity) || penalty.breachedAt === null || state.status === 'excluded' || state.status === 'cancelled')
    return null;
  const start = terms.countFrom === 'breach' ? penalty.breachedAt : ctx.input.reportedAt;
  const periodStart = periodBoundary(ctx, state, start, index - 1);
  const periodEnd = periodBoundary(ctx, state, start, index);
  const started = terms.partialPeriod === 'started';
  const anchor = started ? periodStart : periodEnd;
  if (anchor === null) return { index, postAt: null, owedFrom: null, periodStart, periodEnd };
  const end = state.restoredAt ?? Infinity;
  if (started ? anchor >= end : anchor > end) return null;
  const postAt = Math.max(anchor, penalty.breachedAt);
  return { index, postAt, owedFrom: started ? postAt + 1 : postAt, periodStart, periodEnd };
}

/** The next period the ladder has not posted yet, or null when nothing more accrues. */
export function nextAccrual(ctx: LadderContext, state: IncidentState): AccrualPeriod | null {
  return accrualPeriod(ctx, state, state.penalty.periodsPosted + 1);
}

/**
 * Every period of the current generation owed by `asOf`, in order: exactly what the ladder has
 * posted once it has advanced to `asOf` (given the same pauses, breach and restore).
 */
export function owedPeriods(ctx: LadderContext, state: IncidentState, asOf: number): AccrualPeriod[] {
  const out: AccrualPeriod[] = [];
  for (let index = 1; ; index += 1) {
    const period = accrualPeriod(ctx, state, index);
    if (!period || period.owedFrom === null || period.postAt === null || period.owedFrom > asOf) return out;
    out.push(period);
  }
}

/** The nominal amount of one period: contract total × rate, rounded once to the minor unit. */
export function periodAmount(ctx: LadderContext): string {
  const { contract } = ctx.input;
  return accrualPerPeriod(contract.totalValue, penaltyTerms(ctx).ratePerPeriod, contract.currency);
}

/** The pinned penalty terms; only called where something accrues, which needs terms. */
export function penaltyTerms(ctx: LadderContext): PenaltyTerms {
  const terms = ctx.input.contract.penalty;
  if (!terms) throw new Error(`contract ${ctx.input.contract.id} carries no penalty terms`);
  return terms;
}

export function accrualKey(ctx: LadderContext, generation: number, index: number): string {
  return `${ctx.workflowId}:accrual:g${generation}:p${index}`;
}

/** Queues a posting for every period owed by `now` that is not posted yet. */
export function accrueDuePeriods(ctx: LadderContext, state: IncidentState, effects: Effects, now: number): void {
  const { contract } = ctx.input;
  for (;;) {
    const next = nextAccrual(ctx, state);
    if (!next || next.owedFrom === null || next.postAt === null || next.owedFrom > now) return;
    const amount = periodAmount(ctx);
    state.penalty.periodsPosted = next.index;
    const key = accrualKey(ctx, state.penalty.generation, next.index);
    effects.ledger.push({
      type: 'post',
      posting: {
        key,
        kind: 'accrual',
        periodIndex: next.index,
        periodStart: next.periodStart ?? next.postAt,
        periodEnd: next.periodEnd ?? next.postAt,
        amount,
        generation: state.penalty.generation,
      },
    });
    record(state, effects, 'penalty_period_due', next.postAt, undefined, {
      periodIndex: next.index,
      periodStart: next.periodStart,
      periodEnd: next.periodEnd,
      nominalAmount: amount,
      currency: contract.currency,
      idempotencyKey: key,
    });
  }
}

/**
 * The accruals a reversal/correction cancels (written, non-zero, not yet cancelled), each with its
 * negating posting. Keys derive from the accrual's, so a retry or replay posts each negation once.
 */
export function negationsFor(
  state: IncidentState,
  kind: 'reversal' | 'correction',
): Array<{ original: LedgerPosting; negation: Omit<LedgerPosting, 'capApplied' | 'written'> }> {
  return state.penalty.postings
    .filter((p) => p.kind === 'accrual' && p.written && !p.cancelled)
    .map((original) => ({
      original,
      negation: {
        key: `${original.key}:${kind}`,
        kind,
        periodIndex: original.periodIndex,
        periodStart: original.periodStart,
        periodEnd: original.periodEnd,
        amount: original.amount.startsWith('-') ? original.amount.slice(1) : `-${original.amount}`,
        generation: original.generation,
      },
    }));
}

/** One posting a ledger command asks for, and the accrual it cancels (for reversals and corrections). */
export interface LedgerWorkItem {
  posting: Omit<LedgerPosting, 'capApplied' | 'written'>;
  cancels?: LedgerPosting;
}

/** What the ledger answered for one posting: the amount after the cap, and whether a row was written. */
export interface LedgerPostingResult {
  written: boolean;
  amount: string;
  capApplied: boolean;
}

/** The postings a ledger command stands for, in the order they must be posted. */
export function ledgerWork(state: IncidentState, command: LedgerCommand): LedgerWorkItem[] {
  if (command.type === 'post') return [{ posting: command.posting }];
  return negationsFor(state, command.kind).map(({ original, negation }) => ({ posting: negation, cancels: original }));
}

/** Enters the ledger's answer for one work item into the state (the cancelled accrual is marked). */
export function settleLedgerWork(state: IncidentState, item: LedgerWorkItem, result: LedgerPostingResult): LedgerPosting {
  const posted: LedgerPosting = { ...item.posting, amount: result.amount, capApplied: result.capApplied, written: result.written };
  if (item.cancels) item.cancels.cancelled = true;
  state.penalty.postings.push(posted);
  return posted;
}

/** Cap for the ledger port: fraction of the contract total, per contract or per incident. */
export function penaltyCap(ctx: LadderContext): { cap: string; scope: 'contract' | 'incident' } {
  const { contract } = ctx.input;
  const terms = penaltyTerms(ctx);
  return { cap: capAmount(contract.totalValue, terms.capFraction, contract.currency), scope: terms.capScope };
}
