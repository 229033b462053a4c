import type { ApiPropertyOptions } from '@nestjs/swagger';

/**
 * A response field whose shape is a domain zod schema (registered in OpenAPI under its meta id by
 * the request DTOs that use it): the response refers to that one definition instead of restating it.
 */
export function schemaRef(id: string, description?: string, options: { nullable?: boolean } = {}): ApiPropertyOptions {
  return {
    allOf: [{ $ref: `#/components/schemas/${id}` }],
    ...(description ? { description } : {}),
    ...(options.nullable ? { nullable: true } : {}),
  } as ApiPropertyOptions;
}
