import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { createZodValidationPipe } from 'nestjs-zod';
import { ZodError } from 'zod';
import { DomainValidationError } from '../domain/errors';
import { fieldIssues } from '../domain/validation';

/**
 * Request validation: every body and query is a zod DTO (createZodDto: the one definition of a
 * shape's validation, type and OpenAPI schema), parsed by its schema with every problem reported
 * with its field path (unknown fields included). Other parameters (path ids) pass as they are.
 */
const ZodPipe = createZodValidationPipe({
  createValidationException: (error: unknown) =>
    error instanceof ZodError ? new DomainValidationError(fieldIssues(error)) : new BadRequestException(String(error)),
});

export function createValidationPipe(): PipeTransform {
  return new ZodPipe();
}
