/**
 * The faults of the matrix, each injected at instants drawn from the scenario's seeded stream
 * while the load runs. Each says what it did, with the instant relative to the scenario's start.
 */
import { Client } from 'pg';
import type { Cluster } from '../../../src/dev/cluster/cluster';
import { TEMPORAL_DATABASE } from '../../../src/dev/cluster/cluster';
import { waitHealthy } from '../../../src/dev/cluster/app-processes';
import type { ManagedProcess } from '../../../src/dev/cluster/managed-process';
import { eventually } from '../fixtures';
import { untilInstant } from '../incidents';
import type { ApiClient } from './api-client';
import type { SeededRandom } from './random';

export interface FaultContext {
  cluster: Cluster;
  /** The load's HTTP client (to aim a kill at a replica with a request in flight). */
  api: ApiClient;
  random: SeededRandom;
  startedAt: number;
  /** Prints one line of the run, prefixed with the instant since the scenario's start. */
  say(line: string): void;
}

export interface Fault {
  name: string;
  /** Runs alongside the load; resolves once the fault is over and everything it stopped runs again. */
  inject(ctx: FaultContext): Promise<number>;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const workerKilledRepeatedly: Fault = {
  name: 'worker SIGKILL, repeated at random',
  async inject({ cluster, random, startedAt, say }) {
    const instants = [0, 1, 2].map(() => random.between(1_000, 14_000)).sort((a, b) => a - b);
    const restarts: Array<Promise<void>> = [];
    let kills = 0;
    for (const instant of instants) {
      await untilInstant(startedAt + instant);
      const running = cluster.workers.filter((w) => w.running);
      if (running.length === 0) {
        say('both workers are down already: this kill is skipped');
        continue;
      }
      const worker = random.pick(running);
      const pid = worker.pid;
      await worker.kill();
      kills += 1;
      const downFor = random.between(500, 3_000);
      say(`SIGKILL ${worker.name} (pid ${pid}); restart in ${seconds(downFor)}`);
      restarts.push(
        untilInstant(Date.now() + downFor).then(() => {
          worker.start();
          say(`${worker.name} started again (pid ${worker.pid})`);
        }),
      );
    }
    await Promise.all(restarts);
    return kills;
  },
};

/** Which history process (by gRPC address) owns each shard, read from Temporal's own shards table. */
export async function shardOwners(cluster: Cluster): Promise<Map<number, string>> {
  const db = new Client({ connectionString: cluster.postgres.url(TEMPORAL_DATABASE) });
  await db.connect();
  try {
    const rows: Array<{ shard_id: number; data: Buffer }> = (await db.query(`SELECT shard_id, data FROM shards ORDER BY shard_id`)).rows;
    const addresses = cluster.ports.history.map((p) => `127.0.0.1:${p.grpc}`);
    // The owner is a plain string field of the shard's proto record.
    return new Map(rows.map((r) => [r.shard_id, addresses.find((a) => r.data.includes(a)) ?? 'unknown']));
  } finally {
    await db.end();
  }
}

function describeOwners(owners: Map<number, string>, cluster: Cluster): string {
  return cluster.temporal.history
    .map((h, i) => {
      const address = `127.0.0.1:${cluster.ports.history[i].grpc}`;
      const shards = [...owners].filter(([, a]) => a === address).map(([s]) => s);
      return `${h.name} {${shards.join(',')}}`;
    })
    .join(', ');
}

export const historyProcessKilled: Fault = {
  name: 'one history process killed (its shards move)',
  async inject({ cluster, random, startedAt, say }) {
    await untilInstant(startedAt + random.between(2_000, 10_000));
    const index = Math.floor(random.next() * cluster.temporal.history.length);
    const victim = cluster.temporal.history[index];
    const survivor = `127.0.0.1:${cluster.ports.history[1 - index].grpc}`;
    say(`shard owners: ${describeOwners(await shardOwners(cluster), cluster)}`);
    const pid = victim.pid;
    await victim.kill();
    const killedAt = Date.now();
    say(`SIGKILL ${victim.name} (pid ${pid})`);
    // Progress, not a guess: the shards table says when the survivor owns every shard.
    const moved = await eventually(
      async () => {
        const owners = await shardOwners(cluster);
        return [...owners.values()].every((a) => a === survivor) ? owners : undefined;
      },
      90_000,
      250,
    );
    const movedAt = Date.now();
    say(`all ${moved.size} shards moved to the survivor in ${seconds(movedAt - killedAt)}: ${describeOwners(moved, cluster)}`);
    // The seeded schedule: the victim stays down a while longer before it starts again.
    await untilInstant(movedAt + random.between(1_000, 3_000));
    victim.start();
    say(`${victim.name} started again (pid ${victim.pid})`);
    return 1;
  },
};

export const temporalClusterRestarted: Fault = {
  name: 'the whole Temporal cluster restarted',
  async inject({ cluster, random, startedAt, say }) {
    await untilInstant(startedAt + random.between(2_000, 10_000));
    const stoppedAt = Date.now();
    const stops = await Promise.all(
      cluster.temporal.all.map(async (p) => {
        const { killed } = await p.stop();
        return `${p.name} ${seconds(Date.now() - stoppedAt)}${killed ? ' (SIGKILL after the grace period)' : ''}`;
      }),
    );
    say(`stopped all ${stops.length} Temporal processes (SIGTERM): ${stops.join(', ')}`);
    for (const p of cluster.temporal.all) p.start();
    await cluster.temporal.waitServing(60_000);
    say(`Temporal serving again; frontend unreachable for ${seconds(Date.now() - stoppedAt)}`);
    return 1;
  },
};

export const postgresRestarted: Fault = {
  name: 'PostgreSQL restarted',
  async inject({ cluster, random, startedAt, say }) {
    await untilInstant(startedAt + random.between(2_000, 10_000));
    const stoppedAt = Date.now();
    await cluster.postgres.stop();
    say(`PostgreSQL stopped (fast shutdown) in ${seconds(Date.now() - stoppedAt)}`);
    await cluster.postgres.start();
    say(`PostgreSQL accepting connections again; down for ${seconds(Date.now() - stoppedAt)}`);
    return 1;
  },
};

/**
 * An API replica SIGKILLed while a write is in flight on it, twice: once while incidents are being
 * reported, once while engineers are stepping. The clients retry on the other replica under the
 * same Idempotency-Key: a report is answered with the incident an earlier attempt may have created,
 * never a second one; a step is answered like the first attempt (200, never a 409) and applied once
 * (one timeline row, one audit row: checked by the invariants).
 */
export const apiReplicaKilledMidRequest: Fault = {
  name: 'an API replica killed mid-request (reports and steps retried under the same Idempotency-Key)',
  async inject({ cluster, api, random, startedAt, say }) {
    // The first while incidents are being reported, the second while engineers are stepping.
    const instants = [random.between(300, 2_500), random.between(5_000, 10_000)];
    let kills = 0;
    for (const instant of instants) {
      await untilInstant(startedAt + instant);
      const index = Math.floor(random.next() * cluster.apis.length);
      const replica = cluster.apis[index];
      // Aim at a request in flight (up to 3 s of waiting for one to start), so the kill lands mid-request.
      await api.writeInFlight(index, 3_000);
      const inFlight = api.inFlightWrites(index);
      const pid = replica.pid;
      await replica.kill();
      kills += 1;
      const killedAt = Date.now();
      say(`SIGKILL ${replica.name} (pid ${pid}) with ${inFlight} write${inFlight === 1 ? '' : 's'} in flight`);
      await untilInstant(killedAt + random.between(500, 2_000));
      replica.start();
      await waitHealthy(cluster.apiUrls[index], replica, 60_000);
      say(`${replica.name} serving again (pid ${replica.pid})`);
    }
    return kills;
  },
};

/** Processes that ended on their own during a scenario (a fault's own stops and kills are expected). */
export function watchUnexpectedExits(processes: ManagedProcess[], say: (line: string) => void): string[] {
  const exits: string[] = [];
  for (const p of processes) {
    p.onUnexpectedExit = (how) => {
      exits.push(`${p.name} (${how})`);
      say(`${p.name} ended on its own (${how}):\n${p.tail(15)}`);
    };
  }
  return exits;
}
