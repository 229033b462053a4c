import { log } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { notificationText } from '../src/i18n/notification-text';
import { documentContext } from './document-context';

export type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ ok: boolean; status: number }>;

export interface SendNotificationInput {
  idempotencyKey: string;
  incidentId: string;
  contractId: string;
  webhookUrl: string | null;
  kind: 'breach' | 'escalation' | 'closed';
  payload: Record<string, unknown>;
}

export function createNotificationActivities({
  dataSource,
  fetch: fetchImpl = fetch as unknown as Fetch,
  webhookTimeoutMs = 10_000,
}: {
  dataSource: DataSource;
  fetch?: Fetch;
  webhookTimeoutMs?: number;
}) {
  return {
    /**
     * Delivers a breach/escalation notice to the contract's webhook (or the log when it has none).
     * A non-2xx answer throws so Temporal retries with backoff; the Idempotency-Key header lets the
     * receiver drop the duplicate a crash between delivery and bookkeeping could cause. The body
     * carries a title and a text for people, in the language the incident pinned from its contract.
     */
    async sendNotification(input: SendNotificationInput): Promise<{ delivered: boolean; channel: string }> {
      const done: unknown[] = await dataSource.query(`SELECT 1 FROM notifications WHERE idempotency_key = $1`, [input.idempotencyKey]);
      if (done.length > 0) return { delivered: false, channel: 'already-delivered' };
      const context = await documentContext(dataSource, input.incidentId);
      const words = notificationText(context.language, input.kind, input.payload, {
        ...context,
        description: context.description ?? input.incidentId,
      });
      const body = {
        kind: input.kind,
        incidentId: input.incidentId,
        contractId: input.contractId,
        ...input.payload,
        language: context.language,
        ...words,
      };
      let channel = 'log';
      if (input.webhookUrl) {
        channel = 'webhook';
        const response = await fetchImpl(input.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': input.idempotencyKey },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(webhookTimeoutMs),
        });
        if (!response.ok) throw new Error(`webhook ${input.webhookUrl} answered HTTP ${response.status}`);
      } else {
        log.info(`incident ${input.kind}`, body);
      }
      await dataSource.query(
        `INSERT INTO notifications (idempotency_key, incident_id, kind, channel, target, payload)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (idempotency_key) DO NOTHING`,
        [input.idempotencyKey, input.incidentId, input.kind, channel, input.webhookUrl, JSON.stringify(body)],
      );
      return { delivered: true, channel };
    },
  };
}
