/**
 * The API's Prometheus series, in its own registry (one per app, so apps in one test process do not
 * share counts). Read-model gauges are read from PostgreSQL at scrape time, bounded in time.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** A scrape waits this long for the read-model counts, then answers without them. */
export const READ_MODEL_SCRAPE_TIMEOUT_MS = 1000;

export class ApiMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'escalation_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
    registers: [this.registry],
  });

  readonly steps = new Counter({
    name: 'escalation_steps_total',
    help: 'Incident steps received, by step and outcome (applied, refused, invalid, not_found, denied, rate_limited, unavailable, error)',
    labelNames: ['step', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(dataSource?: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'escalation_api_' });
    if (dataSource) this.readModelGauges(dataSource);
  }

  private readModelGauges(dataSource: DataSource): void {
    // A scrape reads every metric at once: the four gauges share one refresh (one pair of queries).
    let refreshing: Promise<void> | undefined;
    const collect = () => (refreshing ??= refresh().finally(() => (refreshing = undefined)));
    const gauge = (name: string, help: string, labelNames: string[] = []) =>
      new Gauge({ name, help, labelNames, registers: [this.registry], collect });
    const up = gauge(
      'escalation_read_model_up',
      '1 when the last scrape read the counts of breaches, warnings and ledger postings from PostgreSQL within 1 s, else 0',
    );
    const breaches = gauge('escalation_breaches_recorded', 'Breaches recorded in the incident timelines (read model), by target', [
      'target',
    ]);
    const warnings = gauge(
      'escalation_warnings_recorded',
      'Escalation triggers fired (warnings before a breach) recorded in the incident timelines, by trigger',
      ['trigger'],
    );
    const postings = gauge(
      'escalation_ledger_postings_recorded',
      'Penalty ledger postings recorded, by kind (accrual, reversal, correction)',
      ['kind'],
    );

    const refresh = async (): Promise<void> => {
      try {
        const [events, ledger] = await withTimeout(
          Promise.all([
            dataSource.query(
              `SELECT kind, data->>'clock' AS clock, count(*)::int AS n FROM incident_timeline
               WHERE kind IN ('breach', 'trigger_fired') GROUP BY 1, 2`,
            ) as Promise<Array<{ kind: string; clock: string | null; n: number }>>,
            dataSource.query(`SELECT kind, count(*)::int AS n FROM ledger_entries GROUP BY 1`) as Promise<
              Array<{ kind: string; n: number }>
            >,
          ]),
          READ_MODEL_SCRAPE_TIMEOUT_MS,
        );
        for (const g of [breaches, warnings, postings]) g.reset();
        for (const e of events) {
          if (e.kind === 'breach') breaches.set({ target: e.clock ?? 'unknown' }, e.n);
          else warnings.set({ trigger: e.clock ?? 'unknown' }, e.n);
        }
        for (const l of ledger) postings.set({ kind: l.kind }, l.n);
        up.set(1);
      } catch {
        up.set(0); // the other gauges keep their last values; the HTTP and step series still answer
      }
    };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
