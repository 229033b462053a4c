import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from '../domain/validation';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
/** Far beyond any real list, small enough for PostgreSQL's OFFSET. */
export const MAX_OFFSET = 1_000_000_000;

/** A whole number from the query string (every query value arrives as text). */
const integer = (min: number, max: number, fallback: number) =>
  z.coerce.number({ error: 'must be an integer' }).int({ error: 'must be an integer' }).min(min).max(max).default(fallback);

/**
 * `?limit&offset` of every list: one definition, each list choosing its page size bounds
 * (the ledger and the audit trail serve larger pages than the admin lists).
 */
export function pageFields({ defaultLimit = DEFAULT_LIMIT, maxLimit = MAX_LIMIT }: { defaultLimit?: number; maxLimit?: number } = {}) {
  return {
    limit: integer(1, maxLimit, defaultLimit).meta({ description: 'Page size', example: defaultLimit }),
    offset: integer(0, MAX_OFFSET, 0).meta({ description: 'Items to skip', example: 0 }),
  };
}

export const PageSchema = z.strictObject(pageFields());

/** `?limit&offset` of the admin lists; unknown parameters are refused. */
export class PageQuery extends createZodDto(PageSchema) {}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function pageOf<T>(items: T[], total: number, query: { limit: number; offset: number }): Page<T> {
  return { items, total, limit: query.limit, offset: query.offset };
}

/** Swagger schema of a page of `item` (named `<Item>Page`). */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  class PageSchema implements Page<T> {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ example: 1, description: 'Number of items in the whole list' }) total: number;
    @ApiProperty({ example: DEFAULT_LIMIT }) limit: number;
    @ApiProperty({ example: 0 }) offset: number;
  }
  Object.defineProperty(PageSchema, 'name', { value: `${item.name.replace(/(Response|Dto)$/, '')}Page` });
  return PageSchema;
}
