/**
 * CPU time and resident memory of processes from /proc (Linux): utime+stime in clock ticks
 * (getconf CLK_TCK, 100 here) and VmRSS. A process tree's CPU is the root's own and reaped
 * children's (cutime+cstime) plus every live descendant's, so short-lived PostgreSQL backends
 * and autovacuum workers are counted once they exit too.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticks: number | undefined;

/** Clock ticks per second (getconf CLK_TCK); 100 when getconf is missing. */
export function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

interface Stat {
  pid: number;
  ppid: number;
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    const rest = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state): field n is rest[n - 3].
    return { pid, ppid: +rest[1], utime: +rest[11], stime: +rest[12], cutime: +rest[13], cstime: +rest[14] };
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** Pids whose command line matches. */
export function findPids(match: (cmd: string) => boolean): number[] {
  return allPids().filter((pid) => match(cmdline(pid)));
}

/** CPU milliseconds of one process (its threads included), or NaN when it is gone. */
export function processCpuMs(pid: number): number {
  const s = readStat(pid);
  return s ? ((s.utime + s.stime) * 1000) / clockTicks() : NaN;
}

/** CPU milliseconds of a process tree: the root (with its reaped children) plus live descendants. */
export function treeCpuMs(rootPid: number): number {
  const stats = allPids()
    .map(readStat)
    .filter((s): s is Stat => !!s);
  const root = stats.find((s) => s.pid === rootPid);
  if (!root) return NaN;
  const children = new Map<number, Stat[]>();
  for (const s of stats) {
    const list = children.get(s.ppid) ?? [];
    list.push(s);
    children.set(s.ppid, list);
  }
  let total = root.utime + root.stime + root.cutime + root.cstime;
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length) {
    const s = queue.pop()!;
    total += s.utime + s.stime;
    queue.push(...(children.get(s.pid) ?? []));
  }
  return (total * 1000) / clockTicks();
}

/** Resident set size in MiB (VmRSS), or NaN. */
export function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export interface Watched {
  name: string;
  pid: number;
  /** Sum the whole process tree (PostgreSQL: postmaster + backends). */
  tree: boolean;
}

export type CpuSample = Record<string, number>;

/** Samples CPU of the watched processes (and this driver process) at an instant. */
export class CpuSampler {
  constructor(private readonly watched: Watched[]) {}

  sample(): CpuSample {
    const out: CpuSample = {};
    for (const w of this.watched) out[w.name] = w.tree ? treeCpuMs(w.pid) : processCpuMs(w.pid);
    const self = process.cpuUsage();
    out.driver = (self.user + self.system) / 1000;
    out.machine = machineBusyMs();
    return out;
  }

  static delta(from: CpuSample, to: CpuSample): CpuSample {
    const out: CpuSample = {};
    for (const key of Object.keys(to)) out[key] = to[key] - (from[key] ?? NaN);
    return out;
  }

  names(): string[] {
    return [...this.watched.map((w) => w.name), 'driver'];
  }
}

/** Busy CPU milliseconds of the whole machine (all cores) from /proc/stat: everything but idle and iowait. */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user)
  const busy = f[0] + f[1] + f[2] + f[5] + f[6] + f[7];
  return (busy * 1000) / clockTicks();
}
