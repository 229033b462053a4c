/**
 * Errors that mean a part the answer needs is down (PostgreSQL, Temporal), recognised wherever they
 * surface so the client gets a bounded 503 naming the part instead of a bare 500.
 */
import { ServiceUnavailableError } from './errors';

const PG_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
const PG_DOWN_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connect ECONNREFUSED/i,
  /Client has encountered a connection error/i,
];

function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (
    let e = error, depth = 0;
    e && depth < 5;
    e = (e as { cause?: unknown; driverError?: unknown }).cause ?? (e as { driverError?: unknown }).driverError, depth++
  ) {
    out.push(e);
  }
  return out;
}

/** PostgreSQL could not be reached or went away mid-query. */
export function isPostgresDown(error: unknown): boolean {
  return causes(error).some((e) => {
    const { code, message } = (e ?? {}) as { code?: unknown; message?: unknown };
    return (
      (typeof code === 'string' && PG_DOWN_CODES.has(code)) ||
      (typeof message === 'string' && PG_DOWN_MESSAGES.some((re) => re.test(message)))
    );
  });
}

/** Temporal's frontend could not be reached (gRPC UNAVAILABLE) or did not answer in time (DEADLINE_EXCEEDED). */
export function isTemporalDown(error: unknown): boolean {
  return causes(error).some((e) => {
    const { code, name, message } = (e ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
    return (
      code === 14 ||
      code === 4 ||
      name === 'ConnectionError' ||
      (typeof message === 'string' && /(14 UNAVAILABLE|4 DEADLINE_EXCEEDED|Failed to connect|No connection established)/i.test(message))
    );
  });
}

/** The 503 for a dependency failure, or undefined when the error is something else. */
export function dependencyFailure(error: unknown): ServiceUnavailableError | undefined {
  if (error instanceof ServiceUnavailableError) return error;
  if (isPostgresDown(error))
    return new ServiceUnavailableError('PostgreSQL is unreachable: nothing was changed; retry shortly', 5, 'postgresql');
  if (isTemporalDown(error)) return new ServiceUnavailableError('Temporal is unreachable: retry shortly', 5, 'temporal');
  return undefined;
}
