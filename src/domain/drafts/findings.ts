/**
 * What a letter says, as findings: each a kind, a value in the letter's own
 * terms (not the product model's), and its provenance in the ORIGINAL text.
 * The mapper to a template (to-template.ts) is the only place that knows the
 * current policy/contract shape, so the model can grow without touching this.
 */
import { Span } from './traced-text';
import { WrittenDuration, Weekday } from './quantities';

/**
 * Where a finding came from. `span`/`text` are the words that carry the value
 * (e.g. "30分钟内通过远程拨号访问"), `sentence` the whole sentence, both as
 * offsets into and slices of the text the user pasted.
 */
export interface Provenance {
  span: Span;
  text: string;
  sentence: { span: Span; text: string; normalised: string };
}

/** The steps of the ladder as letters promise them (rung + what is timed). */
export const LETTER_SLOTS = [
  'triage.respond',
  'remote.start',
  'remote.escalate',
  'onsite.arrive',
  'spare.trigger',
  'spare.deliver',
  'expert.trigger',
  'expert.convene',
  'restore',
  'signOff',
  'faultReport',
] as const;
export type LetterSlot = (typeof LETTER_SLOTS)[number];

/** A time a letter promises: a duration, "immediately", "the same day", or a vague word ("及时"). */
export type PromisedTime =
  ({ kind: 'duration' } & WrittenDuration) | { kind: 'immediate' } | { kind: 'same-day' } | { kind: 'vague'; word: string };

/** What a target is counted from, when the letter says ("接到用户通知后" = from the report). */
export type StatedAnchor = 'report' | 'previous-step';

/** A severity class as the letter names it: `key` is the class word ("紧急", "urgent"), `label` the whole label ("紧急情况"). */
export interface ClassRef {
  key: string;
  label: string;
}

export const EXCLUSION_CAUSES = [
  'power',
  'water',
  'ups',
  'customer-hardware',
  'operating-system',
  'operator-error',
  'network',
  'virus',
  'unauthorised-change',
  'force-majeure',
  'not-vendor-caused',
] as const;
export type ExclusionCause = (typeof EXCLUSION_CAUSES)[number];

export const REMEDIES = ['liable-for-losses', 'appropriate-compensation', 'cost-deduction', 'per-contract'] as const;
export type Remedy = (typeof REMEDIES)[number];

export type FindingValue =
  | { kind: 'severity-class'; class: ClassRef; name: string; definition?: string }
  | { kind: 'target'; slot: LetterSlot; class: ClassRef | null; promise: PromisedTime; anchor?: StatedAnchor }
  | {
      kind: 'calendar';
      daysPerWeek?: number;
      hoursPerDay?: number;
      weekdays?: { from: Weekday; to: Weekday };
      hours?: { open: string; close: string };
      scope: 'service' | 'hotline' | 'duty';
      class: ClassRef | null;
    }
  | { kind: 'penalty-rate'; fraction: string; per: WrittenDuration | null; basis: 'contract-total' | 'unstated' }
  | { kind: 'penalty-cap'; fraction: string; basis: 'contract-total' | 'unstated'; cumulative: boolean }
  | { kind: 'penalty-condition'; condition: 'vendor-caused' }
  | { kind: 'force-majeure'; effect: 'extend-deadlines' | 'no-liability' | 'excluded' | 'mentioned' }
  | { kind: 'exclusion'; cause: ExclusionCause }
  | { kind: 'remedy'; remedy: Remedy }
  | { kind: 'term'; months: number | null }
  | { kind: 'obligation'; name: string; recurrence: { every: WrittenDuration; times: number } | null; within?: WrittenDuration }
  | { kind: 'change-request'; request: string; step: 'reply' | 'deliver'; promise: PromisedTime }
  | {
      kind: 'extra-commitment';
      name: string;
      slot: LetterSlot | null;
      class: ClassRef | null;
      promise: PromisedTime | null;
      consequence?: Remedy;
    }
  | { kind: 'progress-updates'; every: WrittenDuration | null }
  | { kind: 'gap'; reason: string };

export type FindingKind = FindingValue['kind'];

export type Finding = FindingValue & { id: string; source: Provenance };
