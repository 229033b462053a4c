import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';

export interface ProcessSpec {
  /** Shown in logs and figures, e.g. `temporal-history-2`, `api-1`. */
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** stdout and stderr of every run are appended here. */
  logFile: string;
  /** After SIGTERM, how long to wait before SIGKILL. */
  stopTimeoutMs?: number;
  /** Run as this user and group (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
}

/**
 * One child process of the cluster profile that can be started, stopped, killed and started again
 * (the fault matrix does all four). It runs in its own process group, so a Ctrl-C in the terminal
 * reaches only the profile, which then stops its children in order and waits for each.
 */
export class ManagedProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private log?: WriteStream;
  private expectingExit = false;
  /** Where this run's output starts in the log file. */
  private runOffset = 0;
  /** Called when the process ends without stop()/kill() asking it to. */
  onUnexpectedExit: (description: string) => void = () => undefined;
  starts = 0;

  constructor(readonly spec: ProcessSpec) {}

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    mkdirSync(dirname(this.spec.logFile), { recursive: true });
    this.runOffset = (existsSync(this.spec.logFile) ? statSync(this.spec.logFile).size : 0) + (this.log?.writableLength ?? 0);
    this.log ??= createWriteStream(this.spec.logFile, { flags: 'a' });
    this.expectingExit = false;
    this.starts += 1;
    const child = spawn(this.spec.command, this.spec.args, {
      env: this.spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      uid: this.spec.uid,
      gid: this.spec.gid,
    });
    this.child = child;
    this.log.write(
      `=== ${new Date().toISOString()} start #${this.starts} pid ${child.pid}: ${this.spec.command} ${this.spec.args.join(' ')}\n`,
    );
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.exited = new Promise((resolve) => {
      child.once('error', (error) => {
        this.log?.write(`=== ${new Date().toISOString()} could not start: ${error.message}\n`);
        resolve();
      });
      child.once('exit', (code, signal) => {
        const description = signal ? `signal ${signal}` : `exit code ${code}`;
        this.log?.write(`=== ${new Date().toISOString()} ended (${description})\n`);
        if (!this.expectingExit) this.onUnexpectedExit(description);
        resolve();
      });
    });
  }

  /**
   * SIGTERM (or `signal`), then SIGKILL after the grace period; resolves once the process is gone,
   * with whether it had to be killed.
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ killed: boolean }> {
    const child = this.child;
    if (!child || !this.running) return { killed: false };
    this.expectingExit = true;
    let killed = false;
    const grace = setTimeout(() => {
      killed = true;
      this.log?.write(`=== ${new Date().toISOString()} still running ${this.spec.stopTimeoutMs ?? 20_000} ms after ${signal}: SIGKILL\n`);
      child.kill('SIGKILL');
    }, this.spec.stopTimeoutMs ?? 20_000);
    child.kill(signal);
    await this.exited;
    clearTimeout(grace);
    return { killed };
  }

  /** SIGKILL: no chance to clean up, as in a crash. */
  async kill(): Promise<void> {
    await this.stop('SIGKILL');
  }

  async restart(): Promise<void> {
    await this.stop();
    this.start();
  }

  /** What the current (or last) run has written so far. */
  output(): string {
    try {
      return readFileSync(this.spec.logFile).subarray(this.runOffset).toString('utf8');
    } catch {
      return '';
    }
  }

  /** The last lines of this process's log (for a failure message). */
  tail(lines = 20): string {
    try {
      return readFileSync(this.spec.logFile, 'utf8')
        .split('\n')
        .slice(-lines - 1)
        .join('\n');
    } catch {
      return '';
    }
  }

  /** Closes the log file once the process is gone for good. */
  async close(): Promise<void> {
    await this.stop();
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
    this.log = undefined;
  }
}
