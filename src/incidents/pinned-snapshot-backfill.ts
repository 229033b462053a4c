import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { arrayFromPayloads } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { IncidentWorkflowInput, PinnedSnapshot } from '../domain/ladder';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';

/** How many provisional pins one pass replaces (the pass repeats until none are left). */
const BATCH = 100;

/**
 * Replaces the provisional pins the PinnedSnapshots migration wrote for incidents that existed
 * before it with each workflow's own start input, the exact terms the incident ran under. Runs in
 * the background at API start; idempotent (only 'reconstructed' rows are touched). An incident
 * whose workflow the server no longer has keeps its reconstructed pin.
 */
@Injectable()
export class PinnedSnapshotBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(PinnedSnapshotBackfill.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  onApplicationBootstrap(): void {
    this.run().then(
      ({ replaced, kept }) => {
        if (replaced + kept > 0) this.logger.log(`pinned snapshots: ${replaced} taken from workflow inputs, ${kept} kept as reconstructed`);
      },
      (error: Error) => this.logger.warn(`pinned snapshot backfill stopped: ${error.message}`),
    );
  }

  async run(): Promise<{ replaced: number; kept: number }> {
    let replaced = 0;
    let kept = 0;
    const skipped: string[] = [];
    for (;;) {
      const rows: Array<{ id: string; workflow_id: string }> = await this.dataSource.query(
        `SELECT id, workflow_id FROM incidents WHERE pinned_source = 'reconstructed' AND NOT (id = ANY($1::uuid[])) ORDER BY id LIMIT $2`,
        [skipped, BATCH],
      );
      if (rows.length === 0) return { replaced, kept };
      for (const row of rows) {
        const pinned = await this.startInput(row.workflow_id);
        if (!pinned) {
          skipped.push(row.id);
          kept += 1;
          continue;
        }
        await this.dataSource.query(
          `UPDATE incidents SET pinned = $2::jsonb, pinned_source = 'workflow-input' WHERE id = $1 AND pinned_source = 'reconstructed'`,
          [row.id, JSON.stringify(pinned)],
        );
        replaced += 1;
      }
    }
  }

  /** The policy, calendar and contract terms the workflow was started with (any run carries them). */
  private async startInput(workflowId: string): Promise<PinnedSnapshot | null> {
    try {
      const { history } = await this.temporal.workflowService.getWorkflowExecutionHistory({
        namespace: this.temporal.options.namespace,
        execution: { workflowId },
        maximumPageSize: 1,
      });
      const payloads = history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
      const [input] = arrayFromPayloads(this.temporal.options.loadedDataConverter.payloadConverter, payloads) as [IncidentWorkflowInput?];
      if (!input?.policy || !input.calendar || !input.contract) return null;
      return { policy: input.policy, calendar: input.calendar, contract: input.contract };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError || (error as { code?: number }).code === 5) return null;
      throw error;
    }
  }
}
