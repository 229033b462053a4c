/** Arm A's activities: no-ops, one per activity call the real incident workflow makes. */
export function createFloorActivities() {
  return {
    /** Does nothing; `kind` names the product activity it stands in for (visible in histories). */
    async noop(_kind: string): Promise<void> {
      return;
    },
  };
}

export type FloorActivities = ReturnType<typeof createFloorActivities>;
