import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express } from 'express';
import { isLanguage } from '../i18n/languages';
import { SERVER_CATALOGUES } from '../i18n/translator';

/** The console's static files live in <project>/console, whether we run from src/ (tests) or dist/src/. */
export function consoleDir(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'console', 'index.html'))) return join(dir, 'console');
  }
  throw new Error(`console/index.html not found above ${from}`);
}

/** The browser build of i18next (a self-contained ES module), from node_modules: no bundler, no copy in the repo. */
export const I18NEXT_ESM = join(dirname(require.resolve('i18next/package.json')), 'dist', 'esm', 'i18next.js');

/**
 * Serves the web console on the API's own origin: `/` is the page, `/console/*` its scripts, styles
 * and `ui` catalogues; `/console/vendor/i18next.js` the i18n library; `/console/locales/<lng>/domain.json`
 * the server's catalogue of domain labels, so the console and the documents name things alike.
 */
export function mountConsole(app: NestExpressApplication): void {
  const dir = consoleDir();
  const express = app.getHttpAdapter().getInstance() as Express;
  express.get('/console/vendor/i18next.js', (_req, res) => res.type('text/javascript').sendFile(I18NEXT_ESM, { maxAge: '1h' }));
  express.get('/console/locales/:lng/domain.json', (req, res, next) => {
    const lng = req.params.lng;
    if (!isLanguage(lng)) return next();
    res.set('Cache-Control', 'public, max-age=3600').json(SERVER_CATALOGUES[lng].domain);
  });
  app.useStaticAssets(dir, { prefix: '/console/', index: false, maxAge: '1h' });
  express.get('/', (_req, res) => res.sendFile(join(dir, 'index.html')));
}
