/**
 * Arm A, the floor: the least a Temporal workflow can do to mirror one incident lifecycle —
 * the same updates (7), the timers that fire in the real one (restore breach, one accrual) with
 * the same durations, and as many activity calls (no-ops) in the same places, taken from a
 * history of the real workflow (see FloorPlan). No state machine, no database.
 * Deterministic: no I/O, activities imported as types only.
 */
import { allHandlersFinished, condition, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { FloorActivities } from '../floor.activities';
import { FIRE_AND_FORGET, FLOOR_STEPS, type FloorPlan } from './plan';

const { noop } = proxyActivities<FloorActivities>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '10s' },
});

export async function floorWorkflow(plan: FloorPlan): Promise<number> {
  const background: Promise<void>[] = [];
  let calls = 0;
  const call = (kind: string): Promise<void> => {
    calls += 1;
    return noop(kind);
  };
  /** Runs a phase's activities in order; fire-and-forget ones are started and left running. */
  const run = async (kinds: string[]): Promise<void> => {
    for (const kind of kinds) {
      if (FIRE_AND_FORGET.includes(kind)) background.push(call(kind));
      else await call(kind);
    }
  };

  let signedOff = false;
  for (const step of FLOOR_STEPS) {
    setHandler(defineUpdate<number, []>(step), async () => {
      const kinds = plan.updates[step] ?? [];
      // The real update answers once its first write is done; the rest of the phase follows.
      const first = kinds.findIndex((k) => !FIRE_AND_FORGET.includes(k));
      if (first >= 0) await call(kinds[first]);
      background.push(run(kinds.filter((_, i) => i !== first)));
      if (step === 'signOff') signedOff = true;
      return calls;
    });
  }

  await run(plan.start);
  const timers = (async () => {
    for (const timer of plan.timers) {
      await sleep(timer.afterMs);
      await run(timer.activities);
    }
  })();
  await condition(() => signedOff);
  await timers;
  await condition(allHandlersFinished);
  // Phases may add to `background` while it is awaited: drain until nothing is left.
  while (background.length) await Promise.all(background.splice(0));
  return calls;
}
