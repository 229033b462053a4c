import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainValidationError, type FieldIssue } from '../domain/errors';
import { ConflictError, NotFoundError, ServiceUnavailableError, StepRefusedError } from './errors';

/** The one JSON error shape: { statusCode, error, message, fieldErrors? }. No stack traces or SQL leave the server. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fieldErrors?: FieldIssue[];
  step?: string;
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
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
    if (exception instanceof ServiceUnavailableError) {
      return { statusCode: 503, error: 'service_unavailable', message: exception.message };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse() as string | { message?: string | string[]; fieldErrors?: FieldIssue[] };
      if (typeof res === 'object' && res.fieldErrors) {
        const message = res.fieldErrors.map((i) => `${i.path}: ${i.message}`).join('; ');
        return { statusCode: status, error: 'validation_failed', message, fieldErrors: res.fieldErrors };
      }
      const message = typeof res === 'string' ? res : Array.isArray(res.message) ? res.message.join('; ') : (res.message ?? exception.message);
      return { statusCode: status, error: (HttpStatus[status] ?? 'error').toLowerCase(), message };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { statusCode: 500, error: 'internal_error', message: 'Internal server error' };
  }
}
