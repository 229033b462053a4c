/**
 * The lifecycle benchmark: two arms, interleaved round by round on the same Temporal dev server,
 * the same PostgreSQL and workers with the same settings, closed loop at several concurrency levels.
 *
 *  A, the floor: the floor workflow started directly with the Temporal client — the same 7 updates,
 *     the same fired timers (restore breach at 1 s, one accrual period of 1 s) and as many no-op
 *     activities, in the same places, as one real lifecycle (the plan is read from a real history).
 *  B, the product: HTTP → NestJS → Temporal client → incident workflow → activities writing
 *     PostgreSQL and the ledger: report, acknowledge, remote session, diagnosis (needs on-site),
 *     dispatch, arrive, then — after the restore breach and one penalty accrual — restore, sign-off.
 *
 * Both arms follow the same schedule: the start, five steps back to back, a wait until
 * RESTORE_AT_MS after the report, restore, sign-off. A virtual user then starts its next lifecycle.
 */
import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Pool } from 'pg';
import { CpuSampler, type CpuSample } from './lib/proc';
import type { HttpClient } from './lib/http';
import { RESTORE_AT_MS, RESTORE_TARGET_MS } from './lib/fixtures';
import { distribution, sleep, spread, type Distribution, type Spread } from './lib/stats';
import { FLOOR_STEPS, FLOOR_WORKFLOW_TYPE, type FloorPlan, type FloorStep } from './workflows/plan';

export type ArmName = 'A' | 'B';

export interface LifecycleConfig {
  levels: number[];
  rounds: number;
  windowS: number;
  warmupS: number;
  /** Lifecycles started before the measured window opens (ramp-up to the level). */
  rampS: number;
  historySample: number;
  contracts: string[];
}

export interface LifecycleDeps {
  http: HttpClient;
  temporal: Client;
  pool: Pool;
  sampler: CpuSampler;
  /** Resident memory (MiB) of the processes worth watching (the two workers). */
  rss: () => Record<string, number>;
  /** Which sampled process is each arm's worker. */
  workerOf: Record<ArmName, string>;
  floorQueue: string;
  log: (line: string) => void;
  /** Saves a document next to the logs (the calibration histories). */
  dump?: (name: string, data: unknown) => void;
}

// ------------------------------------------------------------------ recording

class RequestFailed extends Error {
  constructor(
    readonly what: string,
    detail: string,
  ) {
    super(`${what}: ${detail}`);
  }
}

interface Outcome {
  workflowId: string;
  incidentId?: string;
  finishedAt: number;
  durationMs: number;
}

class RoundRecorder {
  windowStart = Infinity;
  windowEnd = Infinity;
  stopped = false;
  readonly starts: number[] = [];
  readonly steps: number[] = [];
  readonly stepsByName: Record<string, number[]> = {};
  readonly completedInWindow: Outcome[] = [];
  readonly completed: Outcome[] = [];
  /** Every workflow started (completed or not), for the drain. */
  readonly started: string[] = [];
  readonly errors: Record<string, number> = {};
  readonly errorSamples: string[] = [];

  inWindow(t: number): boolean {
    return t >= this.windowStart && t <= this.windowEnd;
  }

  /** Times `fn`; the latency counts when the request started inside the measured window. */
  async timed<T>(kind: 'start' | FloorStep, fn: () => Promise<T>): Promise<T> {
    const t = performance.now();
    const value = await fn();
    if (this.inWindow(t)) {
      const ms = performance.now() - t;
      if (kind === 'start') this.starts.push(ms);
      else {
        this.steps.push(ms);
        (this.stepsByName[kind] ??= []).push(ms);
      }
    }
    return value;
  }

  error(error: unknown): void {
    const key = error instanceof RequestFailed ? error.what : (error as Error).name || 'Error';
    this.errors[key] = (this.errors[key] ?? 0) + 1;
    if (this.errorSamples.length < 5) this.errorSamples.push((error as Error).message.slice(0, 300));
  }
}

// ------------------------------------------------------------------ the two arms

interface Arm {
  name: ArmName;
  /** Starts one lifecycle; returns what the steps need. */
  start(rec: RoundRecorder, vu: number, reportedAt: number): Promise<{ workflowId: string; incidentId?: string; handle?: WorkflowHandle }>;
  step(rec: RoundRecorder, ref: { workflowId: string; incidentId?: string; handle?: WorkflowHandle }, step: FloorStep): Promise<void>;
}

const ACTOR = 'eng:bench';
const B_STEPS: Record<FloorStep, { path: string; body: Record<string, unknown> }> = {
  acknowledge: { path: 'acknowledge', body: { actor: ACTOR } },
  remoteSession: { path: 'remote-session', body: { actor: ACTOR } },
  diagnosis: { path: 'diagnosis', body: { actor: ACTOR, outcome: 'needs_onsite' } },
  dispatch: { path: 'dispatch', body: { actor: ACTOR, engineer: 'eng:onsite' } },
  arrive: { path: 'arrive', body: { actor: ACTOR } },
  restore: { path: 'restore', body: { actor: ACTOR, cause: 'power supply unit failed', method: 'replaced the unit' } },
  signOff: { path: 'sign-off', body: { actor: ACTOR, signer: 'customer:ops' } },
};

function productArm(deps: LifecycleDeps, contracts: string[]): Arm {
  return {
    name: 'B',
    async start(rec, vu, reportedAt) {
      const res = await rec.timed('start', () =>
        deps.http.request('POST', '/api/v1/incidents', {
          contractId: contracts[vu % contracts.length],
          severity: 'urgent',
          description: 'Bench: billing system unreachable',
          reportedBy: 'hotline:bench',
          reportedAt: new Date(reportedAt).toISOString(),
        }),
      );
      if (res.status !== 201) throw new RequestFailed(`report HTTP ${res.status}`, res.text.slice(0, 200));
      return { workflowId: res.body.workflowId as string, incidentId: res.body.id as string };
    },
    async step(rec, ref, step) {
      const { path, body } = B_STEPS[step];
      const res = await rec.timed(step, () => deps.http.request('POST', `/api/v1/incidents/${ref.incidentId}/${path}`, body));
      if (res.status !== 200) throw new RequestFailed(`${path} HTTP ${res.status}`, res.text.slice(0, 200));
    },
  };
}

function floorArm(deps: LifecycleDeps, plan: () => FloorPlan): Arm {
  return {
    name: 'A',
    async start(rec) {
      const workflowId = `floor-${randomUUID()}`;
      const handle = await rec.timed('start', () =>
        deps.temporal.workflow.start(FLOOR_WORKFLOW_TYPE, { taskQueue: deps.floorQueue, workflowId, args: [plan()] }),
      );
      return { workflowId, handle };
    },
    async step(rec, ref, step) {
      await rec.timed(step, () => ref.handle!.executeUpdate<number, []>(step));
    },
  };
}

/** One lifecycle on the shared schedule. */
async function lifecycle(arm: Arm, rec: RoundRecorder, vu: number): Promise<void> {
  const reportedAt = Date.now();
  const began = performance.now();
  const ref = await arm.start(rec, vu, reportedAt);
  rec.started.push(ref.workflowId);
  for (const step of FLOOR_STEPS.slice(0, 5)) await arm.step(rec, ref, step);
  // Restore after the breach (1 s) and the first accrual (2 s), long before the second (3 s).
  await sleep(reportedAt + RESTORE_AT_MS - Date.now());
  await arm.step(rec, ref, 'restore');
  await arm.step(rec, ref, 'signOff');
  const finishedAt = performance.now();
  const outcome: Outcome = { workflowId: ref.workflowId, incidentId: ref.incidentId, finishedAt, durationMs: finishedAt - began };
  rec.completed.push(outcome);
  if (rec.inWindow(outcome.finishedAt)) rec.completedInWindow.push(outcome);
}

// ------------------------------------------------------------------ histories

type Ts = { seconds?: unknown; nanos?: number | null } | null | undefined;
const tsMs = (t: Ts): number => (t ? Number(t.seconds ?? 0) * 1000 + (t.nanos ?? 0) / 1e6 : NaN);

interface HistoryEvent {
  eventId?: unknown;
  eventTime?: Ts;
  timerStartedEventAttributes?: { startToFireTimeout?: Ts } | null;
  timerFiredEventAttributes?: { startedEventId?: unknown } | null;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string | null } | null } | null;
  workflowExecutionUpdateAcceptedEventAttributes?: { acceptedRequest?: { input?: { name?: string | null } | null } | null } | null;
}

async function historyOf(temporal: Client, workflowId: string): Promise<HistoryEvent[]> {
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []) as HistoryEvent[];
}

/** Calibration: a recorder whose window is always open, so every latency is kept. */
function openRecorder(): RoundRecorder {
  const rec = new RoundRecorder();
  rec.windowStart = 0;
  return rec;
}

/** Fired minus due (TimerStarted time + startToFireTimeout) of every timer that fired, in ms. */
export function timerLateness(events: HistoryEvent[]): number[] {
  const started = new Map<string, number>();
  const out: number[] = [];
  for (const e of events) {
    if (e.timerStartedEventAttributes) {
      started.set(String(e.eventId), tsMs(e.eventTime) + tsMs(e.timerStartedEventAttributes.startToFireTimeout));
    } else if (e.timerFiredEventAttributes) {
      const due = started.get(String(e.timerFiredEventAttributes.startedEventId));
      if (due !== undefined) out.push(tsMs(e.eventTime) - due);
    }
  }
  return out;
}

const activityCount = (events: HistoryEvent[]) => events.filter((e) => e.activityTaskScheduledEventAttributes).length;

/**
 * Reads where a real lifecycle calls its activities: before the first update, per update, per fired
 * timer. The first fired timer is the restore breach (RESTORE_TARGET_MS after the start); any later
 * one waits as long after the previous as it did in the real history.
 */
export function planFromHistory(events: HistoryEvent[]): FloorPlan {
  const plan: FloorPlan = { start: [], updates: {}, timers: [] };
  const dues = new Map<string, number>();
  let lastDue: number | undefined;
  let phase: string[] = plan.start;
  for (const e of events) {
    const update = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name;
    if (update) {
      phase = plan.updates[update as FloorStep] ??= [];
    } else if (e.timerStartedEventAttributes) {
      dues.set(String(e.eventId), tsMs(e.eventTime) + tsMs(e.timerStartedEventAttributes.startToFireTimeout));
    } else if (e.timerFiredEventAttributes) {
      const due = dues.get(String(e.timerFiredEventAttributes.startedEventId)) ?? NaN;
      const afterMs = lastDue === undefined ? RESTORE_TARGET_MS : Math.max(1, Math.round(due - lastDue));
      lastDue = due;
      const timer = { afterMs, activities: [] as string[] };
      plan.timers.push(timer);
      phase = timer.activities;
    } else if (e.activityTaskScheduledEventAttributes) {
      phase.push(e.activityTaskScheduledEventAttributes.activityType?.name ?? 'unknown');
    }
  }
  return plan;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

function sample<T>(items: T[], n: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

// ------------------------------------------------------------------ one round

export interface LedgerCheck {
  incidents: number;
  expectedRows: number;
  rows: number;
  duplicates: number;
  /** Incidents with other than exactly one accrual row. */
  incidentsOff: number;
  ok: boolean;
}

export interface RoundResult {
  arm: ArmName;
  level: number;
  round: number;
  windowS: number;
  lifecycles: number;
  throughput: number;
  /** Wall time of one lifecycle (report to sign-off answered), from the driver. */
  lifecycleMs: Distribution;
  start: Distribution;
  step: Distribution;
  stepByName: Record<string, Distribution>;
  timerLateness: Distribution;
  /** B only: the breach event's detectedAt − dueAt from the timeline (by a fired timer or by a step). */
  breachDetection?: Distribution;
  activitiesPerLifecycle: number;
  /** CPU ms per lifecycle, per process, over the window. */
  cpuMsPerLifecycle: Record<string, number>;
  /** Cores used on average over the window, per process. */
  cores: Record<string, number>;
  rssMiB: Record<string, number>;
  errors: Record<string, number>;
  errorSamples: string[];
  drainMs: number;
  notDrained: number;
  ledger?: LedgerCheck;
}

async function checkLedger(pool: Pool, incidentIds: string[]): Promise<LedgerCheck> {
  const totals = await pool.query(
    `SELECT count(*)::int AS rows, (count(*) - count(DISTINCT (incident_id, kind, period_index)))::int AS duplicates
     FROM ledger_entries WHERE incident_id = ANY($1::uuid[])`,
    [incidentIds],
  );
  const off = await pool.query(
    `SELECT count(*)::int AS off FROM (
       SELECT ids.id FROM unnest($1::uuid[]) AS ids(id)
       LEFT JOIN ledger_entries e ON e.incident_id = ids.id AND e.kind = 'accrual'
       GROUP BY ids.id HAVING count(e.id) <> 1) t`,
    [incidentIds],
  );
  const r = totals.rows[0] as { rows: number; duplicates: number };
  const incidentsOff = (off.rows[0] as { off: number }).off;
  return {
    incidents: incidentIds.length,
    expectedRows: incidentIds.length,
    rows: r.rows,
    duplicates: r.duplicates,
    incidentsOff,
    ok: r.rows === incidentIds.length && r.duplicates === 0 && incidentsOff === 0,
  };
}

/** Closed loop: `level` virtual users run lifecycles back to back; ramp, measured window, drain. */
async function runRound(
  deps: LifecycleDeps,
  arm: Arm,
  level: number,
  opts: { rampS: number; windowS: number; measure: boolean; historySample: number; round: number },
): Promise<RoundResult | undefined> {
  const rec = new RoundRecorder();
  const lifecycleMs = RESTORE_AT_MS + 250;
  let cpuFrom: CpuSample | undefined;
  let cpuTo: CpuSample | undefined;
  let rss: Record<string, number> = {};
  const roundStart = performance.now();
  const windowTimer = (async () => {
    // Ramp: at least rampS, and until every virtual user has finished about one lifecycle (steady
    // state), at most a minute more. The window then lasts windowS, or 1.5 lifecycles if longer.
    await sleep(opts.rampS * 1000);
    while (opts.measure && rec.completed.length < level && performance.now() - roundStart < (opts.rampS + 60) * 1000) await sleep(100);
    const durations = rec.completed.map((o) => o.durationMs);
    const meanLifecycle = durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : 0;
    const windowMs = Math.max(opts.windowS * 1000, Math.min(60_000, 1.5 * meanLifecycle));
    cpuFrom = deps.sampler.sample();
    rec.windowStart = performance.now();
    await sleep(windowMs);
    rec.windowEnd = performance.now();
    cpuTo = deps.sampler.sample();
    rss = deps.rss();
    rec.stopped = true;
  })();

  const vus = Array.from({ length: level }, async (_, vu) => {
    // Spread the first starts over one lifecycle so the level is reached smoothly.
    await sleep((vu / level) * lifecycleMs);
    while (!rec.stopped) {
      try {
        await lifecycle(arm, rec, vu);
      } catch (error) {
        rec.error(error);
        await sleep(200);
      }
    }
  });
  await windowTimer;
  await Promise.all(vus);

  // Drain: every workflow of the round completes before the next round (and arm) starts.
  const drainFrom = performance.now();
  let notDrained = 0;
  await mapLimit(rec.started, 64, async (id) => {
    const handle = deps.temporal.workflow.getHandle(id);
    const done = await Promise.race([
      handle.result().then(
        () => true,
        () => true,
      ),
      sleep(60_000).then(() => false),
    ]);
    if (!done) notDrained += 1;
  });
  const drainMs = performance.now() - drainFrom;
  if (!opts.measure) return undefined;

  const windowMs = rec.windowEnd - rec.windowStart;
  const histories = await mapLimit(sample(rec.completedInWindow, opts.historySample), 8, (o) => historyOf(deps.temporal, o.workflowId));
  const lateness = histories.flatMap(timerLateness);
  if (process.env.BENCH_DEBUG === '1' && histories.length) {
    // The history with the latest timer, to look at.
    const worst = histories.reduce((w, h) => (Math.max(...timerLateness(h), -Infinity) > Math.max(...timerLateness(w), -Infinity) ? h : w));
    deps.dump?.(`latest-timer-${arm.name}-level${level}-round${opts.round}.json`, worst);
  }
  const activities = histories.map(activityCount).sort((a, b) => a - b);
  const n = rec.completedInWindow.length;
  const cpu = CpuSampler.delta(cpuFrom!, cpuTo!);
  const cpuMsPerLifecycle: Record<string, number> = {};
  const cores: Record<string, number> = {};
  // Whatever else ran on the machine meanwhile (other jobs): busy CPU not accounted to our processes.
  cpu.other =
    cpu.machine -
    Object.entries(cpu)
      .filter(([k]) => k !== 'machine')
      .reduce((a, [, v]) => a + v, 0);
  for (const [name, ms] of Object.entries(cpu)) {
    cpuMsPerLifecycle[name] = n ? ms / n : NaN;
    cores[name] = ms / windowMs;
  }
  if (cores.other > 0.25)
    deps.log(`    warning: ${cores.other.toFixed(2)} cores used by other processes on the machine during this window: figures disturbed`);
  const ledger = arm.name === 'B' ? await checkLedger(deps.pool, rec.completed.map((o) => o.incidentId!).filter(Boolean)) : undefined;
  let breachDetection: Distribution | undefined;
  if (arm.name === 'B') {
    const { rows } = await deps.pool.query(
      `SELECT ((data->>'detectedAt')::bigint - (data->>'dueAt')::bigint)::float8 AS late
       FROM incident_timeline WHERE incident_id = ANY($1::uuid[]) AND kind = 'breach'`,
      [rec.completedInWindow.map((o) => o.incidentId!)],
    );
    breachDetection = distribution(rows.map((r: { late: number }) => r.late));
  }
  const stepByName: Record<string, Distribution> = {};
  for (const [name, values] of Object.entries(rec.stepsByName)) stepByName[name] = distribution(values);
  return {
    arm: arm.name,
    level,
    round: opts.round,
    windowS: windowMs / 1000,
    lifecycles: n,
    throughput: n / (windowMs / 1000),
    lifecycleMs: distribution(rec.completedInWindow.map((o) => o.durationMs)),
    start: distribution(rec.starts),
    step: distribution(rec.steps),
    stepByName,
    timerLateness: distribution(lateness),
    breachDetection,
    activitiesPerLifecycle: activities.length ? activities[Math.floor(activities.length / 2)] : NaN,
    cpuMsPerLifecycle,
    cores,
    rssMiB: rss,
    errors: rec.errors,
    errorSamples: rec.errorSamples,
    drainMs,
    notDrained,
    ledger,
  };
}

// ------------------------------------------------------------------ the whole benchmark

export interface ArmSummary {
  throughput: Spread;
  lifecycleP50: Spread;
  startP50: Spread;
  startP95: Spread;
  startP99: Spread;
  stepP50: Spread;
  stepP95: Spread;
  stepP99: Spread;
  latenessP50: Spread;
  latenessP99: Spread;
  /** Timers that fired in the sampled histories, per round (B's are often overtaken by a step). */
  timersFired: Spread;
  breachDetectionP50: Spread;
  breachDetectionP99: Spread;
  cpuMsPerLifecycle: Record<string, Spread>;
  cores: Record<string, Spread>;
  workerRssMiB: Spread;
  /** Cores busy with processes outside the benchmark during the window (should be ~0). */
  otherCores: Spread;
  errors: number;
}

export interface LevelSummary {
  level: number;
  A: ArmSummary;
  B: ArmSummary;
  ratioBA: Spread;
  stepP95DeltaMs: Spread;
  ledger: { incidents: number; rows: number; expectedRows: number; duplicates: number; incidentsOff: number; ok: boolean };
}

export interface LifecycleResult {
  plan: FloorPlan;
  activitiesPerLifecycle: { A: number; B: number };
  calibration: { bHistoryEvents: number; aHistoryEvents: number; bTimersFired: number };
  rounds: RoundResult[];
  levels: LevelSummary[];
  saturationLevel: number;
  saturated: boolean;
}

function summarizeArm(rounds: RoundResult[], worker: string): ArmSummary {
  const pick = (f: (r: RoundResult) => number) => spread(rounds.map(f));
  const names = new Set(rounds.flatMap((r) => Object.keys(r.cpuMsPerLifecycle)));
  const cpu: Record<string, Spread> = {};
  const cores: Record<string, Spread> = {};
  for (const name of names) {
    cpu[name] = pick((r) => r.cpuMsPerLifecycle[name]);
    cores[name] = pick((r) => r.cores[name]);
  }
  return {
    throughput: pick((r) => r.throughput),
    lifecycleP50: pick((r) => r.lifecycleMs.p50),
    startP50: pick((r) => r.start.p50),
    startP95: pick((r) => r.start.p95),
    startP99: pick((r) => r.start.p99),
    stepP50: pick((r) => r.step.p50),
    stepP95: pick((r) => r.step.p95),
    stepP99: pick((r) => r.step.p99),
    latenessP50: pick((r) => r.timerLateness.p50),
    latenessP99: pick((r) => r.timerLateness.p99),
    timersFired: pick((r) => r.timerLateness.n),
    breachDetectionP50: pick((r) => r.breachDetection?.p50 ?? NaN),
    breachDetectionP99: pick((r) => r.breachDetection?.p99 ?? NaN),
    cpuMsPerLifecycle: cpu,
    cores,
    workerRssMiB: pick((r) => r.rssMiB[worker]),
    otherCores: pick((r) => r.cores.other),
    errors: rounds.reduce((n, r) => n + Object.values(r.errors).reduce((a, b) => a + b, 0), 0),
  };
}

export async function runLifecycleBench(deps: LifecycleDeps, config: LifecycleConfig): Promise<LifecycleResult> {
  const { log } = deps;
  let plan: FloorPlan = { start: [], updates: {}, timers: [] };
  const A = floorArm(deps, () => plan);
  const B = productArm(deps, config.contracts);

  // Calibration: one real lifecycle alone, whose history tells where arm A calls its no-ops.
  const calB = openRecorder();
  await lifecycle(B, calB, 0);
  await deps.temporal.workflow.getHandle(calB.started[0]).result();
  const bEvents = await historyOf(deps.temporal, calB.started[0]);
  plan = planFromHistory(bEvents);
  const bActivities = activityCount(bEvents);
  const bTimers = bEvents.filter((e) => e.timerFiredEventAttributes).length;
  log(`calibration: one product lifecycle = ${bEvents.length} history events, ${bActivities} activities, ${bTimers} timers fired`);
  log(
    `  activities by phase: start [${plan.start.join(', ')}]; ${Object.entries(plan.updates)
      .map(([k, v]) => `${k} [${v!.join(', ')}]`)
      .join('; ')}; ${plan.timers.map((t, i) => `timer ${i + 1} +${t.afterMs} ms [${t.activities.join(', ')}]`).join('; ')}`,
  );
  if (bTimers !== 1) log(`  note: expected 1 fired timer (the restore breach, whose activation also posts the accrual), saw ${bTimers}`);
  const calA = openRecorder();
  await lifecycle(A, calA, 0);
  await deps.temporal.workflow.getHandle(calA.started[0]).result();
  const aEvents = await historyOf(deps.temporal, calA.started[0]);
  const aActivities = activityCount(aEvents);
  log(
    `calibration: one floor lifecycle = ${aEvents.length} history events, ${aActivities} no-op activities, ${aEvents.filter((e) => e.timerFiredEventAttributes).length} timers fired`,
  );
  if (aActivities !== bActivities) log(`  warning: floor makes ${aActivities} activity calls, product ${bActivities}`);
  const unloaded = (rec: RoundRecorder) =>
    `start ${rec.starts.map((v) => v.toFixed(0)).join('')} ms, steps ${Object.entries(rec.stepsByName)
      .map(([k, v]) => `${k} ${v.map((x) => x.toFixed(0)).join('/')}`)
      .join(', ')} ms`;
  log(`calibration latencies, one lifecycle alone: A ${unloaded(calA)}; B ${unloaded(calB)}`);
  deps.dump?.('calibration-history-B.json', bEvents);
  deps.dump?.('calibration-history-A.json', aEvents);

  const rounds: RoundResult[] = [];
  for (const level of config.levels) {
    log(`level ${level}: warm-up ${config.warmupS} s per arm`);
    for (const arm of [A, B]) {
      await runRound(deps, arm, level, { rampS: 0, windowS: config.warmupS, measure: false, historySample: 0, round: 0 });
    }
    for (let r = 1; r <= config.rounds; r++) {
      // Interleaved, alternating order (ABBA…) so drift in the machine hits both arms alike.
      const order = r % 2 === 1 ? [A, B] : [B, A];
      for (const arm of order) {
        const result = (await runRound(deps, arm, level, {
          rampS: config.rampS,
          windowS: config.windowS,
          measure: true,
          historySample: config.historySample,
          round: r,
        }))!;
        rounds.push(result);
        const errs = Object.entries(result.errors)
          .map(([k, v]) => `${k}×${v}`)
          .join(', ');
        log(
          `  level ${level} round ${r} arm ${arm.name}: ${result.throughput.toFixed(2)} lifecycles/s (${result.lifecycles}), ` +
            `start p95 ${result.start.p95.toFixed(1)} ms, step p95 ${result.step.p95.toFixed(1)} ms, ` +
            `timer lateness p99 ${result.timerLateness.p99.toFixed(0)} ms (${result.timerLateness.n} fired)` +
            (result.breachDetection ? `, breach detected p99 ${result.breachDetection.p99.toFixed(0)} ms after due` : '') +
            (result.ledger
              ? `, ledger ${result.ledger.rows}/${result.ledger.expectedRows} rows${result.ledger.ok ? '' : ' MISMATCH'}`
              : '') +
            (errs ? `, errors: ${errs}` : '') +
            (result.notDrained ? `, ${result.notDrained} not drained` : ''),
        );
        if (result.errorSamples.length) log(`    e.g. ${result.errorSamples[0]}`);
      }
    }
  }

  const levels: LevelSummary[] = config.levels.map((level) => {
    const at = rounds.filter((r) => r.level === level);
    const a = at.filter((r) => r.arm === 'A');
    const b = at.filter((r) => r.arm === 'B');
    const ratios = b.map((rb) => {
      const ra = a.find((x) => x.round === rb.round);
      return ra ? rb.throughput / ra.throughput : NaN;
    });
    const deltas = b.map((rb) => {
      const ra = a.find((x) => x.round === rb.round);
      return ra ? rb.step.p95 - ra.step.p95 : NaN;
    });
    const ledgers = b.map((r) => r.ledger!).filter(Boolean);
    return {
      level,
      A: summarizeArm(a, deps.workerOf.A),
      B: summarizeArm(b, deps.workerOf.B),
      ratioBA: spread(ratios),
      stepP95DeltaMs: spread(deltas),
      ledger: {
        incidents: ledgers.reduce((n, l) => n + l.incidents, 0),
        rows: ledgers.reduce((n, l) => n + l.rows, 0),
        expectedRows: ledgers.reduce((n, l) => n + l.expectedRows, 0),
        duplicates: ledgers.reduce((n, l) => n + l.duplicates, 0),
        incidentsOff: ledgers.reduce((n, l) => n + l.incidentsOff, 0),
        ok: ledgers.every((l) => l.ok),
      },
    };
  });

  const { saturationLevel, saturated } = judgeSaturation(levels);

  return {
    plan,
    activitiesPerLifecycle: { A: aActivities, B: bActivities },
    calibration: { bHistoryEvents: bEvents.length, aHistoryEvents: aEvents.length, bTimersFired: bTimers },
    rounds,
    levels,
    saturationLevel,
    saturated,
  };
}

/**
 * Where throughput stops growing: the first level whose product throughput is less than 15 % above
 * the previous level's. Then the saturation level is the one with the peak product throughput;
 * if it never stops growing, the highest level (not saturated).
 */
export function judgeSaturation(levels: LevelSummary[]): { saturationLevel: number; saturated: boolean } {
  let saturated = false;
  for (let i = 1; i < levels.length; i++) {
    if (levels[i].B.throughput.median < levels[i - 1].B.throughput.median * 1.15) saturated = true;
  }
  if (!levels.length) return { saturationLevel: NaN, saturated };
  const peak = levels.reduce((best, l, i) => (l.B.throughput.median > levels[best].B.throughput.median ? i : best), 0);
  return { saturationLevel: saturated ? levels[peak].level : levels[levels.length - 1].level, saturated };
}
