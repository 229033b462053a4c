import type { NextFunction, Request, Response } from 'express';
import { stepDefinition, stepNames } from '../domain/catalogue';
import type { ApiMetrics } from './api-metrics';

const OUTCOMES: Record<number, string> = {
  400: 'invalid',
  401: 'denied',
  403: 'denied',
  404: 'not_found',
  409: 'refused',
  429: 'rate_limited',
  503: 'unavailable',
};

function stepOutcome(status: number): string {
  if (status >= 200 && status < 300) return 'applied';
  return OUTCOMES[status] ?? (status >= 500 ? 'error' : 'refused');
}

/**
 * Times every request by its route template (`/api/v1/incidents/:id`, never the id itself, so the
 * series stay few), and counts each step by name and outcome from the status it answered. Paths
 * no route matched are labelled `unmatched`.
 */
export function httpMetrics(metrics: ApiMetrics) {
  // Step routes from the catalogue: `/api/v1/incidents/:id/<route>` → step name.
  const stepByRoute = new Map(stepNames().map((step) => [`/api/v1/incidents/:id/${stepDefinition(step)!.route}`, step]));
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const template = (req.route as { path?: string } | undefined)?.path;
      const route = template ? `${req.baseUrl}${template}` : 'unmatched';
      stop({ method: req.method, route, status: String(res.statusCode) });
      const step = req.method === 'POST' ? stepByRoute.get(route) : undefined;
      if (step) metrics.steps.inc({ step, outcome: stepOutcome(res.statusCode) });
    });
    next();
  };
}
