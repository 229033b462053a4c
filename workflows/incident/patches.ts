/**
 * Behaviour changes of the incident workflow, each behind `patched(id)` so that incidents started on
 * older code replay and finish the old way while new ones take the new path (README "Changing a
 * workflow"). An id is never reused or removed while incidents started before it may still run.
 */
export const PATCHES = {
  /** The sign-off step answers once the incident is closed and its fault report written, so every read after it agrees. */
  signOffAnswersClosed: 'sign-off-answers-closed',
  /**
   * A step is applied at the instant the API received it (never before what the incident processed),
   * and its idempotency key (the update id) is remembered in the state, so a retry after
   * continue-as-new is answered, not applied twice.
   */
  stepKeysAcrossRuns: 'step-keys-across-runs',
  /** A policy's `penaltyFree` severity classes accrue nothing (and a reclassification across them corrects the ledger). */
  penaltyFreeClasses: 'penalty-free-classes',
  /** A policy's progress.updateEvery cadence runs: each missed update is a breach, a progress-update step starts the next cycle. */
  progressCadence: 'progress-update-cadence',
  /** A policy's named extra commitments (extras) open with their rungs, breach at their due instant, are met by their step. */
  extraCommitments: 'named-extra-commitments',
} as const;
