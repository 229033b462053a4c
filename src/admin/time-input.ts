/**
 * Time inputs of the admin API: instants are ISO 8601 with an offset or Z
 * (a local time without offset is ambiguous and refused); dates are
 * "YYYY-MM-DD". Used as class-validator decorators on DTO fields.
 */
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';
import { isoDateToDayNumber } from '../domain/clock/calendar';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?$/;

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

function decorator(name: string, problem: (value: unknown) => string | undefined, options?: ValidationOptions) {
  return (object: object, propertyName: string): void => {
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => problem(value) === undefined,
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} ${problem(args?.value) ?? 'is invalid'}`,
      },
    });
  };
}

/** An ISO 8601 instant with an offset or Z. */
export function IsIsoInstant(options?: ValidationOptions) {
  return decorator('isIsoInstant', instantProblem, options);
}

/** A real ISO date "YYYY-MM-DD". */
export function IsIsoDate(options?: ValidationOptions) {
  return decorator('isIsoDate', dateProblem, options);
}
