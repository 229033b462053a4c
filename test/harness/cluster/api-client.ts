/**
 * HTTP to the API replicas as an engineer would: each request goes to the next replica in turn,
 * with a deadline, and failures that a fault explains (no answer, 5xx, 429) are retried on the
 * other replica. Counts what it did, for the figures.
 */
import { untilInstant } from '../incidents';
import type { SeededRandom } from './random';

export interface HttpResult {
  status: number;
  body: any;
  replica: number;
  /** How many attempts `retrying` made (1 for `once`). */
  attempts: number;
}

export interface ClientFigures {
  requests: number;
  /** Attempts that got no answer, a 5xx or a 429 and were tried again. */
  retried: number;
  /** Steps answered 200 only on a retry under the same Idempotency-Key (the earlier attempt's answer was lost). */
  stepsRetried: number;
  /** Reports retried under their Idempotency-Key that found the incident an earlier attempt created. */
  reportsReplayed: number;
}

export class ApiClient {
  readonly figures: ClientFigures = { requests: 0, retried: 0, stepsRetried: 0, reportsReplayed: 0 };
  private turn = 0;
  private readonly writesInFlight: number[];
  /** Who waits for a write to start on each replica. */
  private readonly writeWaiters: Array<Array<() => void>>;

  constructor(
    private readonly urls: string[],
    private readonly token: string,
    private readonly random: SeededRandom,
  ) {
    this.writesInFlight = urls.map(() => 0);
    this.writeWaiters = urls.map(() => []);
  }

  /** Writes sent to replica `index` and not answered yet (a fault can aim at one). */
  inFlightWrites(index: number): number {
    return this.writesInFlight[index];
  }

  /** Resolves as soon as replica `index` has a write in flight (at once if it has), or after `timeoutMs`. */
  writeInFlight(index: number, timeoutMs: number): Promise<void> {
    if (this.writesInFlight[index] > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const waiters = this.writeWaiters[index];
      function done() {
        clearTimeout(timer);
        const i = waiters.indexOf(done);
        if (i >= 0) waiters.splice(i, 1);
        resolve();
      }
      waiters.push(done);
    });
  }

  /** One attempt, no retry; status 0 when no answer came (connection refused, reset, timed out). */
  async once(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
    const replica = this.turn++ % this.urls.length;
    this.figures.requests += 1;
    const write = method !== 'GET';
    if (write) {
      this.writesInFlight[replica] += 1;
      for (const wake of [...this.writeWaiters[replica]]) wake();
    }
    try {
      const res = await fetch(`${this.urls[replica]}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, replica, attempts: 1 };
    } catch (error) {
      return { status: 0, body: { error: (error as Error).message }, replica, attempts: 1 };
    } finally {
      if (write) this.writesInFlight[replica] -= 1;
    }
  }

  /**
   * Retries until an answer that is not a fault's (2xx, or a 4xx other than 429) or the deadline.
   */
  async retrying(
    method: string,
    path: string,
    options: {
      body?: unknown;
      headers?: Record<string, string>;
      timeoutMs?: number;
    } = {},
  ): Promise<HttpResult> {
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    for (let attempt = 1; ; attempt += 1) {
      const r = { ...(await this.once(method, path, options.body, options.headers)), attempts: attempt };
      const transient = r.status === 0 || r.status >= 500 || r.status === 429;
      if (!transient) return r;
      if (Date.now() > deadline)
        throw new Error(`${method} ${path}: still failing after ${attempt} attempts: ${r.status} ${JSON.stringify(r.body)}`);
      this.figures.retried += 1;
      // The next attempt at a seeded jittered instant, as a real client backs off.
      await untilInstant(Date.now() + this.random.between(200, 600));
    }
  }

  async get(path: string): Promise<any> {
    const r = await this.retrying('GET', path);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
}
