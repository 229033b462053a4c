import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Where binaries we build with Go are kept: outside the repository, shared by every clone. */
export function binaryCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.ESCALATION_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'escalation-orchestrator');
  return join(base, 'bin');
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findOnPath(name: string, pathVar = process.env.PATH ?? ''): string | undefined {
  return pathVar
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find(isExecutable);
}

/** `go` on PATH, else where the official installer and the Debian-less tarball put it. */
export function findGo(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findOnPath('go', env.PATH) ?? ['/usr/local/go/bin/go', join(homedir(), 'go', 'bin', 'go')].find(isExecutable);
}

/**
 * `go install <module>@<version>` into the cache; resolves to the built binary's path.
 * -trimpath keeps the build independent of where the module cache lives.
 */
export async function goInstall(
  go: string,
  moduleAtVersion: string,
  binaryName: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const cacheDir = binaryCacheDir(env);
  mkdirSync(cacheDir, { recursive: true });
  await execFileAsync(go, ['install', moduleAtVersion], {
    env: { ...env, GOBIN: cacheDir, GOFLAGS: [env.GOFLAGS, '-trimpath'].filter(Boolean).join(' ') },
    maxBuffer: 64 * 1024 * 1024,
  });
  const built = join(cacheDir, binaryName);
  if (!existsSync(built)) throw new Error(`go install ${moduleAtVersion} produced no ${built}`);
  return built;
}

/** The first line of `<binary> --version`, or undefined when it does not run. */
export async function binaryVersion(path: string): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync(path, ['--version'], { timeout: 15_000 });
    return stdout.split('\n')[0].trim();
  } catch {
    return undefined;
  }
}
