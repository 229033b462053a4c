import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (holding package.json and deploy/), whether we run from src/ or dist/src/. */
export function projectRoot(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'deploy', 'temporal'))) return dir;
  }
  throw new Error(`deploy/temporal not found above ${from}`);
}

/** What docker-compose.yml and the cluster profile share: the server config template, dynamic config, scripts. */
export function temporalDeployPaths(root = projectRoot()): { deployDir: string; configDir: string; dynamicConfigFile: string } {
  const deployDir = join(root, 'deploy', 'temporal');
  return {
    deployDir,
    configDir: join(deployDir, 'config'),
    dynamicConfigFile: join(deployDir, 'dynamicconfig', 'server.yaml'),
  };
}
