import { BusinessCalendar } from '../clock';
import type { Pause } from '../clock/types';
import { hasSeverity, type ExtraCommitment, type SeverityTargets, type Target } from '../policy/policy';
import type { ClockKey, IncidentState, IncidentWorkflowInput } from './types';

/** The clock key of a named extra commitment: `extra:<name>`. */
export const EXTRA_PREFIX = 'extra:';

const TERMINAL = new Set(['closed', 'cancelled', 'excluded']);

export function isTerminal(state: IncidentState): boolean {
  return TERMINAL.has(state.status);
}

export interface LadderOptions {
  /**
   * Honour the policy's `penaltyFree` classes. The workflow passes `patched('penalty-free-classes')`;
   * everything else (reconciliation, previews) computes with it on.
   */
  penaltyFreeClasses?: boolean;
  /**
   * Run the policy's progress-update cadence (progress.updateEvery). The workflow passes
   * `patched('progress-update-cadence')`; everything else computes with it on.
   */
  progressCadence?: boolean;
  /**
   * Open the policy's named extra commitments (extras) with their rungs. The workflow passes
   * `patched('named-extra-commitments')`; everything else computes with it on.
   */
  extraCommitments?: boolean;
  /** The pinned calendar already built (replays of many incidents share one and its memos). */
  calendar?: BusinessCalendar;
}

/** The per-incident context the ladder computes with, derived from the pinned snapshot. */
export class LadderContext {
  readonly calendar: BusinessCalendar;
  readonly penaltyFreeClasses: boolean;
  readonly progressCadence: boolean;
  readonly extraCommitments: boolean;
  constructor(
    readonly input: IncidentWorkflowInput,
    readonly workflowId: string,
    options: LadderOptions = {},
  ) {
    this.calendar = options.calendar ?? BusinessCalendar.of(input.calendar.definition);
    this.penaltyFreeClasses = options.penaltyFreeClasses ?? true;
    this.progressCadence = options.progressCadence ?? true;
    this.extraCommitments = options.extraCommitments ?? true;
  }

  /** The extra commitments `severity` makes on `rung` (only classes that promise the rung). */
  extrasOn(severity: string, rung: string): ExtraCommitment[] {
    if (!this.extraCommitments || !this.promises(severity, rung as keyof SeverityTargets)) return [];
    return (this.input.policy.definition.extras ?? []).filter(
      (e) => e.rung === rung && (e.severities === undefined || e.severities.includes(severity)),
    );
  }

  /** The extra commitment of that name, whatever the class. */
  extra(name: string): ExtraCommitment | undefined {
    return (this.input.policy.definition.extras ?? []).find((e) => e.name === name);
  }

  /** Whether breaches of this class accrue money: the contract has terms and the policy does not switch the class off. */
  accrues(severity: string): boolean {
    if (!this.input.contract.penalty) return false;
    return !(this.penaltyFreeClasses && (this.input.policy.definition.penaltyFree ?? []).includes(severity));
  }

  targets(severity: string): SeverityTargets {
    const targets = hasSeverity(this.input.policy.definition, severity) ? this.input.policy.definition.severities[severity] : undefined;
    if (!targets) throw new Error(`severity ${severity} is not in policy ${this.input.policy.id} v${this.input.policy.version}`);
    return targets;
  }

  /** The target of `key` in `severity`, or undefined when that class does not promise its rung. */
  target(severity: string, key: ClockKey): Target | undefined {
    if (key.startsWith(EXTRA_PREFIX)) {
      const extra = this.extra(key.slice(EXTRA_PREFIX.length));
      return extra && this.extrasOn(severity, extra.rung).includes(extra) ? extra.within : undefined;
    }
    const [group, name] = key.split('.') as [keyof SeverityTargets, string];
    return (this.targets(severity)[group] as unknown as Record<string, Target> | undefined)?.[name];
  }

  /** Whether `severity` promises `rung` (a rung the letter does not promise never opens nor breaches). */
  promises(severity: string, rung: keyof SeverityTargets): boolean {
    return this.targets(severity)[rung] !== undefined;
  }
}

export function enginePauses(state: IncidentState): Pause[] {
  return state.pauses.map((p) => ({ from: p.from, to: p.to }));
}
