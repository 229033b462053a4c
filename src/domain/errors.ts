/** One problem with an input, located by its field path (e.g. "severities.urgent.triage.respondWithin.amount"). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Thrown by pure domain code when input data is invalid; the HTTP layer maps it to 400. */
export class DomainValidationError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'DomainValidationError';
  }
}

/** Collects field issues while walking an input, then throws them all at once. */
export class IssueCollector {
  readonly issues: FieldIssue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw new DomainValidationError(this.issues);
  }
}
