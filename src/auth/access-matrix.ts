import type { Role } from './roles';

/**
 * Who may call what: the one place the access rules are decided. Controllers apply these groups
 * with `@Roles(...)`; `test/e2e/access-matrix.test.ts` checks every route of the running app
 * against the same table, written out independently, so a route without a rule fails the build.
 *
 * | route                                                        | admin | engineer | finance | viewer |
 * |--------------------------------------------------------------|:-----:|:--------:|:-------:|:------:|
 * | GET calendars, policies (+ versions), contracts, templates   |   ✓   |    ✓     |    ✓    |   ✓    |
 * | GET contracts/{id}/exclusions (counts per cause, no money)   |   ✓   |    ✓     |    ✓    |   ✓    |
 * | POST calendars/{id}/deadline, policies/{id}/preview (reads)  |   ✓   |    ✓     |    ✓    |   ✓    |
 * | POST/PUT calendars, policies, contracts; POST template import|   ✓   |          |         |        |
 * | POST drafts (read a letter), POST drafts/apply               |   ✓   |          |         |        |
 * | GET incidents, incidents/{id}, incidents/{id}/report         |   ✓   |    ✓     |    ✓    |   ✓    |
 * | POST incidents (report), POST incidents/{id}/{step}          |       |    ✓     |         |        |
 * | GET ledger, contracts/{id}/penalties, …/reconciliation       |   ✓   |          |    ✓    |        |
 * | POST policies/{id}/simulate (past incidents' money)          |   ✓   |          |    ✓    |        |
 * | GET contracts/{id}/adjustments[/{adjustmentId}]              |   ✓   |          |    ✓    |        |
 * | POST contracts/{id}/adjustments (+ /approve, /reject)        |       |          |    ✓    |        |
 * | POST/GET tokens, GET tokens/{id}, POST tokens/{id}/revoke    |   ✓   |          |         |        |
 * | GET audit                                                    |   ✓   |          |         |        |
 * | GET session (who am I)                                       |   ✓   |    ✓     |    ✓    |   ✓    |
 * | GET /health, /docs, /docs-json                               | open (no token)                     |
 *
 * Decisions: admin reads everything (it configures contracts and their penalty terms, so it may
 * check the money they produce) but does not take incident steps — give a person both roles if
 * they do both. Viewer is read-only on configuration and incidents; money (ledger, penalty
 * summaries, reconciliation) is finance's and admin's only.
 */
export const ACCESS = {
  /** Configuration reads, previews, incident reads, and GET /session. */
  read: ['admin', 'engineer', 'finance', 'viewer'],
  /** Calendars, policies, contracts, template imports, drafts, tokens, the audit trail. */
  admin: ['admin'],
  /** Reporting incidents and taking their steps. */
  incidentWrite: ['engineer'],
  /** Ledger, penalty summaries, reconciliation, policy simulations (they show money). */
  finance: ['finance', 'admin'],
  /** Proposing, approving and rejecting manual ledger adjustments: finance people only (two of them, maker–checker). */
  adjustments: ['finance'],
} as const satisfies Record<string, readonly Role[]>;
