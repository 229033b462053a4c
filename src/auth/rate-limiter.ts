import type { DataSource } from 'typeorm';

/**
 * The write rate limit per key (an API token id), shared by every API replica through PostgreSQL:
 * `burst` requests at once, then `ratePerSecond`. A token bucket kept as one instant per key, the
 * GCRA's theoretical arrival time `tat` (each allowed request moves it one emission interval
 * T = 1/rate later; a request is allowed while `max(tat, now) + T ≤ now + burst·T`), checked and
 * moved by one atomic statement on the database's clock — so replicas with skewed clocks agree.
 */
export class WriteRateLimiter {
  private readonly intervalSeconds: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {
    this.intervalSeconds = ratePerSecond > 0 ? 1 / ratePerSecond : 0;
  }

  get enabled(): boolean {
    return this.ratePerSecond > 0;
  }

  /**
   * Takes one request from `key`'s allowance: 0 when allowed, else the whole seconds to wait (≥ 1).
   * `at` evaluates at that instant instead of the database's clock (tests).
   */
  async take(key: string, at?: Date): Promise<number> {
    if (!this.enabled) return 0;
    // The insert-or-update changes the row only when the request is allowed (its WHERE); the
    // outer SELECT reads the statement's snapshot, i.e. the tat before it, to say how long to wait.
    // now() is fixed for the statement (one implicit transaction), the same instant everywhere in it.
    const [row]: Array<{ allowed: boolean; wait: number | null }> = await this.dataSource.query(
      `WITH params AS (
         SELECT COALESCE($4::timestamptz, now()) AS now, $2::float8 * interval '1 second' AS t, $3::int AS burst
       ), attempt AS (
         INSERT INTO api_write_rate AS r (token_id, tat)
         SELECT $1::uuid, now + t FROM params
         ON CONFLICT (token_id) DO UPDATE SET tat = GREATEST(r.tat + (SELECT t FROM params), EXCLUDED.tat)
           WHERE GREATEST(r.tat + (SELECT t FROM params), EXCLUDED.tat) <= EXCLUDED.tat + (SELECT (burst - 1) * t FROM params)
         RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM attempt) AS allowed,
         (SELECT EXTRACT(EPOCH FROM r.tat - p.now - (p.burst - 1) * p.t)::float8
            FROM api_write_rate r, params p WHERE r.token_id = $1::uuid) AS wait`,
      [key, this.intervalSeconds, this.burst, at?.toISOString() ?? null],
    );
    return row.allowed ? 0 : Math.max(1, Math.ceil(Number(row.wait)));
  }
}
