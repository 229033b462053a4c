/** Linux processes read from /proc: who descends from whom, and whether a given process still runs. */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** Clock ticks after boot: with the pid, names one process even when pids are reused. */
  startTime: string;
  state: string;
  command: string;
}

function readStat(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name sits in parentheses and may itself contain spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return {
      pid,
      state: fields[0],
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      startTime: fields[19],
      command: cmdline || stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    };
  } catch {
    return undefined; // gone meanwhile
  }
}

export function allProcesses(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((p): p is ProcessInfo => p !== undefined);
}

/** Every process below `root` (children, their children, …), not `root` itself. */
export function descendants(root: number): ProcessInfo[] {
  const all = allProcesses();
  const found: ProcessInfo[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

/** Still running (a zombie has exited: only its exit status waits to be read). */
export function isRunning(p: Pick<ProcessInfo, 'pid' | 'startTime'>): boolean {
  const now = readStat(p.pid);
  return now !== undefined && now.startTime === p.startTime && now.state !== 'Z';
}
