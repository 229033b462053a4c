import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainValidationError, type FieldIssue } from '../domain/errors';
import { dependencyFailure } from './dependency-errors';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  ServiceUnavailableError,
  StepRefusedError,
  UnauthorizedError,
} from './errors';

/** The one JSON error shape: { statusCode, error, message, fieldErrors? }. No stack traces or SQL leave the server. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fieldErrors?: FieldIssue[];
  step?: string;
  /** 503: the part that is down or too slow (temporal, worker, postgresql). */
  unavailable?: string;
  /** 403: the roles any one of which the route accepts. */
  requiredRoles?: string[];
}

/** Errors of the JSON body parser (the "http-errors" kind): a client error, said in our words, never the parser's. */
function bodyParserError(exception: unknown): ErrorBody | undefined {
  const e = exception as { statusCode?: unknown; type?: unknown; expose?: unknown; limit?: unknown };
  if (
    typeof e !== 'object' ||
    e === null ||
    typeof e.statusCode !== 'number' ||
    e.statusCode < 400 ||
    e.statusCode >= 500 ||
    e.expose !== true
  )
    return undefined;
  const status = e.statusCode;
  const messages: Record<string, string> = {
    'entity.too.large': `the request body is larger than the limit${typeof e.limit === 'number' ? ` of ${Math.round(e.limit / 1024)} kB` : ''}`,
    'entity.parse.failed': 'the request body is not valid JSON',
    'encoding.unsupported': 'the request body has an unsupported content encoding',
    'charset.unsupported': 'the request body has an unsupported charset',
    'request.aborted': 'the request was aborted',
  };
  const message =
    (typeof e.type === 'string' && messages[e.type]) || (HttpStatus[status] ?? 'bad request').toLowerCase().replace(/_/g, ' ');
  return { statusCode: status, error: (HttpStatus[status] ?? 'bad_request').toLowerCase(), message };
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(caught: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const exception = dependencyFailure(caught) ?? caught;
    const body = this.toBody(exception);
    if (exception instanceof UnauthorizedError) {
      // RFC 6750: tell the client which scheme, and whether the token it sent was the problem.
      response.setHeader('WWW-Authenticate', exception.tokenPresented ? 'Bearer realm="api", error="invalid_token"' : 'Bearer realm="api"');
    }
    if (exception instanceof RateLimitedError || exception instanceof ServiceUnavailableError) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainValidationError) {
      return { statusCode: 400, error: 'validation_failed', message: exception.message, fieldErrors: exception.issues };
    }
    if (exception instanceof NotFoundError) return { statusCode: 404, error: 'not_found', message: exception.message };
    if (exception instanceof ConflictError) return { statusCode: 409, error: exception.code, message: exception.message };
    if (exception instanceof StepRefusedError) {
      return { statusCode: 409, error: 'step_refused', message: exception.message, step: exception.step };
    }
    if (exception instanceof UnauthorizedError) return { statusCode: 401, error: 'unauthorized', message: exception.message };
    if (exception instanceof ForbiddenError) {
      return { statusCode: 403, error: 'forbidden', message: exception.message, requiredRoles: [...exception.requiredRoles] };
    }
    if (exception instanceof RateLimitedError) return { statusCode: 429, error: 'rate_limited', message: exception.message };
    if (exception instanceof ServiceUnavailableError) {
      return {
        statusCode: 503,
        error: 'service_unavailable',
        message: exception.message,
        ...(exception.part ? { unavailable: exception.part } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse() as string | { message?: string | string[]; fieldErrors?: FieldIssue[] };
      if (typeof res === 'object' && res.fieldErrors) {
        const message = res.fieldErrors.map((i) => `${i.path}: ${i.message}`).join('; ');
        return { statusCode: status, error: 'validation_failed', message, fieldErrors: res.fieldErrors };
      }
      const message =
        typeof res === 'string' ? res : Array.isArray(res.message) ? res.message.join('; ') : (res.message ?? exception.message);
      return { statusCode: status, error: (HttpStatus[status] ?? 'error').toLowerCase(), message };
    }
    const parser = bodyParserError(exception);
    if (parser) return parser;
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { statusCode: 500, error: 'internal_error', message: 'Internal server error' };
  }
}
