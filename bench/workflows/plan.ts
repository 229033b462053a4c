/** What arm A's floor workflow and the driver share (no runtime imports: safe in and out of the sandbox). */

/** The engineer's steps the driver takes, in order (names of the incident workflow's updates). */
export const FLOOR_STEPS = ['acknowledge', 'remoteSession', 'diagnosis', 'dispatch', 'arrive', 'restore', 'signOff'] as const;
export type FloorStep = (typeof FLOOR_STEPS)[number];

/** Activities the real workflow sends without waiting (webhooks): started, and awaited only at the end. */
export const FIRE_AND_FORGET = ['sendNotification'];

export const FLOOR_WORKFLOW_TYPE = 'floorWorkflow';

/** Where the real workflow calls its activities; each entry is the product activity's type name. */
export interface FloorPlan {
  start: string[];
  updates: Partial<Record<FloorStep, string[]>>;
  /** Timers in firing order: each waits `afterMs` after the previous one, then runs its activities. */
  timers: Array<{ afterMs: number; activities: string[] }>;
}
