/** Application errors the HTTP filter maps to status codes; thrown by services, never by controllers. */
export class NotFoundError extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends Error {
  constructor(
    message: string,
    readonly code = 'conflict',
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A workflow step the incident's current state does not accept (the workflow validator's reason). */
export class StepRefusedError extends Error {
  constructor(
    readonly step: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'StepRefusedError';
  }
}

/** A part the answer needs is down or too slow (503): the message names it; retry after the given seconds. */
export class ServiceUnavailableError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
    readonly part?: 'temporal' | 'worker' | 'postgresql',
  ) {
    super(message);
    this.name = 'ServiceUnavailableError';
  }
}

/** No credentials, or credentials that do not authenticate (401). */
export class UnauthorizedError extends Error {
  constructor(
    message: string,
    readonly tokenPresented = false,
  ) {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

/** An authenticated caller without a role the route needs (403); names the roles that would do. */
export class ForbiddenError extends Error {
  constructor(
    message: string,
    readonly requiredRoles: readonly string[],
  ) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** Too many writes from one token (429); `retryAfterSeconds` goes into Retry-After. */
export class RateLimitedError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }
}
