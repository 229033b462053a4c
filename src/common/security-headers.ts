import type { NextFunction, Request, Response } from 'express';

/** What helmet's defaults set, by hand (no dependency), with a strict CSP: the API serves JSON, not pages. */
const COMMON: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'DENY',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
};

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** Pages served beside the API (Swagger UI, a web console): own scripts only, inline styles, data: images; never framed. */
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/** JSON routes (the API and /health) get a CSP that allows nothing; every other path the page CSP. */
export function securityHeaders(apiPrefix: string, jsonPaths: string[] = ['/health']) {
  const api = `/${apiPrefix}`;
  const isUnder = (path: string, base: string) => path === base || path.startsWith(`${base}/`);
  return (req: Request, res: Response, next: NextFunction): void => {
    for (const [name, value] of Object.entries(COMMON)) res.setHeader(name, value);
    const isApi = isUnder(req.path, api);
    res.setHeader('Content-Security-Policy', isApi || jsonPaths.some((p) => isUnder(req.path, p)) ? API_CSP : PAGE_CSP);
    // Answers carry live state and, once, token secrets: no cache keeps them.
    if (isApi) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
