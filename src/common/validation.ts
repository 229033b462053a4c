import { BadRequestException, type PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';
import { createZodValidationPipe } from 'nestjs-zod';
import { ZodError } from 'zod';
import { DomainValidationError, type FieldIssue } from '../domain/errors';
import { fieldIssues } from '../domain/validation';

function flatten(errors: ValidationError[], prefix = ''): FieldIssue[] {
  return errors.flatMap((e) => {
    const path = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** Which part of the request a parameter comes from, as field paths name it (query fields are named plainly). */
const ZodPipe = createZodValidationPipe({
  createValidationException: (error: unknown) =>
    error instanceof ZodError ? new DomainValidationError(fieldIssues(error)) : new BadRequestException(String(error)),
});

/**
 * Request validation. Inputs declared as zod DTOs (createZodDto: the one definition of a shape's
 * validation, type and OpenAPI schema) are parsed by their schema, every problem reported with its
 * field path; the remaining class-validator DTOs refuse unknown fields the same way.
 */
export function createValidationPipe(): PipeTransform {
  const zod = new ZodPipe();
  const classes = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException({ fieldErrors: flatten(errors) }),
  });
  return {
    transform: async (value: unknown, metadata: ArgumentMetadata) => {
      const isZodDto = typeof metadata.metatype === 'function' && 'isZodDto' in metadata.metatype;
      return isZodDto ? zod.transform(value, metadata) : classes.transform(value, metadata);
    },
  };
}
