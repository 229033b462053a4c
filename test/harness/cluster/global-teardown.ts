import { rmSync } from 'node:fs';

export default async function clusterGlobalTeardown(): Promise<void> {
  const dir = (globalThis as { __clusterBundleDir?: string }).__clusterBundleDir;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
