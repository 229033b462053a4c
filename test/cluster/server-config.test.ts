/**
 * The one Temporal server config template (deploy/temporal/config/server.yaml), rendered by the
 * real server v1.29.1 (`render-config`) with the environment each of its users gives it: every
 * process of the cluster profile, and the `temporal` service of docker-compose.yml.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot, temporalDeployPaths } from '../../src/dev/cluster/paths';
import { fixedPorts } from '../../src/dev/cluster/ports';
import { TemporalServices } from '../../src/dev/cluster/temporal-services';

const execFileAsync = promisify(execFile);
const { configDir, dynamicConfigFile } = temporalDeployPaths();

function serverBinary(): string {
  const path = process.env.TEMPORAL_SERVER_PATH;
  if (!path) throw new Error('TEMPORAL_SERVER_PATH is not set: run through jest (the cluster project global setup resolves it)');
  return path;
}

async function render(env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await execFileAsync(serverBinary(), ['--root', '/', '--config', configDir, '--env', 'server', 'render-config'], {
    env,
  });
  return stdout;
}

/** `key: value` lines of one service's `environment:` block, with `${VAR:-default}` and the file's anchors resolved. */
function composeEnvironment(service: string): NodeJS.ProcessEnv {
  const text = readFileSync(join(projectRoot(), 'docker-compose.yml'), 'utf8');
  const anchors = Object.fromEntries([...text.matchAll(/: &([\w-]+) (.+)$/gm)].map((m) => [m[1], m[2]]));
  const block = new RegExp(`^  ${service}:\\n[\\s\\S]*?^    environment:\\n((?:      .*\\n|\\s*#.*\\n)+)`, 'm').exec(text);
  if (!block) throw new Error(`no environment block for ${service} in docker-compose.yml`);
  const resolve = (v: string): string =>
    v
      .replace(/^\*([\w-]+)$/, (_, a: string) => anchors[a] ?? '')
      .replace(/\$\{(\w+):-([^}]*)\}/g, (_, _name, fallback: string) => fallback)
      .replace(/^'(.*)'$/, '$1');
  const env: NodeJS.ProcessEnv = {};
  for (const line of block[1].split('\n')) {
    const m = /^\s{6}(\w+): (.+?)(\s+#.*)?$/.exec(line);
    if (m) env[m[1]] = resolve(resolve(m[2].trim()));
  }
  return env;
}

describe('the Temporal server config template', () => {
  it("renders every cluster-profile process's own ports, the shard count and the database", async () => {
    const ports = fixedPorts({ postgres: 54339, temporal: 7400, api: 3100 }, { history: 2, api: 2 });
    const services = new TemporalServices({
      serverBinary: serverBinary(),
      configDir,
      dynamicConfigFile,
      databases: {
        host: '127.0.0.1',
        port: 54339,
        user: 'postgres',
        password: 'pw',
        database: 'temporal',
        visibilityDatabase: 'temporal_visibility',
      },
      historyShards: 8,
      ports,
      logDir: '/nowhere',
      logLevel: 'warn',
    });
    const second = await render(services.history[1].spec.env);
    expect(second).toMatch(/numHistoryShards: 8\n/);
    expect(second).toMatch(/connectAddr: 127\.0\.0\.1:54339\n/);
    const history = /\n {4}history:\n {8}rpc:\n[\s\S]*?grpcPort: (\d+)\n[\s\S]*?membershipPort: (\d+)\n/.exec(second);
    expect(history?.slice(1).map(Number)).toEqual([ports.history[1].grpc, ports.history[1].membership]);
    expect(second).toMatch(/rpcAddress: 127\.0\.0\.1:7400\n/);
    for (const p of services.all) {
      expect(await render(p.spec.env)).toMatch(/numHistoryShards: 8\n/);
    }
  });

  it("renders with docker-compose.yml's environment for the temporal service", async () => {
    const env = composeEnvironment('temporal');
    expect(env).toMatchObject({ NUM_HISTORY_SHARDS: '16', POSTGRES_SEEDS: 'postgresql', BIND_ON_IP: '0.0.0.0' });
    // start-server.sh sets the broadcast address from the container's own address.
    const rendered = await render({ ...env, TEMPORAL_BROADCAST_ADDRESS: '172.18.0.5' });
    expect(rendered).toMatch(/numHistoryShards: 16\n/);
    expect(rendered).toMatch(/connectAddr: postgresql:5432\n/);
    expect(rendered).toMatch(/broadcastAddress: 172\.18\.0\.5\n/);
    expect(rendered).toMatch(/filepath: \/deploy\/temporal\/dynamicconfig\/server\.yaml\n/);
    expect(rendered).toMatch(/user: escalation\n/);
  });

  it('refuses to render without a required value, naming it', async () => {
    await expect(render({ POSTGRES_SEEDS: 'db', POSTGRES_USER: 'u', DYNAMIC_CONFIG_FILE_PATH: '/x' })).rejects.toThrow(
      /NUM_HISTORY_SHARDS is required by deploy\/temporal\/config\/server\.yaml/,
    );
  });
});
