import { createServer } from 'node:net';

export interface ServicePorts {
  grpc: number;
  membership: number;
}

/** Every port the cluster profile listens on (all on 127.0.0.1). */
export interface ClusterPorts {
  postgres: number;
  frontend: ServicePorts & { http: number };
  history: ServicePorts[];
  matching: ServicePorts;
  worker: ServicePorts;
  api: number[];
}

export interface PortBases {
  postgres: number;
  /** The frontend's gRPC port; the other Temporal services take the next ports up. */
  temporal: number;
  /** The first API replica; the next ones take the next ports up. */
  api: number;
}

/**
 * A fixed, documented layout for `npm run cluster`: Temporal frontend gRPC on `temporal`, its
 * HTTP and membership ports next, then a gRPC + membership pair per history process, matching
 * and the worker service (7400–7411 by default with two history processes).
 */
export function fixedPorts(bases: PortBases, counts: { history: number; api: number }): ClusterPorts {
  let next = bases.temporal;
  const take = () => next++;
  const pair = (): ServicePorts => ({ grpc: take(), membership: take() });
  const frontend = { grpc: take(), http: take(), membership: take() };
  return {
    postgres: bases.postgres,
    frontend,
    history: Array.from({ length: counts.history }, pair),
    matching: pair(),
    worker: pair(),
    api: Array.from({ length: counts.api }, (_, i) => bases.api + i),
  };
}

/**
 * Temporal records each process's membership port in a SMALLINT column, so cluster ports must stay
 * below 32768 — under the kernel's ephemeral range, which is why they are drawn here rather than
 * asked of the kernel.
 */
const LOWEST = 20_000;
const HIGHEST = 32_767;

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Free ports, all distinct, drawn at random: for test runs side by side on one machine. */
export async function freePorts(counts: { history: number; api: number }): Promise<ClusterPorts> {
  const seen = new Set<number>();
  const take = async (): Promise<number> => {
    for (;;) {
      const port = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST + 1));
      if (!seen.has(port) && (await isFree(port))) {
        seen.add(port);
        return port;
      }
    }
  };
  const pair = async (): Promise<ServicePorts> => ({ grpc: await take(), membership: await take() });
  const postgres = await take();
  const frontend = { grpc: await take(), http: await take(), membership: await take() };
  const history: ServicePorts[] = [];
  for (let i = 0; i < counts.history; i += 1) history.push(await pair());
  const matching = await pair();
  const worker = await pair();
  const api: number[] = [];
  for (let i = 0; i < counts.api; i += 1) api.push(await take());
  return { postgres, frontend, history, matching, worker, api };
}

/** Every port of the layout, for a check that none is taken before starting. */
export function allPorts(ports: ClusterPorts): number[] {
  const pairs = [ports.frontend, ...ports.history, ports.matching, ports.worker];
  return [ports.postgres, ports.frontend.http, ...pairs.flatMap((p) => [p.grpc, p.membership]), ...ports.api];
}
