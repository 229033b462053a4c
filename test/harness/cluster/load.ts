/**
 * The load of one fault scenario: incidents reported over HTTP (Idempotency-Key, so a retried
 * report never makes two), and for each an engineer who acknowledges, starts the remote session
 * and restores service at instants drawn from the seed, through both API replicas, retrying what
 * a fault breaks. A step whose retry is refused is accepted only when the incident shows it done.
 */
import { randomUUID } from 'node:crypto';
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

type State = { stage: string; restoredAt?: number };

const STEPS: Array<{ path: string; body: Record<string, unknown>; done: (s: State) => boolean }> = [
  { path: 'acknowledge', body: {}, done: (s) => s.stage !== 'triage' },
  { path: 'remote-session', body: {}, done: (s) => s.stage !== 'triage' && s.stage !== 'remote' },
  { path: 'restore', body: { cause: 'fault matrix', method: 'restarted the service' }, done: (s) => s.restoredAt !== undefined },
];

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

/** Runs one incident's engineer; resolves with the incident id once service is restored. */
export async function runIncident(api: ApiClient, contractId: string, plan: IncidentPlan, startedAt: number): Promise<string> {
  await sleepUntil(startedAt + plan.reportAtMs);
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
  for (const [i, step] of STEPS.entries()) {
    await sleepUntil(i === 1 ? Date.now() + plan.remoteAfterMs : at[i]);
    let appliedEarlier = false;
    const r = await api.retrying('POST', `/incidents/${id}/${step.path}`, {
      body: step.body,
      settled: async (res, attempt) => {
        if (res.status !== 409 || attempt === 1) return false;
        // Refused on a retry: the earlier attempt may have been applied before its answer was lost.
        const { state } = await api.get(`/incidents/${id}`);
        appliedEarlier = step.done(state);
        return appliedEarlier;
      },
    });
    if (appliedEarlier) api.figures.appliedBeforeRetry += 1;
    else if (r.status !== 200) throw new Error(`${step.path} on incident ${id}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return id;
}
