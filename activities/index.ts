import type { DataSource } from 'typeorm';
import { createLedgerActivities } from './ledger.activities';
import { createNotificationActivities, type Fetch } from './notification.activities';
import { createReportActivities } from './report.activities';
import { createTimelineActivities } from './timeline.activities';

export interface ActivityDeps {
  dataSource: DataSource;
  /** Injected so tests can point webhooks at a local server; defaults to the global fetch. */
  fetch?: Fetch;
  webhookTimeoutMs?: number;
  /** Told what was written for the first time (never a retry's no-op): the worker's metrics count it. */
  observe?: ActivityObserver;
}

export interface ActivityObserver {
  timelineEventsWritten(events: ReadonlyArray<{ kind: string; data?: unknown }>): void;
  ledgerPostingWritten(kind: string): void;
}

/** Every side effect of the incident workflow, built from its dependencies. Each write is idempotent. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createTimelineActivities(deps),
    ...createLedgerActivities(deps),
    ...createNotificationActivities(deps),
    ...createReportActivities(deps),
  };
}

export type IncidentActivities = ReturnType<typeof createActivities>;
