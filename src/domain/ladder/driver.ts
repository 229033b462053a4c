/**
 * The effect driver: performs what the ladder queued, in the order the ladder depends on.
 * Ledger first (the ledger's answers, capped amounts, enter the state), then the timeline with the
 * read model, then notifications. Its ports are the workflow's activities in production and plain
 * functions in unit tests, so the ordering is tested without a server.
 */
import { ledgerWork, penaltyCap, penaltyTerms, settleLedgerWork, type LedgerPostingResult } from './accrual';
import type { LadderContext } from './context';
import type { Effects, LedgerCommand, Notification } from './effects';
import type { IncidentState, IncidentView, LedgerPosting, TimelineEvent } from './types';
import { buildView } from './view';

/** One ledger row to post: the posting plus what the ledger needs to price, cap and trace it. */
export interface LedgerPostingRequest extends Omit<LedgerPosting, 'capApplied' | 'written' | 'cancelled' | 'generation'> {
  /** The accrual schedule's generation (informational: the key already carries it). */
  generation?: number;
  contractId: string;
  incidentId: string;
  currency: string;
  rate: string;
  basisAmount: string;
  cap: string;
  capScope: 'contract' | 'incident';
  workflowId: string;
  runId: string;
}

/** Timeline events to append and the read model to move forward (never backwards: guarded by seq). */
export interface TimelineWrite {
  workflowId: string;
  runId: string;
  incidentId: string;
  contractId: string;
  events: TimelineEvent[];
  projection: {
    seq: number;
    status: string;
    stage: string;
    rung: string;
    severity: string;
    nextDueAt: number | null;
    breachCount: number;
    view: IncidentView;
  };
}

export interface EffectPorts {
  postLedgerEntry(request: LedgerPostingRequest): Promise<LedgerPostingResult>;
  persistTimeline(write: TimelineWrite): Promise<unknown>;
  /** Fire and forget: delivery runs beside the ladder and must never hold it up. */
  notify(notification: Notification): void;
  now(): number;
}

export class EffectDriver {
  constructor(
    private readonly ctx: LadderContext,
    private readonly state: IncidentState,
    private readonly effects: Effects,
    private readonly ports: EffectPorts,
    private readonly run: { workflowId: string; runId: string },
  ) {}

  /** Drains every queued effect, including those queued while it waited. */
  async flush(): Promise<void> {
    const { effects, state } = this;
    while (effects.ledger.length > 0 || effects.events.length > 0 || effects.notifications.length > 0) {
      while (effects.ledger.length > 0) await this.executeLedger(effects.ledger.shift()!);
      const notifications = effects.notifications.splice(0);
      const events = effects.events.splice(0);
      const persistedUpTo = state.seq;
      const view = buildView(this.ctx, state, this.ports.now());
      if (events.length > 0 || state.persistedSeq < state.seq) {
        await this.ports.persistTimeline({
          workflowId: this.run.workflowId,
          runId: this.run.runId,
          incidentId: state.incidentId,
          contractId: this.ctx.input.contract.id,
          events,
          projection: {
            seq: state.seq,
            status: state.status,
            stage: state.stage,
            rung: state.rung,
            severity: state.severity,
            nextDueAt: view.nextDueAt,
            breachCount: state.breachCount,
            view,
          },
        });
        state.persistedSeq = Math.max(state.persistedSeq, persistedUpTo);
      }
      notifications.forEach((n) => this.ports.notify(n));
    }
  }

  private async executeLedger(command: LedgerCommand): Promise<void> {
    const { contract } = this.ctx.input;
    for (const item of ledgerWork(this.state, command)) {
      const { cap, scope } = penaltyCap(this.ctx);
      const result = await this.ports.postLedgerEntry({
        contractId: contract.id,
        incidentId: this.state.incidentId,
        currency: contract.currency,
        rate: penaltyTerms(this.ctx).ratePerPeriod,
        basisAmount: contract.totalValue,
        cap,
        capScope: scope,
        workflowId: this.run.workflowId,
        runId: this.run.runId,
        ...item.posting,
      });
      settleLedgerWork(this.state, item, result);
    }
  }
}
