/**
 * Escalation policy: per severity class, the target of every rung of the ladder (DESIGN §4).
 * Pure data + validation; no framework, no I/O, no clock, so workflows, activities and controllers
 * can all share it. The severity class names come from the customer's letter; the rungs and their
 * target slots come from the catalogue (src/domain/catalogue.ts); the input shape is
 * PolicyDefinitionSchema (schema.ts), the one definition of its validation, type and OpenAPI schema.
 */
import { RUNGS, TARGET_ANCHORS, TARGET_SLOTS, type Rung, type TargetAnchor, type TargetKey, type TargetSlot } from '../catalogue';
import { WALL_UNITS, type Duration, type DurationUnit } from '../clock/types';
import { DomainValidationError, type IssueCollector } from '../errors';
import { fieldIssues, parseInput } from '../validation';
import { durationSchema, PolicyDefinitionSchema } from './schema';

export { RUNGS, TARGET_ANCHORS, type Rung, type TargetAnchor, type TargetKey };
export { MAX_DURATION_AMOUNT, SEVERITY_NAME_PATTERN } from './schema';

/** A deadline on a clock, counted from its anchor. */
export type Target = Duration & { anchor: TargetAnchor };

type SlotsOf<R extends Rung> = Extract<(typeof TARGET_SLOTS)[number], { rung: R }>;

/**
 * The targets of the rungs one severity class promises, shaped by the catalogue's target slots. A
 * rung the letter does not promise is absent: it never opens and never breaches.
 */
export type SeverityTargets = { [R in Rung]?: { [S in SlotsOf<R> as S['field']]: Target } };

export interface PolicyDefinition {
  /** Severity class name → rung targets. Insertion order is kept (conventionally most severe first). */
  severities: Record<string, SeverityTargets>;
  /** Severity classes that accrue no penalty (breaches still tracked); absent in policies from before it existed. */
  penaltyFree?: string[];
  /** Named extra commitments on a rung (issue 14 item 3); absent in policies from before them. */
  extras?: ExtraCommitment[];
}

/**
 * A named extra commitment: a deadline of its own on a rung, opened with the rung, met by `metBy`
 * (a ladder step, or the generic commitmentMet step naming it), breached like any deadline, never accruing money.
 */
export interface ExtraCommitment {
  name: string;
  rung: 'triage' | 'remote' | 'onsite' | 'spare' | 'expert' | 'penalty';
  within: Target;
  metBy: (typeof import('./schema').EXTRA_MET_BY)[number];
  /** The severity classes that make it; absent: every class that promises the rung. */
  severities?: string[];
}

/** The target slots of the ladder, in ladder order (the catalogue's). */
export const RUNG_TARGETS = TARGET_SLOTS;
export type RungTargetSlot = TargetSlot;

export interface ListedTarget {
  key: TargetKey;
  rung: Rung;
  target: Target;
}

// ---------------------------------------------------------------------------
// validation

function has(obj: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/**
 * Checks a policy definition, recording every problem (with its field path, prefixed by `path`)
 * in `issues`. Returns the normalized copy (anchors filled in) when this part of the input had no
 * problems, else undefined: for a policy embedded in a larger input, reported all at once.
 */
export function checkPolicyDefinition(input: unknown, path: string, issues: IssueCollector): PolicyDefinition | undefined {
  const result = PolicyDefinitionSchema.safeParse(input);
  if (result.success) return result.data as PolicyDefinition;
  for (const issue of fieldIssues(result.error, path)) issues.add(issue.path, issue.message);
  return undefined;
}

/**
 * Validates an escalation policy. Returns a normalized deep copy (omitted anchors filled with their
 * slot's default) or throws DomainValidationError listing every problem with its field path
 * (prefixed by `path` when given).
 */
export function validatePolicyDefinition(input: unknown, path = ''): PolicyDefinition {
  return parseInput(PolicyDefinitionSchema, input, path) as PolicyDefinition;
}

export interface CheckDurationOptions {
  /** Units accepted (default: every unit). */
  units?: readonly DurationUnit[];
  /** Accept (and default) an `anchor` field; without it an anchor key is an unknown field. */
  defaultAnchor?: TargetAnchor;
}

/** Checks a duration-shaped input into `issues`; returns it normalized, or undefined when it had problems. */
export function checkDuration(
  input: unknown,
  path: string,
  issues: IssueCollector,
  options: CheckDurationOptions & { defaultAnchor: TargetAnchor },
): Target | undefined;
export function checkDuration(input: unknown, path: string, issues: IssueCollector, options?: CheckDurationOptions): Duration | undefined;
export function checkDuration(
  input: unknown,
  path: string,
  issues: IssueCollector,
  options: CheckDurationOptions = {},
): Duration | Target | undefined {
  const result = durationSchema(options).safeParse(input);
  if (result.success) return result.data as Duration | Target;
  for (const issue of fieldIssues(result.error, path)) issues.add(issue.path, issue.message);
  return undefined;
}

/** True for units measured on the wall clock (elapsed time, calendar ignored). */
export function isWallUnit(unit: DurationUnit): boolean {
  return (WALL_UNITS as readonly string[]).includes(unit);
}

// ---------------------------------------------------------------------------
// reading a (validated) policy

/** The severity class names, in definition order. */
export function severityNames(def: PolicyDefinition): string[] {
  return Object.keys(def.severities);
}

export function hasSeverity(def: PolicyDefinition, severity: string): boolean {
  return has(def.severities as Record<string, unknown>, severity);
}

function severityTargets(def: PolicyDefinition, severity: string): SeverityTargets {
  if (!hasSeverity(def, severity)) {
    throw new DomainValidationError([
      { path: 'severity', message: `unknown severity class "${severity}" (policy defines ${severityNames(def).join(', ')})` },
    ]);
  }
  return def.severities[severity];
}

/**
 * One target of one severity (undefined when the class does not promise its rung); throws
 * DomainValidationError for an unknown severity or target.
 */
export function getTarget(def: PolicyDefinition, severity: string, key: TargetKey): Target | undefined {
  const slot = RUNG_TARGETS.find((s) => s.key === key);
  if (!slot) throw new DomainValidationError([{ path: 'target', message: `unknown target "${key}"` }]);
  const rung = severityTargets(def, severity)[slot.rung] as unknown as Record<string, Target> | undefined;
  return rung?.[slot.field];
}

/** Every target one severity promises, in ladder order; throws DomainValidationError for an unknown severity. */
export function listTargets(def: PolicyDefinition, severity: string): ListedTarget[] {
  const targets = severityTargets(def, severity);
  return RUNG_TARGETS.flatMap((slot) => {
    const rung = targets[slot.rung] as unknown as Record<string, Target> | undefined;
    return rung ? [{ key: slot.key, rung: slot.rung, target: rung[slot.field] }] : [];
  });
}

/** The rungs one severity does not promise, in ladder order (shown as "not promised"). */
export function unpromisedRungs(def: PolicyDefinition, severity: string): Rung[] {
  const targets = severityTargets(def, severity);
  return RUNGS.filter((rung) => targets[rung] === undefined);
}
