import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type as TransformType } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
export const MAX_OFFSET = 1_000_000_000;

/** `?limit&offset` of every admin list. */
export class PageQuery {
  @ApiPropertyOptional({ default: DEFAULT_LIMIT, minimum: 1, maximum: MAX_LIMIT, example: 50 })
  @IsOptional()
  @TransformType(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit: number = DEFAULT_LIMIT;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_OFFSET, example: 0 })
  @IsOptional()
  @TransformType(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset: number = 0;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function pageOf<T>(items: T[], total: number, query: PageQuery): Page<T> {
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
