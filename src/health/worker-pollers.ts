import type { WorkflowService } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';

/**
 * A poller counts when it polled within this window. A worker's long poll waits up to ~70 s for
 * work on an idle queue, and the server lists a poller from the start of its poll, so an idle
 * healthy worker is last seen at most ~70 s ago; the server forgets pollers after 5 minutes.
 */
export const POLLER_RECENT_MS = 2 * 60_000;

const { TASK_QUEUE_TYPE_WORKFLOW, TASK_QUEUE_TYPE_ACTIVITY } = temporal.api.enums.v1.TaskQueueType;

/**
 * Resolves when the task queue has a recent poller for workflow tasks and one for activity tasks
 * (a worker of this product polls both); otherwise rejects saying which is missing.
 */
export async function checkWorkerPolling(
  service: WorkflowService,
  namespace: string,
  taskQueue: string,
  now: number = Date.now(),
): Promise<void> {
  const kinds = [
    { type: TASK_QUEUE_TYPE_WORKFLOW, label: 'workflow' },
    { type: TASK_QUEUE_TYPE_ACTIVITY, label: 'activity' },
  ];
  const answers = await Promise.all(
    kinds.map(({ type }) => service.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType: type })),
  );
  const missing = kinds.filter(
    (_, i) => !(answers[i].pollers ?? []).some((p) => now - (optionalTsToMs(p.lastAccessTime) ?? 0) <= POLLER_RECENT_MS),
  );
  if (missing.length > 0) {
    throw new Error(
      `no worker polls task queue ${taskQueue} for ${missing.map((k) => k.label).join(' and ')} tasks (none in the last ${POLLER_RECENT_MS / 1000} s)`,
    );
  }
}
