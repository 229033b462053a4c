import { join } from 'node:path';
import { binaryCacheDir, binaryVersion, findGo, findOnPath, goInstall, isExecutable } from './go-binaries';

/**
 * The Temporal server release the cluster profile and docker-compose.yml run. Its `go install`
 * builds cleanly (no replace directives); the sql tool carries this release's schemas embedded.
 */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';

type Source = 'env' | 'PATH' | 'cache' | 'go install';

export interface ServerBinary {
  path: string;
  source: Source;
  version: string;
}

export interface TemporalServerBinaries {
  /** `temporal-server`: `start --service=…`, `render-config`. */
  server: ServerBinary;
  /** `temporal-sql-tool`: create-database, setup-schema, update-schema. */
  sql: ServerBinary;
}

interface BinarySpec {
  label: string;
  envVar: string;
  /** Name in release images and packages (looked up on PATH). */
  pathName: string;
  /** Name `go install` gives it (kept in the cache). */
  goName: string;
  module: string;
}

const SPECS = {
  server: {
    label: 'Temporal server',
    envVar: 'TEMPORAL_SERVER_PATH',
    pathName: 'temporal-server',
    goName: 'server',
    module: 'go.temporal.io/server/cmd/server',
  },
  sql: {
    label: 'Temporal sql tool',
    envVar: 'TEMPORAL_SQL_TOOL_PATH',
    pathName: 'temporal-sql-tool',
    goName: 'sql',
    module: 'go.temporal.io/server/cmd/tools/sql',
  },
} satisfies Record<keyof TemporalServerBinaries, BinarySpec>;

const wanted = TEMPORAL_SERVER_VERSION.slice(1);
/** `temporal version 1.29.1`, `temporal-sql-tool version 1.29.1`. */
const isWantedVersion = (version: string | undefined): version is string => version !== undefined && version.endsWith(` ${wanted}`);

async function resolveOne(
  spec: BinarySpec,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv,
  goBinary: () => string | undefined,
): Promise<ServerBinary> {
  const given = env[spec.envVar];
  const candidates: Array<{ path: string; source: Source }> = [];
  if (given) {
    if (!isExecutable(given)) throw new Error(`${spec.envVar}=${given} is not an executable file`);
    candidates.push({ path: given, source: 'env' });
  } else {
    const onPath = findOnPath(spec.pathName, env.PATH);
    if (onPath) candidates.push({ path: onPath, source: 'PATH' });
    const cached = join(binaryCacheDir(env), spec.goName);
    if (isExecutable(cached)) candidates.push({ path: cached, source: 'cache' });
  }
  for (const candidate of candidates) {
    const version = await binaryVersion(candidate.path);
    if (isWantedVersion(version)) return { ...candidate, version };
    if (candidate.source === 'env') {
      throw new Error(`${spec.envVar}=${candidate.path} is ${version ?? 'not runnable'}; this project runs ${spec.label} ${wanted}`);
    }
    log(`${spec.label} at ${candidate.path} is ${version ?? 'not runnable'}, not ${wanted}: skipped`);
  }

  const go = goBinary();
  if (!go) {
    throw new Error(
      `No ${spec.label} ${wanted} found (${spec.envVar}, \`${spec.pathName}\` on PATH, ${binaryCacheDir(env)}) and no Go to build it: ` +
        `install Go 1.25 or later (https://go.dev/dl/, or your distribution's golang package) so that ` +
        `\`go install ${spec.module}@${TEMPORAL_SERVER_VERSION}\` can build it, or set ${spec.envVar}`,
    );
  }
  log(
    `Building ${spec.label} ${TEMPORAL_SERVER_VERSION} with ${go} into ${binaryCacheDir(env)} (one time; the server takes ~5 min on 2 cores)`,
  );
  const path = await goInstall(go, `${spec.module}@${TEMPORAL_SERVER_VERSION}`, spec.goName, env);
  const version = await binaryVersion(path);
  if (!isWantedVersion(version)) throw new Error(`go install built ${path}, which reports ${version ?? 'nothing'}, not ${wanted}`);
  return { path, source: 'go install', version };
}

/**
 * Resolves the real Temporal server and its sql tool, each in the order: its environment variable
 * (TEMPORAL_SERVER_PATH, TEMPORAL_SQL_TOOL_PATH), `temporal-server` / `temporal-sql-tool` on PATH,
 * our cache (`server`, `sql`), then `go install …@v1.29.1` into the cache. Only release 1.29.1 is
 * accepted: the schema the sql tool applies must be the one the server expects. Never committed.
 */
export async function resolveTemporalServerBinaries(
  log: (line: string) => void = () => undefined,
  env: NodeJS.ProcessEnv = process.env,
  goBinary: () => string | undefined = () => findGo(env),
): Promise<TemporalServerBinaries> {
  // One after the other: two parallel `go install`s of the same module only compete for 2 cores.
  const server = await resolveOne(SPECS.server, log, env, goBinary);
  const sql = await resolveOne(SPECS.sql, log, env, goBinary);
  return { server, sql };
}
