/**
 * Escalation policy: per severity class, the target of every rung of the
 * ladder (DESIGN §4). Pure data + validation; no framework, no I/O, no clock,
 * so workflows, activities and controllers can all share it.
 *
 * A policy is data: the severity class names (urgent/serious/general,
 * critical/major/minor, …) come from the customer's letter, the rung slots are
 * fixed by the product (RUNG_TARGETS), and every target names its clock unit and
 * its anchor.
 */
import { DURATION_UNITS, Duration, DurationUnit, WALL_UNITS } from '../clock/types';
import { DomainValidationError, IssueCollector } from '../errors';

/** What a target is counted from: t0 (the report) or the moment its rung opened. */
export const TARGET_ANCHORS = ['report', 'rungStart'] as const;
export type TargetAnchor = (typeof TARGET_ANCHORS)[number];

/** A deadline on a clock, counted from its anchor. */
export type Target = Duration & { anchor: TargetAnchor };

/** The rungs of the ladder, in ladder order. */
export const RUNGS = ['triage', 'remote', 'onsite', 'spare', 'expert', 'penalty', 'signOff', 'faultReport'] as const;
export type Rung = (typeof RUNGS)[number];

export interface SeverityTargets {
  /** Phone triage: an engineer acknowledges the call. */
  triage: { respondWithin: Target };
  /** Remote diagnosis: session started; no remote fix by resolveWithin escalates on site. */
  remote: { startWithin: Target; resolveWithin: Target };
  /** On-site dispatch: engineer on site (default anchor: the dispatch decision). */
  onsite: { arriveWithin: Target };
  /** Spare unit: due when not restored triggerAfter; delivered within deliverWithin (default: of the trigger). */
  spare: { triggerAfter: Target; deliverWithin: Target };
  /** Expert consultation: opened when flagged or at triggerAfter; experts convene within conveneWithin. */
  expert: { triggerAfter: Target; conveneWithin: Target };
  /** Restore commitment; past it, penalty accrual starts (per the contract's penalty terms). */
  penalty: { restoreWithin: Target };
  /** Customer sign-off of the maintenance record (default anchor: the restore). */
  signOff: { within: Target };
  /** Fault report delivered to the customer (default anchor: the sign-off). */
  faultReport: { deliverWithin: Target };
}

export interface PolicyDefinition {
  /** Severity class name → rung targets. Insertion order is kept (conventionally most severe first). */
  severities: Record<string, SeverityTargets>;
}

export interface RungTargetSlot {
  /** "rung.field", e.g. "triage.respondWithin". */
  key: string;
  rung: Rung;
  field: string;
  /** Anchor used when the input omits one. */
  defaultAnchor: TargetAnchor;
  /** One line for humans (docs, API schema descriptions). */
  description: string;
}

/**
 * The fixed target slots of the ladder, in ladder order. Default anchors follow
 * DESIGN §4: on-site is counted from the dispatch decision, a spare from its
 * trigger, experts from the moment they are called, the sign-off from the
 * restore and the fault report from the sign-off; everything else from t0.
 */
export const RUNG_TARGETS = [
  {
    key: 'triage.respondWithin',
    rung: 'triage',
    field: 'respondWithin',
    defaultAnchor: 'report',
    description: 'an engineer acknowledges the call',
  },
  { key: 'remote.startWithin', rung: 'remote', field: 'startWithin', defaultAnchor: 'report', description: 'remote session started' },
  {
    key: 'remote.resolveWithin',
    rung: 'remote',
    field: 'resolveWithin',
    defaultAnchor: 'report',
    description: 'no remote fix by then escalates on site',
  },
  {
    key: 'onsite.arriveWithin',
    rung: 'onsite',
    field: 'arriveWithin',
    defaultAnchor: 'rungStart',
    description: 'engineer on site (from the dispatch decision by default)',
  },
  {
    key: 'spare.triggerAfter',
    rung: 'spare',
    field: 'triggerAfter',
    defaultAnchor: 'report',
    description: 'not restored by then: a spare unit is due',
  },
  {
    key: 'spare.deliverWithin',
    rung: 'spare',
    field: 'deliverWithin',
    defaultAnchor: 'rungStart',
    description: 'spare unit of no lower grade delivered (from the trigger by default)',
  },
  {
    key: 'expert.triggerAfter',
    rung: 'expert',
    field: 'triggerAfter',
    defaultAnchor: 'report',
    description: 'not restored by then: experts are called',
  },
  {
    key: 'expert.conveneWithin',
    rung: 'expert',
    field: 'conveneWithin',
    defaultAnchor: 'rungStart',
    description: 'experts convene (from the call for experts by default)',
  },
  {
    key: 'penalty.restoreWithin',
    rung: 'penalty',
    field: 'restoreWithin',
    defaultAnchor: 'report',
    description: 'service restored; past it penalties accrue',
  },
  {
    key: 'signOff.within',
    rung: 'signOff',
    field: 'within',
    defaultAnchor: 'rungStart',
    description: 'customer signs the maintenance record (from the restore by default)',
  },
  {
    key: 'faultReport.deliverWithin',
    rung: 'faultReport',
    field: 'deliverWithin',
    defaultAnchor: 'rungStart',
    description: 'fault report delivered (from the sign-off by default)',
  },
] as const satisfies readonly RungTargetSlot[];

export type TargetKey = (typeof RUNG_TARGETS)[number]['key'];

/** Severity class names: data, e.g. "urgent", "critical", "p1". */
export const SEVERITY_NAME_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/** Upper bound on any duration amount, whatever the unit (keeps every deadline far inside the Date range). */
export const MAX_DURATION_AMOUNT = 1_000_000;

export interface ListedTarget {
  key: TargetKey;
  rung: Rung;
  target: Target;
}

// ---------------------------------------------------------------------------
// helpers shared with other validators (penalty terms use checkDuration)

/**
 * Appends a key to a field path. Accepts both prefix conventions used in the
 * domain: "policy" and "policy." both give "policy.severities".
 */
export function joinPath(path: string, key: string): string {
  if (!path) return key;
  return path.endsWith('.') ? `${path}${key}` : `${path}.${key}`;
}

/** How a path is shown when the whole input is at fault. */
export function rootLabel(path: string): string {
  return path.replace(/\.$/, '') || '(root)';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(obj: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

export interface CheckDurationOptions {
  /** Units accepted (default: every unit). */
  units?: readonly DurationUnit[];
  /** Accept (and default) an `anchor` field; without it an anchor key is an unknown field. */
  defaultAnchor?: TargetAnchor;
}

/**
 * Checks a duration-shaped input, recording every problem in `issues`.
 * Returns the normalized duration (anchor filled in when `defaultAnchor` is
 * given) or undefined when it had problems.
 */
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
  const units = options.units ?? DURATION_UNITS;
  const withAnchor = options.defaultAnchor !== undefined;
  if (!isPlainObject(input)) {
    issues.add(rootLabel(path), `must be an object { amount, unit${withAnchor ? ', anchor' : ''} }`);
    return undefined;
  }
  const before = issues.issues.length;
  const allowed = withAnchor ? ['amount', 'unit', 'anchor'] : ['amount', 'unit'];
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) issues.add(joinPath(path, key), 'unknown field');
  }

  let unit: DurationUnit | undefined;
  if (!has(input, 'unit') || input.unit === undefined) {
    issues.add(joinPath(path, 'unit'), 'missing');
  } else if (typeof input.unit !== 'string' || !(units as readonly string[]).includes(input.unit)) {
    issues.add(joinPath(path, 'unit'), `must be one of ${units.join(', ')}`);
  } else {
    unit = input.unit as DurationUnit;
  }

  if (!has(input, 'amount') || input.amount === undefined) {
    issues.add(joinPath(path, 'amount'), 'missing');
  } else if (typeof input.amount !== 'number' || !Number.isFinite(input.amount) || input.amount <= 0) {
    issues.add(joinPath(path, 'amount'), 'must be a positive number');
  } else if (input.amount > MAX_DURATION_AMOUNT) {
    issues.add(joinPath(path, 'amount'), `must be at most ${MAX_DURATION_AMOUNT}`);
  } else if (unit === 'workingDays' && !Number.isInteger(input.amount)) {
    issues.add(joinPath(path, 'amount'), 'must be an integer for workingDays');
  }

  let anchor: TargetAnchor | undefined = options.defaultAnchor;
  if (withAnchor && has(input, 'anchor') && input.anchor !== undefined) {
    if (typeof input.anchor !== 'string' || !(TARGET_ANCHORS as readonly string[]).includes(input.anchor)) {
      issues.add(joinPath(path, 'anchor'), `must be one of ${TARGET_ANCHORS.join(', ')}`);
    } else {
      anchor = input.anchor as TargetAnchor;
    }
  }

  if (issues.issues.length > before || unit === undefined) return undefined;
  const amount = input.amount as number;
  return withAnchor ? { amount, unit, anchor: anchor as TargetAnchor } : { amount, unit };
}

/** True for units measured on the wall clock (elapsed time, calendar ignored). */
export function isWallUnit(unit: DurationUnit): boolean {
  return (WALL_UNITS as readonly string[]).includes(unit);
}

// ---------------------------------------------------------------------------
// policy validation

/**
 * Checks a policy definition, recording every problem (with its field path,
 * prefixed by `path`) in `issues`. Returns the normalized copy (anchors filled
 * in) when this part of the input had no problems, else undefined. Use it to
 * validate a policy embedded in a larger input and report everything at once.
 */
export function checkPolicyDefinition(input: unknown, path: string, issues: IssueCollector): PolicyDefinition | undefined {
  if (!isPlainObject(input)) {
    issues.add(rootLabel(path), 'must be an object { severities }');
    return undefined;
  }
  const before = issues.issues.length;
  for (const key of Object.keys(input)) {
    if (key !== 'severities') issues.add(joinPath(path, key), 'unknown field');
  }
  const sevPath = joinPath(path, 'severities');
  if (!has(input, 'severities') || input.severities === undefined) {
    issues.add(sevPath, 'missing');
    return undefined;
  }
  const severitiesIn = input.severities;
  if (!isPlainObject(severitiesIn)) {
    issues.add(sevPath, 'must be an object mapping severity class names to rung targets');
    return undefined;
  }
  const names = Object.keys(severitiesIn);
  if (names.length === 0) issues.add(sevPath, 'must define at least one severity class');

  const severities: Record<string, SeverityTargets> = {};
  for (const name of names) {
    const p = joinPath(sevPath, name);
    if (!SEVERITY_NAME_PATTERN.test(name)) {
      issues.add(
        p,
        'severity class name must match ^[a-z][a-z0-9_-]{0,31}$ (lower case letter first, then letters, digits, "_" or "-", at most 32)',
      );
      continue;
    }
    const targets = checkSeverityTargets(severitiesIn[name], p, issues);
    if (targets) severities[name] = targets;
  }
  if (issues.issues.length > before) return undefined;
  return { severities };
}

function checkSeverityTargets(input: unknown, path: string, issues: IssueCollector): SeverityTargets | undefined {
  if (!isPlainObject(input)) {
    issues.add(rootLabel(path), `must be an object with the rungs ${RUNGS.join(', ')}`);
    return undefined;
  }
  const before = issues.issues.length;
  for (const key of Object.keys(input)) {
    if (!(RUNGS as readonly string[]).includes(key)) issues.add(joinPath(path, key), 'unknown rung');
  }
  const out: Record<string, Record<string, Target>> = {};
  for (const rung of RUNGS) {
    const rp = joinPath(path, rung);
    const slots = RUNG_TARGETS.filter((s) => s.rung === rung);
    if (!has(input, rung) || input[rung] === undefined) {
      issues.add(rp, 'missing');
      continue;
    }
    const rungIn = input[rung];
    if (!isPlainObject(rungIn)) {
      issues.add(rp, `must be an object { ${slots.map((s) => s.field).join(', ')} }`);
      continue;
    }
    for (const key of Object.keys(rungIn)) {
      if (!slots.some((s) => s.field === key))
        issues.add(joinPath(rp, key), `unknown target (expected ${slots.map((s) => s.field).join(', ')})`);
    }
    const rungOut: Record<string, Target> = {};
    for (const slot of slots) {
      const tp = joinPath(rp, slot.field);
      if (!has(rungIn, slot.field) || rungIn[slot.field] === undefined) {
        issues.add(tp, 'missing');
        continue;
      }
      const target = checkDuration(rungIn[slot.field], tp, issues, { defaultAnchor: slot.defaultAnchor });
      if (target) rungOut[slot.field] = target;
    }
    out[rung] = rungOut;
  }
  if (issues.issues.length > before) return undefined;
  return out as unknown as SeverityTargets;
}

/**
 * Validates an escalation policy. Returns a normalized deep copy (omitted
 * anchors filled with their slot's default) or throws DomainValidationError
 * listing every problem with its field path (prefixed by `path` when given).
 */
export function validatePolicyDefinition(input: unknown, path = ''): PolicyDefinition {
  const issues = new IssueCollector();
  const def = checkPolicyDefinition(input, path, issues);
  issues.throwIfAny();
  return def as PolicyDefinition;
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

/** One target of one severity; throws DomainValidationError for an unknown severity. */
export function getTarget(def: PolicyDefinition, severity: string, key: TargetKey): Target {
  const slot = RUNG_TARGETS.find((s) => s.key === key);
  if (!slot) throw new DomainValidationError([{ path: 'target', message: `unknown target "${key}"` }]);
  const rung = severityTargets(def, severity)[slot.rung] as unknown as Record<string, Target>;
  return rung[slot.field];
}

/** Every target of one severity, in ladder order; throws DomainValidationError for an unknown severity. */
export function listTargets(def: PolicyDefinition, severity: string): ListedTarget[] {
  const targets = severityTargets(def, severity);
  return RUNG_TARGETS.map((slot) => ({
    key: slot.key,
    rung: slot.rung,
    target: (targets[slot.rung] as unknown as Record<string, Target>)[slot.field],
  }));
}
