import { BusinessCalendar } from '../clock';
import type { Pause } from '../clock/types';
import { hasSeverity, type SeverityTargets, type Target } from '../policy/policy';
import type { ClockKey, IncidentState, IncidentWorkflowInput } from './types';

const TERMINAL = new Set(['closed', 'cancelled', 'excluded']);

export function isTerminal(state: IncidentState): boolean {
  return TERMINAL.has(state.status);
}

/** The per-incident context the ladder computes with, derived from the pinned snapshot. */
export class LadderContext {
  readonly calendar: BusinessCalendar;
  /** `calendar`: the pinned calendar already built (replays of many incidents share one and its memos). */
  constructor(
    readonly input: IncidentWorkflowInput,
    readonly workflowId: string,
    calendar?: BusinessCalendar,
  ) {
    this.calendar = calendar ?? BusinessCalendar.of(input.calendar.definition);
  }

  targets(severity: string): SeverityTargets {
    const targets = hasSeverity(this.input.policy.definition, severity) ? this.input.policy.definition.severities[severity] : undefined;
    if (!targets) throw new Error(`severity ${severity} is not in policy ${this.input.policy.id} v${this.input.policy.version}`);
    return targets;
  }

  /** The target of `key` in `severity`, or undefined when that class does not promise its rung. */
  target(severity: string, key: ClockKey): Target | undefined {
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
