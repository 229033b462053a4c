/**
 * Once per run of the cluster project, outside Jest's sandbox (webpack cannot bundle inside it, and
 * a first build of the Temporal server takes minutes): resolves — or builds with Go — the server
 * and its sql tool, and bundles the workflow code. Test files find both through the environment.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWorkflowBundle } from '../../../src/dev/cluster/cluster';
import { resolveTemporalServerBinaries } from '../../../src/temporal/temporal-server-binaries';

export default async function clusterGlobalSetup(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[cluster-harness] ${line}\n`);
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'escalation-cluster-bundle-'));
  const bundle = join(dir, 'workflow-bundle.js');
  const [binaries] = await Promise.all([resolveTemporalServerBinaries(log), writeWorkflowBundle(bundle)]);
  process.env.TEMPORAL_SERVER_PATH = binaries.server.path;
  process.env.TEMPORAL_SQL_TOOL_PATH = binaries.sql.path;
  process.env.CLUSTER_WORKFLOW_BUNDLE = bundle;
  (globalThis as { __clusterBundleDir?: string }).__clusterBundleDir = dir;
  log(
    `${binaries.server.version} (${binaries.server.source}: ${binaries.server.path}), sql tool (${binaries.sql.source}), ` +
      `workflow bundle ready in ${Date.now() - started} ms`,
  );
}
