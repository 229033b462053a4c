/** Application errors the HTTP filter maps to status codes; thrown by services, never by controllers. */
export class NotFoundError extends Error {
  constructor(readonly entity: string, readonly id: string) {
    super(`${entity} ${id} not found`);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends Error {
  constructor(message: string, readonly code = 'conflict') {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A workflow step the incident's current state does not accept (the workflow validator's reason). */
export class StepRefusedError extends Error {
  constructor(readonly step: string, reason: string) {
    super(reason);
    this.name = 'StepRefusedError';
  }
}

export class ServiceUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceUnavailableError';
  }
}
