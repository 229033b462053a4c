import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTemporalServerBinaries } from '../../../src/temporal/temporal-server-binaries';

/** Stand-in executables that only answer `--version`, as the real ones do. */
function fakeBinary(dir: string, name: string, version: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\necho "${version}"\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('resolving the Temporal server and its sql tool', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const noGo = () => undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'server-binaries-'));
    // An empty cache and a PATH with nothing on it: only what a test puts there is found.
    env = { ESCALATION_CACHE_DIR: join(dir, 'cache'), PATH: join(dir, 'path') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH first, checking the release', async () => {
    env.TEMPORAL_SERVER_PATH = fakeBinary(join(dir, 'given'), 'srv', 'temporal version 1.29.1');
    env.TEMPORAL_SQL_TOOL_PATH = fakeBinary(join(dir, 'given'), 'sqltool', 'temporal-sql-tool version 1.29.1');
    fakeBinary(join(dir, 'cache', 'bin'), 'server', 'temporal version 1.29.1');
    const found = await resolveTemporalServerBinaries(undefined, env, noGo);
    expect(found.server).toEqual({ path: env.TEMPORAL_SERVER_PATH, source: 'env', version: 'temporal version 1.29.1' });
    expect(found.sql.source).toBe('env');
  });

  it('refuses an environment override that is not executable or another release, naming the variable', async () => {
    env.TEMPORAL_SERVER_PATH = join(dir, 'missing');
    await expect(resolveTemporalServerBinaries(undefined, env, noGo)).rejects.toThrow(
      /^TEMPORAL_SERVER_PATH=.*missing is not an executable file$/,
    );
    env.TEMPORAL_SERVER_PATH = fakeBinary(dir, 'old', 'temporal version 1.27.0');
    await expect(resolveTemporalServerBinaries(undefined, env, noGo)).rejects.toThrow(
      /TEMPORAL_SERVER_PATH=.*old is temporal version 1\.27\.0; this project runs Temporal server 1\.29\.1/,
    );
  });

  it('then the release-image names on PATH, then the cache, skipping other releases', async () => {
    fakeBinary(join(dir, 'path'), 'temporal-server', 'temporal version 1.31.2');
    const cached = fakeBinary(join(dir, 'cache', 'bin'), 'server', 'temporal version 1.29.1');
    const onPath = fakeBinary(join(dir, 'path'), 'temporal-sql-tool', 'temporal-sql-tool version 1.29.1');
    fakeBinary(join(dir, 'cache', 'bin'), 'sql', 'temporal-sql-tool version 1.29.1');
    const lines: string[] = [];
    const found = await resolveTemporalServerBinaries((l) => lines.push(l), env, noGo);
    expect(found.server).toMatchObject({ path: cached, source: 'cache' });
    expect(found.sql).toMatchObject({ path: onPath, source: 'PATH' });
    expect(lines.join('\n')).toMatch(/temporal-server is temporal version 1\.31\.2, not 1\.29\.1: skipped/);
  });

  it('with nothing found and no Go, fails saying what to install — never a silent skip', async () => {
    await expect(resolveTemporalServerBinaries(undefined, env, noGo)).rejects.toThrow(
      /No Temporal server 1\.29\.1 found .* and no Go to build it: install Go 1\.25 or later .*go install go\.temporal\.io\/server\/cmd\/server@v1\.29\.1.*or set TEMPORAL_SERVER_PATH/,
    );
  });
});
