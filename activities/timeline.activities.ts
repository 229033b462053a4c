import type { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { ActivityObserver } from './index';
import { stepDefinition } from '../src/domain/catalogue';
import type { TimelineEvent, TimelineWrite } from '../src/domain/ladder';

export type PersistTimelineInput = TimelineWrite;

export function createTimelineActivities({ dataSource, observe }: { dataSource: DataSource; observe?: ActivityObserver }) {
  return {
    /**
     * Appends timeline events (unique on workflow id + seq, so a retry writes nothing twice)
     * and moves the read model forward (never backwards: guarded by the projection's seq).
     */
    async persistTimeline(input: PersistTimelineInput): Promise<{ inserted: number }> {
      let insertedSeqs = new Set<number>();
      const result = await dataSource.transaction(async (tx) => {
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
          insertedSeqs = new Set((rows as Array<{ seq: number }>).map((r) => r.seq));
        }
        if (input.events.length > 0) await auditEvents(tx, input);
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
      // After the commit, and only what this attempt wrote: a retry's events are not counted twice.
      if (insertedSeqs.size > 0) observe?.timelineEventsWritten(input.events.filter((e) => insertedSeqs.has(e.seq)));
      return result;
    },
  };
}

/** The audit row of a timeline event that a person caused: the report and every step. */
function auditRow(
  event: TimelineEvent,
  input: TimelineWrite,
): { tokenId: string | null; name: string; action: string; details: object } | null {
  const data = event.data as Record<string, unknown>;
  if (event.kind === 'reported') {
    const reporter = data.reporter as { tokenId: string | null; name: string; idempotencyKey?: string } | undefined;
    if (!reporter) return null; // reported before reports were audited here: the API audited it then
    return {
      tokenId: reporter.tokenId,
      name: reporter.name,
      action: 'incident.report',
      details: {
        contractId: data.contractId,
        severity: data.severity,
        reportedBy: event.actor,
        reportedAt: new Date(event.at).toISOString(),
        ...(reporter.idempotencyKey ? { idempotencyKey: reporter.idempotencyKey } : {}),
      },
    };
  }
  if (!event.kind.startsWith('step:')) return null;
  const step = event.kind.slice('step:'.length);
  const { actorTokenId, ...fields } = data;
  if (actorTokenId === undefined) return null; // taken before steps were audited here: the API audited it then
  return {
    tokenId: actorTokenId as string,
    name: event.actor ?? 'unknown',
    action: `incident.step.${stepDefinition(step)?.route ?? step}`,
    details: { step, ...fields, status: input.projection.status, stage: input.projection.stage },
  };
}

/** Audit rows in the timeline's own transaction, once per event (keyed by workflow id and seq). */
async function auditEvents(tx: EntityManager, input: TimelineWrite): Promise<void> {
  for (const event of input.events) {
    const row = auditRow(event, input);
    if (!row) continue;
    await tx.query(
      `INSERT INTO audit_log (at, actor_token_id, actor_name, action, entity_type, entity_id, details, source_key)
       VALUES (timestamptz 'epoch' + $1::bigint * interval '1 millisecond', $2, $3, $4, 'incident', $5, $6, $7)
       ON CONFLICT (source_key) WHERE source_key IS NOT NULL DO NOTHING`,
      [event.at, row.tokenId, row.name, row.action, input.incidentId, JSON.stringify(row.details), `${input.workflowId}:${event.seq}`],
    );
  }
}
