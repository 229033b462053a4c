import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (holding package.json and deploy/), whether we run from src/ or dist/src/. */
export function projectRoot(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'deploy', 'temporal'))) return dir;
  }
  throw new Error(`deploy/temporal not found above ${from}`);
}

/** The one Temporal server config template, and the dynamic config, shared with docker-compose.yml. */
export function temporalConfigPaths(root = projectRoot()): { configDir: string; dynamicConfigFile: string } {
  return {
    configDir: join(root, 'deploy', 'temporal', 'config'),
    dynamicConfigFile: join(root, 'deploy', 'temporal', 'dynamicconfig', 'server.yaml'),
  };
}
