/**
 * `npm run bench`: the project's benchmark. Starts its own servers in a temporary DATA_DIR — an
 * embedded PostgreSQL and the Temporal CLI's dev server (SQLite file, WAL journal) — applies the
 * migrations, prebuilds the two workflow bundles, spawns the API (dist/src/main.js) and two worker
 * processes with identical settings (bench/worker.ts: the product's incident worker, and arm A's
 * floor worker on its own task queue), then runs the lifecycle benchmark (arms A and B) and the
 * finance-read benchmark, prints the figures and writes them as JSON to bench/results/.
 *
 * Environment (all optional):
 *   BENCH_QUICK=1                smoke run (< 2 min): levels 10,40, one short round, 100k ledger rows
 *   BENCH_LEVELS=10,25,50        in-flight incidents per level (closed loop; the knee on 2 cores is ~25)
 *   BENCH_ROUNDS=3               measured rounds per arm and level (arms interleaved, ABBA order)
 *   BENCH_DURATION_S=12          measured window per round; BENCH_WARMUP_S=4, BENCH_RAMP_S=3
 *   BENCH_ONLY=lifecycle|finance one of the two benchmarks
 *   BENCH_FINANCE_ROWS=1000000   BENCH_FINANCE_CONTRACTS=1000
 *   BENCH_CONTRACTS=50           contracts the lifecycle incidents are spread over
 *   BENCH_BUNDLE=prebuilt|start  prebuilt workflow bundles (default) or bundling when each worker starts
 *   BENCH_MAX_CACHED_WORKFLOWS, BENCH_MAX_WFT_SLOTS, BENCH_MAX_ACTIVITY_SLOTS  worker tuning (both workers)
 *   BENCH_WORKER_LOG_LEVEL=WARN  the workers' SDK log level (default INFO, as the product runs)
 *   DATABASE_POOL_SIZE           connections per process (API and worker), as in production
 *   BENCH_HISTORY_SAMPLE=30      workflow histories read per round (timer lateness, activity count)
 *   BENCH_LABEL=name             added to the result file's name
 *   BENCH_KEEP_DATA=1            keep the temporary data folder; BENCH_DEBUG=1 saves the history with the latest timer per round
 *   TEMPORAL_CLI_PATH            the temporal binary (else resolved as `npm start` does)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { Pool } from 'pg';
import { runMigrations } from '../src/database/migrate';
import { freePort, startEmbeddedPostgres } from '../src/dev/embedded-postgres';
import { startTemporalDevServer } from '../src/dev/temporal-dev-server';
import { runFinanceBench, type FinanceConfig, type FinanceResult } from './finance';
import { judgeSaturation, runLifecycleBench, type ArmSummary, type LifecycleConfig, type LifecycleResult } from './lifecycle';
import { createBenchContracts } from './lib/fixtures';
import { HttpClient } from './lib/http';
import { clockTicks, CpuSampler, findPids, machineBusyMs, rssMiB, type Watched } from './lib/proc';
import { fmt, fmtSpread, sleep, table } from './lib/stats';

const REPO = resolve(__dirname, '..', '..');
const RESULTS = join(REPO, 'bench', 'results');
const stamp = new Date()
  .toISOString()
  .replace(/[-:]/g, '')
  .replace(/\.\d+Z$/, 'Z');
const started = Date.now();
const log = (line: string) => process.stdout.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

function intList(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  const list = raw.split(',').map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${name}=${raw}: expected positive integers separated by commas`);
  return list;
}
function num(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${raw}: expected a positive number`);
  return n;
}

const quick = process.env.BENCH_QUICK === '1';
const only = process.env.BENCH_ONLY;
if (only && only !== 'lifecycle' && only !== 'finance') throw new Error(`BENCH_ONLY=${only}: expected lifecycle or finance`);
const lifecycleConfig: Omit<LifecycleConfig, 'contracts'> = {
  levels: intList('BENCH_LEVELS', quick ? [10, 40] : [10, 25, 50]),
  rounds: num('BENCH_ROUNDS', quick ? 1 : 3),
  windowS: num('BENCH_DURATION_S', quick ? 6 : 12),
  warmupS: num('BENCH_WARMUP_S', quick ? 2 : 4),
  rampS: num('BENCH_RAMP_S', quick ? 2.5 : 3),
  historySample: num('BENCH_HISTORY_SAMPLE', quick ? 10 : 30),
};
const financeConfig: FinanceConfig = {
  rows: num('BENCH_FINANCE_ROWS', quick ? 100_000 : 1_000_000),
  contracts: num('BENCH_FINANCE_CONTRACTS', quick ? 100 : 1000),
  incidentsPerContract: 10,
  summarySamples: num('BENCH_FINANCE_SAMPLES', quick ? 50 : 200),
  contractCsvSamples: quick ? 20 : 100,
  monthCsvSamples: quick ? 3 : 10,
};
const bundleMode = process.env.BENCH_BUNDLE === 'start' ? 'start' : 'prebuilt';
const tuningEnv = [
  'BENCH_MAX_CACHED_WORKFLOWS',
  'BENCH_MAX_WFT_SLOTS',
  'BENCH_MAX_ACTIVITY_SLOTS',
  'DATABASE_POOL_SIZE',
  'BENCH_WORKER_LOG_LEVEL',
];

// ------------------------------------------------------------------ processes

interface Child {
  name: string;
  child: ChildProcess;
  logFile: WriteStream;
}
const children: Child[] = [];
const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
let workDir = '';
let pool: Pool | undefined;

function spawnNode(name: string, script: string, env: NodeJS.ProcessEnv, logDir: string): Child {
  const logFile = createWriteStream(join(logDir, `${name}.log`));
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(logFile, { end: false });
  child.stderr!.pipe(logFile, { end: false });
  const entry = { name, child, logFile };
  children.push(entry);
  return entry;
}

function waitForLine(c: Child, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolvePromise, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => reject(new Error(`${c.name} did not print ${pattern} within ${timeoutMs / 1000} s (see its log)`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const m = pattern.exec(buffer);
      if (m) {
        clearTimeout(timer);
        c.child.stdout!.off('data', onData);
        resolvePromise(m);
      }
    };
    c.child.stdout!.on('data', onData);
    c.child.once('exit', (code) => reject(new Error(`${c.name} exited with ${code} before it was ready (see its log)`)));
  });
}

async function waitForHealth(http: HttpClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await http.request('GET', '/health');
      if (res.status === 200) return;
      last = `HTTP ${res.status} ${res.text.slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`the API did not report healthy within ${timeoutMs / 1000} s: ${last}`);
}

/**
 * Authentication, before and after it exists: with a tokens endpoint, the driver creates a token
 * with every role (using ADMIN_TOKEN, which it gave the API) and sends it; without one (404), none.
 */
async function authenticate(http: HttpClient, adminToken: string): Promise<string> {
  const res = await http.request(
    'POST',
    '/api/v1/tokens',
    { name: `bench-${stamp}-${randomBytes(3).toString('hex')}`, roles: ['engineer', 'admin', 'finance'] },
    { authorization: `Bearer ${adminToken}` },
  );
  if (res.status === 404) return 'none (the API has no /api/v1/tokens)';
  if (res.status < 200 || res.status > 299) throw new Error(`POST /api/v1/tokens answered HTTP ${res.status}: ${res.text.slice(0, 300)}`);
  const body = res.body ?? {};
  const secret = [body.secret, body.token, body.token?.secret, body.data?.secret].find((v) => typeof v === 'string' && v.length > 0);
  if (!secret) throw new Error(`POST /api/v1/tokens gave no secret or token field: ${res.text.slice(0, 300)}`);
  http.headers.authorization = `Bearer ${secret}`;
  return 'bearer token with roles engineer, admin, finance (created with ADMIN_TOKEN)';
}

let stopping: Promise<void> | undefined;
/** Stops everything this run started, once (a signal and a failing main may both ask). */
function shutdown(): Promise<void> {
  stopping ??= stopAll();
  return stopping;
}

async function stopAll(): Promise<void> {
  await pool?.end().catch(() => undefined);
  pool = undefined;
  await Promise.all(
    children.map(
      ({ child, logFile }) =>
        new Promise<void>((done) => {
          const finish = () => {
            logFile.end();
            done();
          };
          if (child.exitCode !== null || child.signalCode !== null) return finish();
          child.once('exit', finish);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  for (const { name, stop } of stops.reverse()) await stop().catch((e: Error) => log(`${name} stop: ${e.message}`));
  if (workDir && process.env.BENCH_KEEP_DATA !== '1') rmSync(workDir, { recursive: true, force: true });
}

// ------------------------------------------------------------------ report

function armRows(s: ArmSummary, worker: string): string[][] {
  const p3 = (a: typeof s.startP50, b: typeof s.startP95, c: typeof s.startP99) => `${fmtSpread(a)} / ${fmtSpread(b)} / ${fmtSpread(c)}`;
  const cpu = (name: string) => fmtSpread(s.cpuMsPerLifecycle[name] ?? { median: NaN, min: NaN, max: NaN, rounds: 0 });
  return [
    ['lifecycles/s', fmtSpread(s.throughput, 2)],
    [
      'lifecycle p50 (s)',
      fmtSpread(
        { ...s.lifecycleP50, median: s.lifecycleP50.median / 1000, min: s.lifecycleP50.min / 1000, max: s.lifecycleP50.max / 1000 },
        2,
      ),
    ],
    ['start p50 / p95 / p99 (ms)', p3(s.startP50, s.startP95, s.startP99)],
    ['step p50 / p95 / p99 (ms)', p3(s.stepP50, s.stepP95, s.stepP99)],
    ['timer lateness p50 / p99 (ms)', `${fmtSpread(s.latenessP50, 0)} / ${fmtSpread(s.latenessP99, 0)}`],
    ['timers fired in sampled histories', fmtSpread(s.timersFired, 0)],
    [
      'breach detected after due p50 / p99 (ms)',
      Number.isFinite(s.breachDetectionP50.median) ? `${fmtSpread(s.breachDetectionP50, 0)} / ${fmtSpread(s.breachDetectionP99, 0)}` : '—',
    ],
    ['CPU ms/lifecycle: api', cpu('api')],
    ['CPU ms/lifecycle: worker', cpu(worker)],
    ['CPU ms/lifecycle: temporal', cpu('temporal')],
    ['CPU ms/lifecycle: postgres', cpu('postgres')],
    ['CPU ms/lifecycle: driver', cpu('driver')],
    ['worker RSS (MiB)', fmtSpread(s.workerRssMiB, 0)],
    ['machine cores busy (all)', fmtSpread(s.cores.machine ?? { median: NaN, min: NaN, max: NaN, rounds: 0 }, 2)],
    ['cores busy outside the bench', fmtSpread(s.otherCores, 2)],
    ['errors', String(s.errors)],
  ];
}

function printLifecycle(r: LifecycleResult, config: Omit<LifecycleConfig, 'contracts'>): void {
  console.log(`\n== Lifecycle benchmark — median (min–max) over ${config.rounds} round(s) of ${config.windowS} s per level and arm ==`);
  console.log(
    `one lifecycle: 1 start + 7 updates, ${r.calibration.bTimersFired} timer(s) fired, ${r.activitiesPerLifecycle.B} activities (floor: ${r.activitiesPerLifecycle.A} no-ops)`,
  );
  for (const level of r.levels) {
    console.log(`\n-- ${level.level} incidents in flight --`);
    const a = armRows(level.A, 'workerA');
    const b = armRows(level.B, 'workerB');
    const rows = a.map((row, i) => [row[0], row[1], b[i][1]]);
    rows.splice(1, 0, ['B/A', '', fmtSpread(level.ratioBA, 2)]);
    rows.splice(5, 0, ['step p95 B − A (ms)', '', fmtSpread(level.stepP95DeltaMs)]);
    rows.push([
      'ledger rows (B): got / expected',
      '',
      `${level.ledger.rows} / ${level.ledger.expectedRows}, ${level.ledger.duplicates} duplicates, ${level.ledger.incidentsOff} incidents off — ${level.ledger.ok ? 'OK' : 'MISMATCH'}`,
    ]);
    console.log(table(['', 'A (floor)', 'B (product)'], rows));
  }
  console.log('\n-- across levels (medians) --');
  console.log(
    table(
      [
        'in flight',
        'A lc/s',
        'B lc/s',
        'B/A',
        'A step p95',
        'B step p95',
        'B start p95',
        'timer late p99 A',
        'timer late p99 B',
        'B breach detect p99',
        'B CPU ms/lc (all)',
      ],
      r.levels.map((l) => {
        const total = ['api', 'workerB', 'temporal', 'postgres', 'driver'].reduce((n, k) => n + (l.B.cpuMsPerLifecycle[k]?.median ?? 0), 0);
        return [
          String(l.level),
          fmt(l.A.throughput.median, 2),
          fmt(l.B.throughput.median, 2),
          fmt(l.ratioBA.median, 2),
          fmt(l.A.stepP95.median),
          fmt(l.B.stepP95.median),
          fmt(l.B.startP95.median),
          fmt(l.A.latenessP99.median, 0),
          fmt(l.B.latenessP99.median, 0),
          fmt(l.B.breachDetectionP99.median, 0),
          fmt(total, 0),
        ];
      }),
    ),
  );
}

function printFinance(f: FinanceResult): void {
  console.log(
    `\n== Finance reads — ${f.rows.toLocaleString('en')} ledger rows over ${f.contracts} contracts (table ${f.tableMiB.toFixed(0)} MiB, indexes ${f.indexesMiB.toFixed(0)} MiB) ==`,
  );
  console.log(
    table(
      ['HTTP, one at a time', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'rows'],
      [
        [
          'per-contract summary',
          String(f.summary.n),
          fmt(f.summary.p50),
          fmt(f.summary.p95),
          fmt(f.summary.p99),
          `${Math.round(f.rows / f.contracts)}`,
        ],
        [
          "one contract's month, CSV",
          String(f.contractMonthCsv.n),
          fmt(f.contractMonthCsv.p50),
          fmt(f.contractMonthCsv.p95),
          fmt(f.contractMonthCsv.p99),
          String(f.contractMonthCsv.rowsPerExport),
        ],
        [
          'whole month, CSV',
          String(f.monthCsv.n),
          fmt(f.monthCsv.p50),
          fmt(f.monthCsv.p95),
          fmt(f.monthCsv.p99),
          `${f.monthCsv.rowsPerExport} (${f.monthCsv.mibPerExport.toFixed(1)} MiB)`,
        ],
      ],
    ),
  );
  for (const p of f.plans)
    console.log(`plan uses index ${p.expectedIndex} (${p.query}): ${p.usesIndex ? 'yes' : 'no'}   [${p.nodes.join(' > ')}]`);
  const c = f.monthCursorSql;
  console.log(
    `month export cursor, SQL only (${c.rows} rows): p50 ${fmt(c.defaultMs.p50, 0)} ms / p95 ${fmt(c.defaultMs.p95, 0)} ms as the API runs it; ` +
      `p50 ${fmt(c.fractionOneMs.p50, 0)} ms / p95 ${fmt(c.fractionOneMs.p95, 0)} ms with SET LOCAL cursor_tuple_fraction = 1 [${c.planWithFractionOne.join(' > ')}]`,
  );
}

interface Target {
  name: string;
  value: string;
  met: boolean | null;
}

function targets(l: LifecycleResult | undefined, f: FinanceResult | undefined): Target[] {
  const out: Target[] = [];
  if (l) {
    for (const lv of l.levels) {
      const tag = lv.level === l.saturationLevel ? (l.saturated ? ' (saturation)' : ' (highest level; still growing)') : '';
      out.push({ name: `B/A ≥ 0.8 at ${lv.level} in flight${tag}`, value: fmt(lv.ratioBA.median, 2), met: lv.ratioBA.median >= 0.8 });
    }
    for (const lv of l.levels) {
      const tag = lv.level === l.saturationLevel ? (l.saturated ? ' (saturation)' : ' (highest level)') : '';
      // B's timer is re-armed by every step: under load a step usually detects the breach before it fires,
      // so with no fired timer in the sample the breach's detection delay stands in.
      const bFired = Number.isFinite(lv.B.latenessP99.median);
      const b = bFired ? lv.B.latenessP99.median : lv.B.breachDetectionP99.median;
      out.push({
        name: `timer lateness p99 < 1 s at ${lv.level} in flight${tag}`,
        value: `A ${fmt(lv.A.latenessP99.median, 0)} ms, B ${bFired ? `${fmt(b, 0)} ms` : `no timer fired; breach detected p99 ${fmt(b, 0)} ms after due`}`,
        met: lv.A.latenessP99.median < 1000 && b < 1000,
      });
    }
    for (const lv of l.levels) {
      out.push({
        name: `step p95 ≤ floor + 15 ms at ${lv.level} in flight`,
        value: `${fmt(lv.B.stepP95.median)} vs ${fmt(lv.A.stepP95.median)} ms (Δ ${fmt(lv.stepP95DeltaMs.median)})`,
        met: lv.stepP95DeltaMs.median <= 15,
      });
    }
    out.push({
      name: 'ledger rows = expected, no duplicates',
      value: l.levels.map((x) => `${x.ledger.rows}/${x.ledger.expectedRows}`).join(', '),
      met: l.levels.every((x) => x.ledger.ok),
    });
  }
  if (f)
    out.push({
      name: `ledger summary p95 < 50 ms at ${f.rows.toLocaleString('en')} rows`,
      value: `${fmt(f.summary.p95)} ms`,
      met: f.summary.p95 < 50,
    });
  if (f)
    out.push({
      name: 'finance plans use the ledger indexes',
      value: f.plans.map((p) => (p.usesIndex ? 'yes' : 'no')).join(', '),
      met: f.plans.every((p) => p.usesIndex),
    });
  return out;
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown().then(() => process.exit(130)));
  process.on('SIGTERM', () => void shutdown().then(() => process.exit(143)));
  mkdirSync(RESULTS, { recursive: true });
  const label = process.env.BENCH_LABEL ? `-${process.env.BENCH_LABEL.replace(/[^A-Za-z0-9._-]/g, '_')}` : quick ? '-quick' : '';
  const logDir = join(RESULTS, 'logs', `${stamp}${label}`);
  mkdirSync(logDir, { recursive: true });
  workDir = mkdtempSync(join(tmpdir(), 'escalation-bench-'));
  // As root, PostgreSQL runs as its own user, which must reach its data folder.
  chmodSync(workDir, 0o755);
  const serverLog = createWriteStream(join(logDir, 'servers.log'));
  const serverLine = (line: string) => serverLog.write(`${line}\n`);
  log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, CLK_TCK ${clockTicks()}`,
  );
  log(`data in ${workDir}; logs in ${logDir}`);
  {
    const from = machineBusyMs();
    await sleep(2000);
    const busy = (machineBusyMs() - from) / 2000;
    log(`machine busy before start: ${busy.toFixed(2)} cores${busy > 0.25 ? ' — other jobs are running; figures will be disturbed' : ''}`);
  }

  const pgDir = join(workDir, 'postgres');
  const [pg, temporal, bundles] = await Promise.all([
    (async () =>
      startEmbeddedPostgres({ dir: pgDir, port: await freePort(), database: 'escalation_bench', persistent: false, log: serverLine }))(),
    (async () => startTemporalDevServer({ dataDir: workDir, port: await freePort(), uiPort: await freePort(), log: serverLine }))(),
    (async () => {
      if (bundleMode !== 'prebuilt') return { incident: '', floor: '' };
      const logger = new DefaultLogger('WARN');
      const t = Date.now();
      const [incident, floor] = await Promise.all([
        bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger }),
        bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger }),
      ]);
      const paths = { incident: join(workDir, 'incident-bundle.js'), floor: join(workDir, 'floor-bundle.js') };
      writeFileSync(paths.incident, incident.code);
      writeFileSync(paths.floor, floor.code);
      log(
        `workflow bundles prebuilt in ${Date.now() - t} ms (incident ${(incident.code.length / 1024).toFixed(0)} KiB, floor ${(floor.code.length / 1024).toFixed(0)} KiB)`,
      );
      return paths;
    })(),
  ]);
  stops.push({ name: 'postgres', stop: pg.stop }, { name: 'temporal', stop: temporal.stop });
  const applied = await runMigrations(pg.url);
  log(`PostgreSQL on ${pg.port} (migrations: ${applied.join(', ') || 'none'}); Temporal dev server on ${temporal.address} (SQLite WAL)`);

  const adminToken =
    process.env.ADMIN_TOKEN && process.env.ADMIN_TOKEN.length >= 32 ? process.env.ADMIN_TOKEN : randomBytes(32).toString('base64url');
  const apiPort = await freePort();
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: 'default',
    ADMIN_TOKEN: adminToken,
  };
  const incidentQueue = 'bench-incidents';
  const floorQueue = 'bench-floor';
  const workerScript = join(__dirname, 'worker.js');
  const workerB = spawnNode(
    'workerB',
    workerScript,
    { ...baseEnv, BENCH_WORKER_ROLE: 'incident', TEMPORAL_TASK_QUEUE: incidentQueue, WORKFLOW_BUNDLE_PATH: bundles.incident },
    logDir,
  );
  const workerA = spawnNode(
    'workerA',
    workerScript,
    { ...baseEnv, BENCH_WORKER_ROLE: 'floor', TEMPORAL_TASK_QUEUE: floorQueue, WORKFLOW_BUNDLE_PATH: bundles.floor },
    logDir,
  );
  const api = spawnNode(
    'api',
    join(REPO, 'dist', 'src', 'main.js'),
    {
      ...baseEnv,
      TEMPORAL_TASK_QUEUE: incidentQueue,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // Once the API limits writes per token, the load must not be throttled by it.
      RATE_LIMIT_WRITES_PER_SECOND: '0',
    },
    logDir,
  );
  const [readyB, readyA] = await Promise.all([waitForLine(workerB, /ready (\d+)/, 120_000), waitForLine(workerA, /ready (\d+)/, 120_000)]);
  const http = new HttpClient(`http://127.0.0.1:${apiPort}`);
  await waitForHealth(http, 60_000);
  const auth = await authenticate(http, adminToken);
  log(`API on ${apiPort} (auth: ${auth}); workers ready in ${readyB[1]} ms (incident) and ${readyA[1]} ms (floor), bundles ${bundleMode}`);

  const temporalPid = findPids((cmd) => cmd.includes('start-dev') && cmd.includes(workDir))[0];
  const postgresPid = findPids((cmd) => /(^|\/)postgres\s/.test(cmd) && cmd.includes(pgDir)).sort((x, y) => x - y)[0];
  if (!temporalPid || !postgresPid)
    throw new Error(`could not find the Temporal (${temporalPid}) or PostgreSQL (${postgresPid}) process in /proc`);
  const watched: Watched[] = [
    { name: 'api', pid: api.child.pid!, tree: false },
    { name: 'workerB', pid: workerB.child.pid!, tree: false },
    { name: 'workerA', pid: workerA.child.pid!, tree: false },
    { name: 'temporal', pid: temporalPid, tree: true },
    { name: 'postgres', pid: postgresPid, tree: true },
  ];
  const sampler = new CpuSampler(watched);
  const rss = () => ({
    workerB: rssMiB(workerB.child.pid!),
    workerA: rssMiB(workerA.child.pid!),
    api: rssMiB(api.child.pid!),
    temporal: rssMiB(temporalPid),
  });
  const idleRss = rss();

  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: 'default' });
  pool = new Pool({ connectionString: pg.url, max: 4 });
  pool.on('error', () => undefined);

  const settings = {
    bundles: bundleMode,
    workerReadyMs: { incident: Number(readyB[1]), floor: Number(readyA[1]) },
    idleRssMiB: idleRss,
    tuning: Object.fromEntries(tuningEnv.map((k) => [k, process.env[k] ?? 'default'])),
    auth,
  };
  log(
    `settings: ${JSON.stringify(settings.tuning)}; idle RSS MiB ${JSON.stringify(Object.fromEntries(Object.entries(idleRss).map(([k, v]) => [k, Math.round(v)])))}`,
  );

  let lifecycle: LifecycleResult | undefined;
  let finance: FinanceResult | undefined;
  let lifecycleContracts: string[] = [];
  if (only !== 'finance') {
    const contracts = await createBenchContracts(pool, num('BENCH_CONTRACTS', 50));
    lifecycleContracts = contracts;
    lifecycle = await runLifecycleBench(
      {
        http,
        temporal: client,
        pool,
        sampler,
        rss,
        workerOf: { A: 'workerA', B: 'workerB' },
        floorQueue,
        log,
        dump: (name, data) => writeFileSync(join(logDir, name), JSON.stringify(data, null, 1)),
      },
      { ...lifecycleConfig, contracts },
    );
  }
  let reconciliation: ReconciliationCheck | undefined;
  if (lifecycle) reconciliation = await reconcileBenchContracts(http, lifecycleContracts, log);
  if (only !== 'lifecycle') finance = await runFinanceBench({ pool, http, log }, financeConfig);

  if (lifecycle) printLifecycle(lifecycle, lifecycleConfig);
  if (reconciliation) {
    console.log(
      `\n== Reconciliation of the benchmark's contracts ==\n${reconciliation.contracts} contracts, ${reconciliation.incidents} incidents: ` +
        `${reconciliation.ok} ok, ${reconciliation.pending} pending, ${reconciliation.mismatch} mismatch`,
    );
  }
  if (finance) printFinance(finance);
  const t = targets(lifecycle, finance);
  if (reconciliation) {
    t.push({
      name: 'reconciliation ok for every incident the benchmark created',
      value: `${reconciliation.ok}/${reconciliation.incidents} ok, ${reconciliation.mismatch} mismatch`,
      met: reconciliation.mismatch === 0 && reconciliation.pending === 0,
    });
  }
  console.log('\n== Targets (reported, not asserted) ==');
  console.log(
    table(
      ['target', 'measured', 'met'],
      t.map((x) => [x.name, x.value, x.met === null ? '—' : x.met ? 'yes' : 'NO']),
    ),
  );

  const file = join(RESULTS, `${stamp}${label}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        stamp,
        machine: {
          cpus: cpus().length,
          model: cpus()[0]?.model,
          memGiB: totalmem() / 2 ** 30,
          node: process.version,
          clkTck: clockTicks(),
        },
        config: { quick, lifecycle: lifecycleConfig, finance: financeConfig },
        settings,
        lifecycle,
        reconciliation,
        finance,
        targets: t,
        durationS: (Date.now() - started) / 1000,
      },
      null,
      2,
    ),
  );
  console.log(`\nresults: ${file} (whole run ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  http.close();
  await connection.close();
}

interface ReconciliationCheck {
  contracts: number;
  incidents: number;
  ok: number;
  pending: number;
  mismatch: number;
}

/** Finance's own reconciliation over every contract the lifecycle used (after the runs settled). */
async function reconcileBenchContracts(http: HttpClient, contracts: string[], log: (line: string) => void): Promise<ReconciliationCheck> {
  const check: ReconciliationCheck = { contracts: contracts.length, incidents: 0, ok: 0, pending: 0, mismatch: 0 };
  for (const id of contracts) {
    const res = await http.request('GET', `/api/v1/contracts/${id}/reconciliation`);
    if (res.status !== 200) throw new Error(`reconciliation of ${id}: ${res.status} ${res.text.slice(0, 200)}`);
    for (const incident of res.body.incidents as Array<{ result: 'ok' | 'pending' | 'mismatch'; incidentId: string; issues: string[] }>) {
      check.incidents += 1;
      check[incident.result] += 1;
      if (incident.result === 'mismatch') log(`reconciliation mismatch: incident ${incident.incidentId}: ${incident.issues.join('; ')}`);
    }
  }
  return check;
}

/** `node dist/bench/run.js --report bench/results/<file>.json`: prints a saved run again. */
function report(file: string): void {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as {
    config: { lifecycle: Omit<LifecycleConfig, 'contracts'> };
    lifecycle?: LifecycleResult;
    finance?: FinanceResult;
  };
  if (saved.lifecycle) {
    Object.assign(saved.lifecycle, judgeSaturation(saved.lifecycle.levels));
    printLifecycle(saved.lifecycle, saved.config.lifecycle);
  }
  if (saved.finance) printFinance(saved.finance);
  console.log('\n== Targets (reported, not asserted) ==');
  const t = targets(saved.lifecycle, saved.finance);
  console.log(
    table(
      ['target', 'measured', 'met'],
      t.map((x) => [x.name, x.value, x.met === null ? '—' : x.met ? 'yes' : 'NO']),
    ),
  );
}

if (process.argv[2] === '--report') {
  report(process.argv[3]);
  process.exit(0);
}

main()
  .then(shutdown)
  .then(() => process.exit(0))
  .catch(async (error: Error) => {
    process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
    await shutdown().catch(() => undefined);
    process.exit(1);
  });
