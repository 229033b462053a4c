/**
 * One definition per input shape: a zod schema gives the validation (with field paths and
 * unknown-key errors), the TypeScript type (z.output) and the OpenAPI schema (z.toJSONSchema).
 * This module turns zod's issues into the domain's FieldIssues, worded for people.
 */
import { z } from 'zod';
import { DomainValidationError, type FieldIssue } from './errors';

/** "severities.urgent.triage" / "holidays[2]" / "definition.week.monday[0].close". */
export function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix.replace(/\.$/, '');
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  record: 'an object',
  date: 'a date',
};

/** Wording for issues whose schema did not give its own message. */
function messageOf(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'missing';
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${typeName(input)}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `must have at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`;
      return issue.inclusive ? `must be at least ${issue.minimum}` : `must be greater than ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      return issue.inclusive ? `must be at most ${issue.maximum}` : `must be less than ${issue.maximum}`;
    case 'unrecognized_keys':
      return 'unknown field';
    case 'invalid_format':
      return `must be ${issue.format === 'regex' ? 'in the expected format' : `a valid ${issue.format}`}`;
    default:
      return issue.message;
  }
}

/** In a message, stands for the path of the issue's parent (a sibling named as "overlaps <parent>[1]"). */
export const PARENT = '\u0001';

/**
 * Issues in the order a reader meets them: rules across the items of a list (checked after the
 * items) are put back at their item, so a list's problems read in item order.
 */
function documentOrder(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const groups = new Map<string, Array<{ index: number; issue: z.core.$ZodIssue }>>();
  for (const issue of issues) {
    const at = issue.path.findIndex((k) => typeof k === 'number');
    const key = at === -1 ? JSON.stringify(issue.path) : JSON.stringify(issue.path.slice(0, at));
    const group = groups.get(key) ?? [];
    group.push({ index: at === -1 ? -1 : (issue.path[at] as number), issue });
    groups.set(key, group);
  }
  const ordered = [...groups.values()].flatMap((g) => g.sort((a, b) => a.index - b.index).map((x) => x.issue));
  // An object's unknown fields are named before the problems inside it (zod checks them last).
  for (let i = 0; i < ordered.length; i++) {
    const unknown = ordered[i];
    if (unknown.code !== 'unrecognized_keys') continue;
    const first = ordered.findIndex((x, j) => j < i && unknown.path.every((k, n) => x.path[n] === k));
    if (first !== -1) ordered.splice(first, 0, ...ordered.splice(i, 1));
  }
  return ordered;
}

/** Issues of a failed parse as FieldIssues; each unknown key is its own issue ("unknown field"). */
export function fieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return documentOrder(error.issues).flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: formatPath(prefix, [...issue.path, key]), message: issue.message || 'unknown field' }));
    }
    const path = formatPath(prefix, issue.path) || '(root)';
    const message = issue.message.split(PARENT).join(formatPath(prefix, issue.path.slice(0, -1)));
    return [{ path, message }];
  });
}

/**
 * A refinement that runs even when parts of the value failed (zod skips refinements after a
 * failed transform): it sees the value as far as it parsed, so it must check types itself.
 * For rules across items or fields that must be reported beside the items' own problems.
 */
export function refineAlways<T>(fn: (value: T, ctx: z.core.$RefinementCtx<T>) => void): z.core.$ZodCheck<T> {
  const check = z.superRefine(fn);
  (check._zod.def as { when?: () => boolean }).when = () => true;
  return check;
}

/** zod's own messages become ours, unless a schema worded its issue itself. */
z.config({
  customError: (issue) => messageOf(issue as unknown as z.core.$ZodIssue, issue.input),
});

/** Parses `input` or throws DomainValidationError naming every problem (paths prefixed by `prefix`). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new DomainValidationError(fieldIssues(result.error, prefix));
  return result.data;
}

export { z };
