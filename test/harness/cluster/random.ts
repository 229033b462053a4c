/**
 * A seeded pseudo-random source (mulberry32): the fault matrix draws every instant and choice from
 * it, so a printed seed replays the same schedule (FAULT_SEED=<seed>).
 */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** An independent stream for one part of the run (its schedule does not shift when another part draws more). */
  fork(label: string): SeededRandom {
    let h = this.seed ^ 0x9e3779b9;
    for (const c of label) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
    return new SeededRandom(h >>> 0);
  }
}

/** FAULT_SEED when set (to replay a run), else a fresh one. */
export function faultSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.FAULT_SEED;
  if (given !== undefined && given !== '') {
    if (!/^\d+$/.test(given) || Number(given) > 0xffffffff) throw new Error(`FAULT_SEED=${given}: expected an integer 0..4294967295`);
    return Number(given);
  }
  return Math.floor(Math.random() * 0xffffffff);
}
