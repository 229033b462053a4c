import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldIssue } from '../domain/errors';

function flatten(errors: ValidationError[], prefix = ''): FieldIssue[] {
  return errors.flatMap((e) => {
    const path = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** DTO validation: unknown fields refused, every problem reported with its field path. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException({ fieldErrors: flatten(errors) }),
  });
}
