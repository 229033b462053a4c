/**
 * The finance-read benchmark: a ledger of 1,000,000 rows over 1,000 contracts (10 incidents each,
 * a year of postings in id order, as an append-only ledger grows), bulk-inserted with
 * generate_series (INSERT is what the append-only trigger allows), then VACUUM ANALYZE.
 * Measured over HTTP through the real API, one request at a time:
 *  - the per-contract penalty summary (GET /contracts/{id}/penalties);
 *  - a month's CSV export of one contract and of the whole ledger (GET /ledger?from&to&format=csv).
 * And the query plans of the same SQL (EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON), and the plan the
 * CSV export's cursor gets), checked for the ledger indexes.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { HttpClient } from './lib/http';
import { BENCH_TERMS, benchTargets } from './lib/fixtures';
import { distribution, type Distribution } from './lib/stats';
import { validatePolicyDefinition } from '../src/domain/policy/policy';
import { LEDGER_SELECT_COLUMNS } from '../src/ledger/ledger.service';
import { CONTRACT_PENALTIES_SQL } from '../src/ledger/penalties.service';

export interface FinanceConfig {
  rows: number;
  contracts: number;
  incidentsPerContract: number;
  summarySamples: number;
  contractCsvSamples: number;
  monthCsvSamples: number;
}

export interface PlanCheck {
  query: string;
  expectedIndex: string;
  usesIndex: boolean;
  /** Node types and index names found in the plan, outermost first. */
  nodes: string[];
  executionMs: number | null;
  planningMs: number | null;
}

export interface FinanceResult {
  rows: number;
  contracts: number;
  loadSeconds: number;
  vacuumAnalyzeSeconds: number;
  tableMiB: number;
  indexesMiB: number;
  summary: Distribution;
  contractMonthCsv: Distribution & { rowsPerExport: number };
  monthCsv: Distribution & { rowsPerExport: number; mibPerExport: number };
  plans: PlanCheck[];
  /** The month export's cursor in SQL alone: as the API runs it, and with cursor_tuple_fraction = 1. */
  monthCursorSql: { defaultMs: Distribution; fractionOneMs: Distribution; rows: number; planWithFractionOne: string[] };
}

/** A valid version-4-shaped UUID derived from a text expression (md5), so ids are reproducible in SQL. */
const uuidOf = (text: string) =>
  `(SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18))::uuid FROM md5(${text}) AS h)`;

const YEAR_START = '2025-11-01T00:00:00Z';
const YEAR_MS = 365 * 86_400_000;
const MONTH_FROM = '2026-06-01T00:00:00Z';
const MONTH_TO = '2026-07-01T00:00:00Z';

const CONTRACT_MONTH_SQL = `SELECT ${LEDGER_SELECT_COLUMNS} FROM ledger_entries WHERE contract_id = $1 AND created_at >= $2::timestamptz AND created_at < $3::timestamptz ORDER BY ledger_entries.id`;
const MONTH_SQL = `SELECT ${LEDGER_SELECT_COLUMNS} FROM ledger_entries WHERE created_at >= $1::timestamptz AND created_at < $2::timestamptz ORDER BY ledger_entries.id`;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, out: string[]): void {
  out.push(
    node['Index Name']
      ? `${node['Node Type']} on ${node['Index Name']}`
      : node['Relation Name']
        ? `${node['Node Type']} on ${node['Relation Name']}`
        : node['Node Type'],
  );
  for (const child of node.Plans ?? []) walk(child, out);
}

const INDEX_NODES = ['Index Scan', 'Index Only Scan', 'Bitmap Index Scan'];

async function explain(
  pool: Pool,
  label: string,
  sql: string,
  params: unknown[],
  expectedIndex: string,
  cursor: boolean,
): Promise<PlanCheck> {
  const client = await pool.connect();
  try {
    let json: Array<{ Plan: PlanNode; 'Execution Time'?: number; 'Planning Time'?: number }>;
    if (cursor) {
      // The export reads through a cursor, which the planner optimizes for the first rows
      // (cursor_tuple_fraction): check the plan the cursor itself gets.
      await client.query('BEGIN');
      const { rows } = await client.query(`EXPLAIN (FORMAT JSON) DECLARE bench_plan NO SCROLL CURSOR FOR ${sql}`, params);
      await client.query('ROLLBACK');
      json = rows[0]['QUERY PLAN'];
    } else {
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
      json = rows[0]['QUERY PLAN'];
    }
    const nodes: string[] = [];
    walk(json[0].Plan, nodes);
    const usesIndex = nodes.some((n) => INDEX_NODES.some((t) => n === `${t} on ${expectedIndex}`));
    return {
      query: label,
      expectedIndex,
      usesIndex,
      nodes,
      executionMs: json[0]['Execution Time'] ?? null,
      planningMs: json[0]['Planning Time'] ?? null,
    };
  } finally {
    client.release();
  }
}

/**
 * What the CSV export does in PostgreSQL, without HTTP: a REPEATABLE READ transaction, a cursor,
 * FETCH FORWARD 1000 until done. With `tupleFraction`, SET LOCAL cursor_tuple_fraction first (the
 * export reads every row, so the planner may as well optimize for the whole result).
 */
async function cursorExportMs(pool: Pool, sql: string, params: unknown[], tupleFraction?: number): Promise<{ ms: number; rows: number }> {
  const client = await pool.connect();
  try {
    const t = performance.now();
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    if (tupleFraction !== undefined) await client.query(`SET LOCAL cursor_tuple_fraction = ${tupleFraction}`);
    await client.query(`DECLARE bench_export NO SCROLL CURSOR FOR ${sql}`, params);
    let rows = 0;
    for (;;) {
      const r = await client.query('FETCH FORWARD 1000 FROM bench_export');
      rows += r.rowCount ?? 0;
      if ((r.rowCount ?? 0) < 1000) break;
    }
    await client.query('COMMIT');
    return { ms: performance.now() - t, rows };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function load(
  pool: Pool,
  config: FinanceConfig,
  log: (l: string) => void,
): Promise<{ contracts: string[]; loadSeconds: number; vacuumSeconds: number }> {
  const tag = randomUUID().slice(0, 8);
  const policyId = randomUUID();
  const t0 = Date.now();
  await pool.query(`INSERT INTO policies (id, name, current_version) VALUES ($1, $2, 1)`, [policyId, `finance-policy-${tag}`]);
  await pool.query(`INSERT INTO policy_versions (policy_id, version, definition) VALUES ($1, 1, $2)`, [
    policyId,
    JSON.stringify(validatePolicyDefinition({ severities: { urgent: benchTargets() } })),
  ]);
  const C = config.contracts;
  const K = config.incidentsPerContract;
  await pool.query(
    `INSERT INTO contracts (id, name, customer, total_value, currency, calendar_id, policy_id, penalty_terms)
     SELECT ${uuidOf(`$1 || ':c:' || c`)}, 'finance-' || $1 || '-' || c, 'Finance customer ' || c, 1000000, 'CNY', '24x7', $2, $3
     FROM generate_series(0, $4::int - 1) c`,
    [tag, policyId, JSON.stringify(BENCH_TERMS), C],
  );
  await pool.query(
    `INSERT INTO incidents (id, workflow_id, contract_id, severity, description, reported_at, policy_id, policy_version, status, rung, stage)
     SELECT ${uuidOf(`$1 || ':i:' || c || ':' || k`)}, 'incident-' || ${uuidOf(`$1 || ':i:' || c || ':' || k`)},
            ${uuidOf(`$1 || ':c:' || c`)}, 'urgent', 'finance bench', $2::timestamptz, $3, 1, 'closed', 'penalty', 'closed'
     FROM generate_series(0, $4::int - 1) c, generate_series(0, $5::int - 1) k`,
    [tag, YEAR_START, policyId, C, K],
  );
  // Rows in posting order over a year; contract g % C, its incident (g / C) % K; one in 50 a reversal.
  const chunk = 100_000;
  for (let lo = 0; lo < config.rows; lo += chunk) {
    const hi = Math.min(config.rows, lo + chunk) - 1;
    await pool.query(
      `INSERT INTO ledger_entries (contract_id, incident_id, kind, period_index, period_start, period_end, amount, currency,
         rate, basis_amount, cap_applied, created_at, workflow_id, run_id, idempotency_key)
       SELECT ${uuidOf(`$1 || ':c:' || (g % $2)`)},
              ${uuidOf(`$1 || ':i:' || (g % $2) || ':' || ((g / $2) % $3)`)},
              CASE WHEN g % 50 = 49 THEN 'reversal' ELSE 'accrual' END,
              g / ($2 * $3) + 1,
              t, t + interval '1 day',
              CASE WHEN g % 50 = 49 THEN -10 ELSE 10 END,
              'CNY', 0.00001, 1000000, false, t,
              'incident-' || ${uuidOf(`$1 || ':i:' || (g % $2) || ':' || ((g / $2) % $3)`)}, 'bench-run',
              'finance:' || $1 || ':' || g
       FROM generate_series($4::int, $5::int) g,
            LATERAL (SELECT $6::timestamptz + (g::float8 * $7::float8 / $8::float8) * interval '1 millisecond' AS t) x`,
      [tag, C, K, lo, hi, YEAR_START, YEAR_MS, config.rows],
    );
    if ((hi + 1) % 250_000 === 0 || hi + 1 === config.rows) log(`  ledger rows inserted: ${hi + 1}`);
  }
  const loadSeconds = (Date.now() - t0) / 1000;
  const t1 = Date.now();
  await pool.query(`VACUUM (ANALYZE) ledger_entries`);
  await pool.query(`ANALYZE contracts`);
  await pool.query(`ANALYZE incidents`);
  const vacuumSeconds = (Date.now() - t1) / 1000;
  const { rows } = await pool.query(`SELECT ${uuidOf(`$1 || ':c:' || c`)}::text AS id FROM generate_series(0, $2::int - 1) c`, [tag, C]);
  return { contracts: rows.map((r: { id: string }) => r.id), loadSeconds, vacuumSeconds };
}

async function timedRequests(
  samples: number,
  fn: (i: number) => Promise<{ ms: number; ok: boolean; detail: string }>,
  what: string,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const { ms, ok, detail } = await fn(i);
    if (!ok) throw new Error(`${what} failed: ${detail}`);
    out.push(ms);
  }
  return out;
}

export async function runFinanceBench(
  deps: { pool: Pool; http: HttpClient; log: (l: string) => void },
  config: FinanceConfig,
): Promise<FinanceResult> {
  const { pool, http, log } = deps;
  log(`finance: loading ${config.rows.toLocaleString('en')} ledger rows over ${config.contracts} contracts`);
  const { contracts, loadSeconds, vacuumSeconds } = await load(pool, config, log);
  log(`  loaded in ${loadSeconds.toFixed(1)} s, VACUUM ANALYZE ${vacuumSeconds.toFixed(1)} s`);
  const size = await pool.query(
    `SELECT pg_table_size('ledger_entries') / 1048576.0 AS table_mib, pg_indexes_size('ledger_entries') / 1048576.0 AS indexes_mib`,
  );
  const pick = (i: number) => contracts[(i * 7919) % contracts.length];
  const expectedPerContract = Math.round(config.rows / config.contracts);
  const monthQuery = `from=${encodeURIComponent(MONTH_FROM)}&to=${encodeURIComponent(MONTH_TO)}`;

  // Warm-up: the API's pools, the planner's caches and the ledger's pages.
  for (let i = 0; i < 20; i++) await http.request('GET', `/api/v1/contracts/${pick(i + 1000)}/penalties`);
  await http.request('GET', `/api/v1/ledger?${monthQuery}&format=csv`);

  log(`finance: per-contract summary × ${config.summarySamples}`);
  const summary = await timedRequests(
    config.summarySamples,
    async (i) => {
      const res = await http.request('GET', `/api/v1/contracts/${pick(i)}/penalties`);
      const entries = res.status === 200 ? (res.body.incidents as Array<{ entries: number }>).reduce((n, x) => n + x.entries, 0) : -1;
      return {
        ms: res.ms,
        ok: res.status === 200 && Math.abs(entries - expectedPerContract) <= 1,
        detail: `HTTP ${res.status}, ${entries} entries ${res.text.slice(0, 200)}`,
      };
    },
    'summary',
  );

  log(`finance: one contract's month as CSV × ${config.contractCsvSamples}`);
  let contractRows = 0;
  const contractCsv = await timedRequests(
    config.contractCsvSamples,
    async (i) => {
      const res = await http.request('GET', `/api/v1/ledger?contractId=${pick(i)}&${monthQuery}&format=csv`);
      contractRows = res.text.split('\r\n').length - 2;
      return { ms: res.ms, ok: res.status === 200 && contractRows > 0, detail: `HTTP ${res.status} ${res.text.slice(0, 200)}` };
    },
    'contract month CSV',
  );

  log(`finance: the whole ledger's month as CSV × ${config.monthCsvSamples}`);
  let monthRows = 0;
  let monthBytes = 0;
  const expectedMonth = await pool.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE created_at >= $1 AND created_at < $2`, [
    MONTH_FROM,
    MONTH_TO,
  ]);
  const monthCsv = await timedRequests(
    config.monthCsvSamples,
    async () => {
      const res = await http.request('GET', `/api/v1/ledger?${monthQuery}&format=csv`);
      monthRows = res.text.split('\r\n').length - 2;
      monthBytes = Buffer.byteLength(res.text);
      return {
        ms: res.ms,
        ok: res.status === 200 && monthRows === expectedMonth.rows[0].n,
        detail: `HTTP ${res.status}, ${monthRows} rows, expected ${expectedMonth.rows[0].n}`,
      };
    },
    'month CSV',
  );

  const c = pick(3);
  const plans = [
    await explain(pool, 'per-contract summary', CONTRACT_PENALTIES_SQL, [c], 'ledger_contract_created_idx', false),
    await explain(pool, "contract's month (SELECT)", CONTRACT_MONTH_SQL, [c, MONTH_FROM, MONTH_TO], 'ledger_contract_created_idx', false),
    await explain(
      pool,
      "contract's month (export cursor)",
      CONTRACT_MONTH_SQL,
      [c, MONTH_FROM, MONTH_TO],
      'ledger_contract_created_idx',
      true,
    ),
    await explain(pool, 'month, all contracts (SELECT)', MONTH_SQL, [MONTH_FROM, MONTH_TO], 'ledger_created_idx', false),
    await explain(pool, 'month, all contracts (export cursor)', MONTH_SQL, [MONTH_FROM, MONTH_TO], 'ledger_created_idx', true),
  ];
  // Candidate fix for the export (a change in LedgerService.streamCsv, measured here in SQL only).
  const defaults: number[] = [];
  const fractionOne: number[] = [];
  let cursorRows = 0;
  for (let i = 0; i < Math.max(3, config.monthCsvSamples); i++) {
    const d = await cursorExportMs(pool, MONTH_SQL, [MONTH_FROM, MONTH_TO]);
    const f = await cursorExportMs(pool, MONTH_SQL, [MONTH_FROM, MONTH_TO], 1);
    defaults.push(d.ms);
    fractionOne.push(f.ms);
    cursorRows = f.rows;
  }
  const fixedPlan = await (async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL cursor_tuple_fraction = 1');
      const { rows } = await client.query(`EXPLAIN (FORMAT JSON) DECLARE bench_plan NO SCROLL CURSOR FOR ${MONTH_SQL}`, [
        MONTH_FROM,
        MONTH_TO,
      ]);
      await client.query('ROLLBACK');
      const nodes: string[] = [];
      walk(rows[0]['QUERY PLAN'][0].Plan, nodes);
      return nodes;
    } finally {
      client.release();
    }
  })();
  log(
    `  month export cursor in SQL: p50 ${distribution(defaults).p50.toFixed(0)} ms as the API runs it [${plans[4].nodes.join(' > ')}], ` +
      `${distribution(fractionOne).p50.toFixed(0)} ms with SET LOCAL cursor_tuple_fraction = 1 [${fixedPlan.join(' > ')}]`,
  );
  for (const p of plans) {
    log(
      `  plan uses index ${p.expectedIndex} for ${p.query}: ${p.usesIndex ? 'yes' : 'no'} — ${p.nodes.join(' > ')}${p.executionMs !== null ? ` (${p.executionMs.toFixed(1)} ms in PostgreSQL)` : ''}`,
    );
  }

  return {
    rows: config.rows,
    contracts: config.contracts,
    loadSeconds,
    vacuumAnalyzeSeconds: vacuumSeconds,
    tableMiB: Number(size.rows[0].table_mib),
    indexesMiB: Number(size.rows[0].indexes_mib),
    summary: distribution(summary),
    contractMonthCsv: { ...distribution(contractCsv), rowsPerExport: contractRows },
    monthCsv: { ...distribution(monthCsv), rowsPerExport: monthRows, mibPerExport: monthBytes / 1048576 },
    plans,
    monthCursorSql: {
      defaultMs: distribution(defaults),
      fractionOneMs: distribution(fractionOne),
      rows: cursorRows,
      planWithFractionOne: fixedPlan,
    },
  };
}
