/**
 * The load of one fault scenario: incidents reported over HTTP (Idempotency-Key, so a retried
 * report never makes two), and for each an engineer who acknowledges, starts the remote session
 * and restores service at instants drawn from the seed, through both API replicas, retrying what
 * a fault breaks. Every request carries an Idempotency-Key and its retries the same key, so a retry
 * answers like the first attempt: a step's retry refused (409) is a failure, never "probably done".
 */
import { randomUUID } from 'node:crypto';
import { untilInstant } from '../incidents';
import type { ApiClient } from './api-client';
import type { SeededRandom } from './random';

export interface IncidentPlan {
  /** After the scenario's start. */
  reportAtMs: number;
  /** After the report. */
  acknowledgeAfterMs: number;
  /** After the acknowledgement. */
  remoteAfterMs: number;
  /** After the report. */
  restoreAfterMs: number;
}

export function planIncidents(random: SeededRandom, count: number): IncidentPlan[] {
  return Array.from({ length: count }, () => ({
    reportAtMs: random.between(0, 3_000),
    acknowledgeAfterMs: random.between(1_000, 5_000),
    remoteAfterMs: random.between(500, 3_000),
    restoreAfterMs: random.between(8_000, 14_000),
  }));
}

/** The engineer's steps, in order (each once per incident: the invariants check the timeline for it). */
export const LOAD_STEPS: Array<{ path: string; body: Record<string, unknown> }> = [
  { path: 'acknowledge', body: {} },
  { path: 'remote-session', body: {} },
  { path: 'restore', body: { cause: 'fault matrix', method: 'restarted the service' } },
];

/** Runs one incident's engineer; resolves with the incident id once service is restored. */
export async function runIncident(api: ApiClient, contractId: string, plan: IncidentPlan, startedAt: number): Promise<string> {
  await untilInstant(startedAt + plan.reportAtMs);
  const key = randomUUID();
  const reported = await api.retrying('POST', '/incidents', {
    body: { contractId, severity: 'urgent', description: 'fault matrix: service down' },
    headers: { 'idempotency-key': key },
  });
  if (reported.status !== 201 && reported.status !== 200) throw new Error(`report: ${reported.status} ${JSON.stringify(reported.body)}`);
  const id = reported.body.id as string;
  if (reported.body.created === false) api.figures.reportsReplayed += 1;
  const reportedAt = Date.now();
  const at = [reportedAt + plan.acknowledgeAfterMs, 0, reportedAt + plan.restoreAfterMs];
  for (const [i, step] of LOAD_STEPS.entries()) {
    await untilInstant(i === 1 ? Date.now() + plan.remoteAfterMs : at[i]);
    const r = await api.retrying('POST', `/incidents/${id}/${step.path}`, {
      body: step.body,
      headers: { 'idempotency-key': `${key}:${step.path}` },
    });
    if (r.status !== 200) throw new Error(`${step.path} on incident ${id}: ${r.status} ${JSON.stringify(r.body)}`);
    if (r.attempts > 1) api.figures.stepsRetried += 1;
  }
  return id;
}
