/**
 * Field shapes every input reuses (names, free text, ids, instants, dates), so a rule such as
 * "a name is non-blank, at most 200 characters, without control characters" is written once.
 */
import { DateTime } from 'luxon';
import { isoDateToDayNumber } from './clock/dates';
import { z } from './validation';

export const NAME_MAX_LENGTH = 200;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why `value` is not an ISO 8601 instant with an offset, or undefined when it is one. */
export function instantProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be an ISO 8601 instant string with an offset or Z, e.g. "2026-11-20T17:00:00+08:00"';
  if (LOCAL_TIME.test(value)) {
    return `must include a UTC offset or Z ("${value}" is a local time without offset, which is ambiguous), e.g. "2026-11-20T17:00:00+08:00"`;
  }
  if (!INSTANT.test(value) || !DateTime.fromISO(value, { setZone: true }).isValid) {
    return `"${value}" is not a valid ISO 8601 instant, e.g. "2026-11-20T17:00:00+08:00"`;
  }
  return undefined;
}

/** Epoch ms of an instant string that passed {@link instantProblem}. */
export function parseInstant(value: string): number {
  return DateTime.fromISO(value, { setZone: true }).toMillis();
}

/** Why `value` is not a real ISO date "YYYY-MM-DD", or undefined. */
export function dateProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || isoDateToDayNumber(value) === null) return 'must be a valid ISO date "YYYY-MM-DD"';
  return undefined;
}

const withProblem = (problem: (value: unknown) => string | undefined) =>
  z.string({ error: (iss) => (iss.input === undefined ? 'missing' : problem(iss.input)) }).superRefine((v, ctx) => {
    const p = problem(v);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });

/** An ISO 8601 instant with an offset or Z (a local time is ambiguous and refused). */
export const isoInstant = () => withProblem(instantProblem).meta({ format: 'date-time', example: '2026-11-20T17:00:00+08:00' });

/** A real ISO date "YYYY-MM-DD". */
export const isoDate = () => withProblem(dateProblem).meta({ format: 'date', example: '2026-01-01' });

/** A human-readable name: non-blank, at most 200 characters, no control characters. */
export const name = () =>
  z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(NAME_MAX_LENGTH)
    .superRefine((v, ctx) => {
      if (!/\S/.test(v)) ctx.addIssue({ code: 'custom', message: 'must not be blank' });
      // eslint-disable-next-line no-control-regex
      else if (/[\u0000-\u001f\u007f]/.test(v)) ctx.addIssue({ code: 'custom', message: 'must not contain control characters' });
    });

/** Non-blank free text of at most `max` characters. */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => v.trim().length > 0, { error: 'must not be blank' });

/** A UUID (an id of ours). */
export const uuid = () => z.string().regex(UUID, { error: 'must be a UUID' }).meta({ format: 'uuid' });
