import type { DataSource } from 'typeorm';
import type { TimelineWrite } from '../src/domain/ladder';

export type PersistTimelineInput = TimelineWrite;

export function createTimelineActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /**
     * Appends timeline events (unique on workflow id + seq, so a retry writes nothing twice)
     * and moves the read model forward (never backwards: guarded by the projection's seq).
     */
    async persistTimeline(input: PersistTimelineInput): Promise<{ inserted: number }> {
      return dataSource.transaction(async (tx) => {
        let inserted = 0;
        if (input.events.length > 0) {
          const rows: unknown[] = await tx.query(
            `INSERT INTO incident_timeline (incident_id, workflow_id, seq, kind, at, actor, data)
             SELECT $2, $3, e.seq, e.kind, timestamptz 'epoch' + e.at * interval '1 millisecond', e.actor, e.data
             FROM jsonb_to_recordset($1::jsonb) AS e(seq integer, kind text, at bigint, actor text, data jsonb)
             ON CONFLICT (workflow_id, seq) DO NOTHING
             RETURNING seq`,
            [JSON.stringify(input.events), input.incidentId, input.workflowId],
          );
          inserted = rows.length;
        }
        const p = input.projection;
        await tx.query(
          `UPDATE incidents SET status = $2, stage = $3, rung = $4, severity = $5,
             next_due_at = CASE WHEN $6::bigint IS NULL THEN NULL ELSE timestamptz 'epoch' + $6::bigint * interval '1 millisecond' END,
             breach_count = $7, projection_seq = $8, state = $9::jsonb, updated_at = now()
           WHERE id = $1 AND projection_seq < $8`,
          [input.incidentId, p.status, p.stage, p.rung, p.severity, p.nextDueAt, p.breachCount, p.seq, JSON.stringify(p.view)],
        );
        return { inserted };
      });
    },
  };
}
