import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express } from 'express';

/** The console's static files live in <project>/console, whether we run from src/ (tests) or dist/src/. */
export function consoleDir(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'console', 'index.html'))) return join(dir, 'console');
  }
  throw new Error(`console/index.html not found above ${from}`);
}

/**
 * Serves the web console on the API's own origin: `/` is the page, `/console/*` its scripts and
 * styles. Plain ES modules, no build step; the API calls carry the signed-in token.
 */
export function mountConsole(app: NestExpressApplication): void {
  const dir = consoleDir();
  app.useStaticAssets(dir, { prefix: '/console/', index: false, maxAge: '1h' });
  const express = app.getHttpAdapter().getInstance() as Express;
  express.get('/', (_req, res) => res.sendFile(join(dir, 'index.html')));
}
