/**
 * The worker's Prometheus endpoint: the Temporal SDK runtime's own metrics (Core's exporter, bound to
 * a private loopback port) followed by the product's counters, in one scrape at /metrics.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import type { ActivityObserver } from '../../activities';

/** A scrape waits this long for the SDK runtime's metrics, then answers with ours alone. */
export const SDK_SCRAPE_TIMEOUT_MS = 1000;

export class WorkerMetrics {
  readonly registry = new Registry();

  readonly breaches = new Counter({
    name: 'escalation_worker_breaches_total',
    help: 'Breaches this worker recorded (first write of the timeline event), by target',
    labelNames: ['target'] as const,
    registers: [this.registry],
  });

  readonly warnings = new Counter({
    name: 'escalation_worker_warnings_total',
    help: 'Escalation triggers fired (warnings before a breach) this worker recorded, by trigger',
    labelNames: ['trigger'] as const,
    registers: [this.registry],
  });

  readonly ledgerPostings = new Counter({
    name: 'escalation_worker_ledger_postings_total',
    help: 'Penalty ledger postings this worker wrote, by kind (accrual, reversal, correction)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'escalation_worker_' });
  }

  /** What the activities report their first writes to. */
  readonly observer: ActivityObserver = {
    timelineEventsWritten: (events) => {
      for (const event of events) {
        const clock = String((event.data as { clock?: unknown } | undefined)?.clock ?? 'unknown');
        if (event.kind === 'breach') this.breaches.inc({ target: clock });
        else if (event.kind === 'trigger_fired') this.warnings.inc({ trigger: clock });
      }
    },
    ledgerPostingWritten: (kind) => this.ledgerPostings.inc({ kind }),
  };
}

/** Serves GET /metrics on host:port; `sdkMetricsUrl` is the SDK runtime's exporter, appended first. */
export async function serveWorkerMetrics(options: {
  metrics: WorkerMetrics;
  host: string;
  port: number;
  sdkMetricsUrl?: string;
}): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: the metrics are at /metrics\n');
      return;
    }
    void (async () => {
      const sdk = options.sdkMetricsUrl ? await scrapeSdk(options.sdkMetricsUrl) : '';
      const ours = await options.metrics.registry.metrics();
      res.writeHead(200, { 'Content-Type': Registry.PROMETHEUS_CONTENT_TYPE, 'Cache-Control': 'no-store' }).end(sdk + ours);
    })().catch((error: Error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${error.message}\n`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function scrapeSdk(url: string): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(SDK_SCRAPE_TIMEOUT_MS) });
    const text = await res.text();
    return text.endsWith('\n') || text === '' ? text : `${text}\n`;
  } catch (error) {
    return `# the Temporal SDK runtime's metrics did not answer: ${(error as Error).message.split('\n')[0]}\n`;
  }
}
