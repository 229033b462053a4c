import { join } from 'node:path';
import { binaryCacheDir, findGo, findOnPath, goInstall, isExecutable } from './go-binaries';

/** v1.5.1 is the newest CLI tag that `go install` accepts (later tags carry replace directives). */
export const TEMPORAL_CLI_VERSIONS = ['v1.5.1', 'v1.4.1'] as const;
const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';

export type TemporalExecutable =
  | { type: 'existing-path'; path: string; source: 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'go install' }
  | { type: 'cached-download'; source: 'sdk download' };

/**
 * Resolves the Temporal CLI (which contains the dev server) in the documented order:
 * TEMPORAL_CLI_PATH, `temporal` on PATH, our cache, `go install` into the cache, the SDK's own download.
 */
export async function resolveTemporalCli(
  log: (line: string) => void = () => undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TemporalExecutable> {
  if (env.TEMPORAL_CLI_PATH) {
    if (!isExecutable(env.TEMPORAL_CLI_PATH)) {
      throw new Error(`TEMPORAL_CLI_PATH=${env.TEMPORAL_CLI_PATH} is not an executable file`);
    }
    return { type: 'existing-path', path: env.TEMPORAL_CLI_PATH, source: 'TEMPORAL_CLI_PATH' };
  }
  const onPath = findOnPath('temporal', env.PATH);
  if (onPath) return { type: 'existing-path', path: onPath, source: 'PATH' };

  const cacheDir = binaryCacheDir(env);
  const cached = join(cacheDir, 'temporal');
  if (isExecutable(cached)) return { type: 'existing-path', path: cached, source: 'cache' };

  const go = findGo(env);
  if (go) {
    for (const version of TEMPORAL_CLI_VERSIONS) {
      log(`Building the Temporal CLI ${version} with ${go} (one time, a few minutes) into ${cacheDir}`);
      try {
        return { type: 'existing-path', path: await goInstall(go, `${CLI_MODULE}@${version}`, 'temporal', env), source: 'go install' };
      } catch (error) {
        log(`go install ${version} failed: ${(error as Error).message.split('\n').slice(-3).join(' ')}`);
      }
    }
  }
  log('No Temporal CLI found and none could be built: falling back to the SDK download');
  return { type: 'cached-download', source: 'sdk download' };
}

export function toSdkExecutable(exe: TemporalExecutable) {
  return exe.type === 'existing-path' ? ({ type: 'existing-path', path: exe.path } as const) : ({ type: 'cached-download' } as const);
}
