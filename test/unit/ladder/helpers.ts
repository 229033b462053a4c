/**
 * Pure drivers for the escalation ladder (src/domain/ladder): no Temporal, no timers.
 * A `Run` plays the workflow's part: it feeds instants, takes steps the way the update handler
 * does (advance to `now`, check the refusal, apply) and, unless told otherwise, executes the
 * ledger commands the way the workflow's ledger activity does (so `state.penalty.postings` fills).
 */
import { CALENDAR_24X7 } from '../../../src/domain/clock';
import type { CalendarDefinition } from '../../../src/domain/clock/types';
import { validatePenaltyTerms, type PenaltyTerms } from '../../../src/domain/penalty/terms';
import { validatePolicyDefinition, type PolicyDefinition, type SeverityTargets, type Target } from '../../../src/domain/policy/policy';
import {
  advance,
  applyStep,
  emptyEffects,
  initialState,
  LadderContext,
  ledgerWork,
  settleLedgerWork,
  refusal,
  type Effects,
  type LedgerCommand,
  type LedgerPostingResult,
  type LedgerWorkItem,
  type StepName,
  type StepPayloads,
  type ClockKey,
  type ClockState,
  type IncidentState,
  type IncidentWorkflowInput,
  type TimelineEvent,
} from '../../../src/domain/ladder';

export const SEC = 1_000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** Monday 2 March 2026, 10:00 UTC. */
export const T0 = Date.UTC(2026, 2, 2, 10, 0, 0);
export const WF = 'incident-inc-1';

export const sec = (amount: number, anchor: Target['anchor'] = 'report'): Target => ({ amount, unit: 'seconds', anchor });

export type TargetOverrides = { [G in keyof SeverityTargets]?: Partial<SeverityTargets[G]> };

/**
 * Seconds-long targets, all distinct so every clock can be told apart (× scale):
 * triage 60 · remote start 300 / resolve 600 · onsite 300 (rungStart) · spare trigger 900 /
 * deliver 300 (rungStart) · expert trigger 1200 / convene 300 (rungStart) · restore 1800 ·
 * sign-off 300 (rungStart) · fault report 300 (rungStart).
 */
export function targets(overrides: TargetOverrides = {}, scale = 1): SeverityTargets {
  const base: SeverityTargets = {
    triage: { respondWithin: sec(60 * scale) },
    remote: { startWithin: sec(300 * scale), resolveWithin: sec(600 * scale) },
    onsite: { arriveWithin: sec(300 * scale, 'rungStart') },
    spare: { triggerAfter: sec(900 * scale), deliverWithin: sec(300 * scale, 'rungStart') },
    expert: { triggerAfter: sec(1200 * scale), conveneWithin: sec(300 * scale, 'rungStart') },
    penalty: { restoreWithin: sec(1800 * scale) },
    signOff: { within: sec(300 * scale, 'rungStart') },
    faultReport: { deliverWithin: sec(300 * scale, 'rungStart') },
  };
  for (const [group, t] of Object.entries(overrides)) {
    Object.assign((base as unknown as Record<string, object>)[group], t);
  }
  return base;
}

export function makePolicy(severities: Record<string, SeverityTargets>): PolicyDefinition {
  return validatePolicyDefinition({ severities });
}

/** urgent: the base targets; general: every target twice as long. */
export const DEFAULT_POLICY = makePolicy({ urgent: targets(), general: targets({}, 2) });

/** 0.25 % of the total per 10-second period, capped at 5 %, started periods counted from the report. */
export function makeTerms(overrides: Partial<PenaltyTerms> = {}): PenaltyTerms {
  return validatePenaltyTerms({ ratePerPeriod: '0.0025', capFraction: '0.05', period: { amount: 10, unit: 'seconds' }, ...overrides });
}

/** Monday–Friday 09:00–18:00 in UTC (instants are easy to read), no holidays. */
export const CALENDAR_5X8: CalendarDefinition = {
  zone: 'UTC',
  week: {
    monday: [{ open: '09:00', close: '18:00' }],
    tuesday: [{ open: '09:00', close: '18:00' }],
    wednesday: [{ open: '09:00', close: '18:00' }],
    thursday: [{ open: '09:00', close: '18:00' }],
    friday: [{ open: '09:00', close: '18:00' }],
  },
  holidays: [],
  extraWorkingDays: [],
};

export interface RunOptions {
  severity?: string;
  policy?: PolicyDefinition;
  calendar?: CalendarDefinition;
  /** null: a contract without penalty terms. */
  terms?: Partial<PenaltyTerms> | null;
  reportedAt?: number;
  totalValue?: string;
  currency?: string;
  workflowId?: string;
  /** Execute ledger commands after every tick/step like the effect driver (default true). */
  settleLedger?: boolean;
  /** The ledger port (default: no database, no cap, every posting written in full). */
  ledger?: LedgerPort;
  /** The contract's exclusion causes (absent: a snapshot pinned before contracts had them). */
  exclusionCauses?: string[] | null;
}

/** A synchronous ledger port: what the ledger answers for one posting of an incident. */
export type LedgerPort = (ctx: LadderContext, state: IncidentState, item: LedgerWorkItem) => LedgerPostingResult;

const uncappedLedger: LedgerPort = (_ctx, _state, item) => ({ amount: item.posting.amount, capApplied: false, written: true });

export function makeInput(o: RunOptions = {}): IncidentWorkflowInput {
  return {
    incidentId: 'inc-1',
    severity: o.severity ?? 'urgent',
    description: 'Core switch down',
    reportedAt: o.reportedAt ?? T0,
    reportedBy: 'customer:liu',
    policy: { id: 'pol-1', version: 3, definition: o.policy ?? DEFAULT_POLICY },
    calendar: { id: o.calendar ? 'cal-5x8' : '24x7', definition: o.calendar ?? CALENDAR_24X7 },
    contract: {
      id: 'con-1',
      customer: 'Dagang Hospital',
      totalValue: o.totalValue ?? '1000000.00',
      currency: o.currency ?? 'CNY',
      penalty: o.terms === null ? null : makeTerms(o.terms),
      webhookUrl: null,
      ...(o.exclusionCauses === undefined ? {} : { exclusionCauses: o.exclusionCauses }),
    },
  };
}

export const DEFAULT_PAYLOADS: { [S in StepName]: StepPayloads[S] } = {
  acknowledge: { actor: 'eng:li.na' },
  remoteSession: { actor: 'eng:li.na' },
  diagnosis: { actor: 'eng:li.na', outcome: 'needs_onsite' },
  dispatch: { actor: 'dispatcher:zhao', engineer: 'eng:wang.fang' },
  arrive: { actor: 'eng:wang.fang' },
  spare: { actor: 'eng:wang.fang', unitId: 'SPARE-001' },
  majorProblem: { actor: 'eng:wang.fang' },
  experts: { actor: 'lead:chen', experts: ['expert:sun', 'expert:zhou'] },
  progressUpdate: { actor: 'eng:wang.fang', note: 'PSU ordered' },
  commitmentMet: { actor: 'eng:li.na', name: 'definite-answer' },
  restore: { actor: 'eng:wang.fang', cause: 'PSU failure', method: 'Replaced PSU' },
  signOff: { actor: 'eng:wang.fang', signer: 'customer:liu' },
  pause: { actor: 'lead:chen', reason: 'force_majeure' },
  resume: { actor: 'lead:chen' },
  reclassify: { actor: 'lead:chen', severity: 'general' },
  exclude: { actor: 'lead:chen', reason: 'customer UPS failure' },
  cancel: { actor: 'lead:chen', reason: 'duplicate report' },
};

export function payloadFor<S extends StepName>(step: S, overrides: Partial<StepPayloads[S]> = {}): StepPayloads[S] {
  return { ...DEFAULT_PAYLOADS[step], ...overrides } as StepPayloads[S];
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export class Run {
  readonly ctx: LadderContext;
  readonly state: IncidentState;
  /** Every effect produced so far, in order. */
  readonly log: Effects = emptyEffects();
  /** Ledger commands not executed yet (only when settleLedger is false). */
  readonly pendingLedger: LedgerCommand[] = [];
  private readonly settle: boolean;

  constructor(readonly options: RunOptions = {}) {
    this.ctx = new LadderContext(makeInput(options), options.workflowId ?? WF);
    const init = initialState(this.ctx);
    this.state = init.state;
    this.settle = options.settleLedger ?? true;
    this.absorb(init.effects);
  }

  get t0(): number {
    return this.ctx.input.reportedAt;
  }

  /** advance(now) on its own (a durable timer firing). */
  tick(now: number): Effects {
    const e = emptyEffects();
    advance(this.ctx, this.state, e, now);
    this.absorb(e);
    return e;
  }

  /** The update handler: advance to `now`, then refuse or apply. Returns the refusal and the effects. */
  attempt<S extends StepName>(step: S, payload: StepPayloads[S], now: number): { refused: string | null; effects: Effects } {
    const e = emptyEffects();
    advance(this.ctx, this.state, e, now);
    const refused = refusal(this.ctx, this.state, step, payload);
    if (refused === null) applyStep(this.ctx, this.state, e, step, payload, now);
    this.absorb(e);
    return { refused, effects: e };
  }

  /** A step that must be accepted (throws with the refusal otherwise). */
  step<S extends StepName>(step: S, now: number, overrides: Partial<StepPayloads[S]> = {}): Effects {
    const { refused, effects } = this.attempt(step, payloadFor(step, overrides), now);
    if (refused !== null) throw new Error(`${step} refused at t0+${(now - this.t0) / SEC}s: ${refused}`);
    return effects;
  }

  clock(key: ClockKey): ClockState {
    const c = this.state.clocks[key];
    if (!c) throw new Error(`no clock ${key}`);
    return c;
  }

  events(kind?: string): TimelineEvent[] {
    return kind === undefined ? this.log.events : this.log.events.filter((e) => e.kind === kind);
  }

  /** Executes the queued ledger commands through the ledger port, as the effect driver does. */
  settleLedger(): void {
    const port = this.options.ledger ?? uncappedLedger;
    for (const command of this.pendingLedger.splice(0)) {
      for (const item of ledgerWork(this.state, command)) settleLedgerWork(this.state, item, port(this.ctx, this.state, item));
    }
  }

  snapshot(): IncidentState {
    return clone(this.state);
  }

  private absorb(e: Effects): void {
    this.log.events.push(...e.events);
    this.log.notifications.push(...e.notifications);
    this.log.ledger.push(...e.ledger);
    this.pendingLedger.push(...e.ledger);
    if (this.settle) this.settleLedger();
  }
}

/** Ledger 'post' commands of a batch of effects. */
export function posts(e: Effects): Array<Extract<LedgerCommand, { type: 'post' }>['posting']> {
  return e.ledger.flatMap((c) => (c.type === 'post' ? [c.posting] : []));
}

/**
 * An urgent incident walked to `stage` with every step well inside its target
 * (acknowledge +10 s, remote session +20 s, diagnosis +30 s, dispatch +40 s, arrive +50 s,
 * restore +60 s, sign-off +70 s). Returns the run and the instant of the last step.
 */
export function runAtStage(stage: IncidentState['stage'], options: RunOptions = {}): { run: Run; at: number } {
  const run = new Run(options);
  const t = (s: number): number => run.t0 + s * SEC;
  const path: Array<[StepName, number]> = [
    ['acknowledge', 10],
    ['remoteSession', 20],
    ['diagnosis', 30],
    ['dispatch', 40],
    ['arrive', 50],
    ['restore', 60],
    ['signOff', 70],
  ];
  const order: IncidentState['stage'][] = ['triage', 'remote', 'diagnosing', 'dispatch', 'en_route', 'onsite', 'restored', 'closed'];
  const n = order.indexOf(stage);
  let at = run.t0;
  for (const [step, s] of path.slice(0, n)) {
    run.step(step, t(s));
    at = t(s);
  }
  if (run.state.stage !== stage) throw new Error(`expected stage ${stage}, got ${run.state.stage}`);
  return { run, at };
}

/** seq of every event, in emission order, is 1..n without gaps. */
export function expectContiguous(events: TimelineEvent[], lastSeq: number): void {
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
}
