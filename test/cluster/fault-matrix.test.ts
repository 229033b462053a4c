/**
 * The fault matrix on the cluster profile (the production topology: PostgreSQL, Temporal server
 * v1.29.1 as frontend + two history + matching + worker processes on 8 shards, two API replicas,
 * two workers). Each fault is injected under load — incidents accruing penalties on a seconds-long
 * ladder, engineers stepping over HTTP against both replicas — at instants drawn from a printed
 * seed (FAULT_SEED=<seed> replays a run). After each: deadlines kept, nothing lost or duplicated
 * in timeline or ledger, and the product's reconciliation ok. The figures are printed as it runs.
 */
import { createContract, secondsPolicy } from '../harness/fixtures';
import { ApiClient, type ClientFigures } from '../harness/cluster/api-client';
import {
  apiReplicaKilledMidRequest,
  historyProcessKilled,
  postgresRestarted,
  temporalClusterRestarted,
  watchUnexpectedExits,
  workerKilledRepeatedly,
  type Fault,
} from '../harness/cluster/faults';
import { checkInvariants, waitQuiescent, type CheckFigures, type ScenarioTargets } from '../harness/cluster/invariants';
import { planIncidents, runIncident } from '../harness/cluster/load';
import { faultSeed, SeededRandom } from '../harness/cluster/random';
import { startTestCluster, TEST_HISTORY_SHARDS, type TestCluster } from '../harness/cluster/test-cluster';

const seed = faultSeed();
const random = new SeededRandom(seed);
const suiteStarted = Date.now();
const say = (line: string) => process.stderr.write(`[fault-matrix] ${line}\n`);

const INCIDENTS_PER_FAULT = 6;
const TARGETS: ScenarioTargets = { 'triage.respondWithin': 3, 'remote.startWithin': 6, 'penalty.restoreWithin': 4 };
const s = (amount: number) => ({ amount, unit: 'seconds' as const, anchor: 'report' as const });
const POLICY = secondsPolicy({
  urgent: {
    triage: { respondWithin: s(TARGETS['triage.respondWithin']) },
    remote: { startWithin: s(TARGETS['remote.startWithin']) },
    penalty: { restoreWithin: s(TARGETS['penalty.restoreWithin']) },
  },
});
// 0.1 % of 1,000,000 per 2-second period, counted from the report; capped per incident at 5 % (50
// periods, never reached here), so every owed period posts the same amount whatever the order.
const TERMS = { periodSeconds: 2, amount: '1000.0000' };

const totals = { faults: 0, incidents: 0, timelineRows: 0, breaches: 0, ledgerRows: 0, requests: 0, retried: 0 };
let tc: TestCluster | undefined;
/** Set when a scenario fails: the processes' logs are kept for a look. */
let failed = false;

beforeAll(async () => {
  say(`seed ${seed} (replay: FAULT_SEED=${seed} npx jest --selectProjects cluster)`);
  const started = Date.now();
  tc = await startTestCluster((line) => say(`cluster +${((Date.now() - started) / 1000).toFixed(1)} s: ${line}`));
  const c = tc.cluster;
  say(
    `cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s: PostgreSQL ${c.postgres.host}:${c.postgres.port}, ` +
      `Temporal ${c.binaries.server.version.split(' ').pop()} (${c.binaries.server.source}) frontend ${c.temporalAddress}, ` +
      `${c.temporal.history.length} history processes, ${TEST_HISTORY_SHARDS} shards, APIs ${c.apiUrls.join(' ')}, ${c.workers.length} workers`,
  );
}, 5 * 60_000);

afterAll(async () => {
  await tc?.close(failed);
  say(
    `done in ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s (seed ${seed}): ${totals.faults} faults injected, ` +
      `${totals.incidents} incidents, ${totals.timelineRows} timeline rows and ${totals.ledgerRows} ledger rows checked, ` +
      `${totals.breaches} breaches at their due instants, ${totals.requests} HTTP requests (${totals.retried} retried)`,
  );
}, 120_000);

async function runScenario(fault: Fault): Promise<void> {
  try {
    await scenario(fault);
  } catch (error) {
    failed = true;
    throw error;
  }
}

async function scenario(fault: Fault): Promise<void> {
  if (!tc) throw new Error('the cluster did not start');
  const { cluster, dataSource, token } = tc;
  const stream = random.fork(fault.name);
  const api = new ApiClient(cluster.apiUrls, token, stream.fork('http'));
  const { contractId } = await createContract(dataSource, {
    policy: POLICY,
    terms: { ratePerPeriod: '0.001', period: { amount: TERMS.periodSeconds, unit: 'seconds' }, capScope: 'incident' },
  });
  const startedAt = Date.now();
  const at = () => `+${((Date.now() - startedAt) / 1000).toFixed(2)} s`;
  const sayAt = (line: string) => say(`  ${at()} ${line}`);
  say(`${fault.name}: ${INCIDENTS_PER_FAULT} incidents on contract ${contractId}`);
  const unexpected = watchUnexpectedExits(cluster.processes(), sayAt);

  const plans = planIncidents(stream.fork('load'), INCIDENTS_PER_FAULT);
  const [load, injection] = await Promise.allSettled([
    Promise.all(plans.map((plan) => runIncident(api, contractId, plan, startedAt))),
    fault.inject({ cluster, api, random: stream.fork('fault'), startedAt, say: sayAt }),
  ]);
  if (injection.status === 'rejected') throw injection.reason;
  if (load.status === 'rejected') throw load.reason;
  const ids = load.value;
  sayAt(`all ${ids.length} incidents restored; waiting for the ledger and read model to settle`);
  await waitQuiescent(api, dataSource, ids, 90_000);
  const figures: CheckFigures = await checkInvariants({ api, db: dataSource, contractId, ids, targets: TARGETS, terms: TERMS });

  expect(unexpected).toEqual([]);
  expect(
    cluster
      .processes()
      .filter((p) => !p.running)
      .map((p) => p.name),
  ).toEqual([]);
  report(fault, injection.value, figures, api.figures);
  sayAt(`checked: ${summary(figures, api.figures)}, reconciliation ok`);
}

function report(_fault: Fault, injected: number, figures: CheckFigures, client: ClientFigures): void {
  totals.faults += injected;
  totals.incidents += figures.incidents;
  totals.timelineRows += figures.timelineRows;
  totals.breaches += figures.breaches;
  totals.ledgerRows += figures.ledgerRows;
  totals.requests += client.requests;
  totals.retried += client.retried;
}

function summary(f: CheckFigures, c: ClientFigures): string {
  return (
    `${f.incidents} incidents, ${f.timelineRows} timeline rows (seq contiguous, none twice), ${f.breaches} breaches at their ` +
    `due instants (detected up to ${(f.maxBreachLatenessMs / 1000).toFixed(2)} s late), ${f.ledgerRows} ledger rows = owed periods, ` +
    `${c.requests} requests (${c.retried} retried, ${c.stepsRetried} steps answered on a retry under their key, ` +
    `${c.reportsReplayed} reports answered from their Idempotency-Key)`
  );
}

describe('fault matrix on the cluster profile', () => {
  it(workerKilledRepeatedly.name, () => runScenario(workerKilledRepeatedly), 240_000);
  it(historyProcessKilled.name, () => runScenario(historyProcessKilled), 240_000);
  it(temporalClusterRestarted.name, () => runScenario(temporalClusterRestarted), 240_000);
  it(postgresRestarted.name, () => runScenario(postgresRestarted), 240_000);
  it(apiReplicaKilledMidRequest.name, () => runScenario(apiReplicaKilledMidRequest), 240_000);
});
