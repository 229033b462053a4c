import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsIsoInstant } from '../../admin/time-input';

export const LEDGER_KINDS = ['accrual', 'reversal', 'correction', 'adjustment'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const LEDGER_FORMATS = ['json', 'csv'] as const;

export const LEDGER_DEFAULT_LIMIT = 100;
export const LEDGER_MAX_LIMIT = 1000;
/** Far beyond any real ledger, small enough for PostgreSQL's OFFSET. */
const MAX_OFFSET = 1_000_000_000;

/** `GET /ledger` filters. Unknown parameters are refused (400) by the global validation pipe. */
export class LedgerQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this contract's entries" })
  @IsOptional()
  @IsUUID('all')
  contractId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this incident's entries" })
  @IsOptional()
  @IsUUID('all')
  incidentId?: string;

  @ApiPropertyOptional({
    example: '2026-11-01T00:00:00+08:00',
    description: 'Entries created at or after this instant (ISO 8601 with an offset or Z; inclusive)',
  })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-01T00:00:00+08:00',
    description: 'Entries created before this instant (ISO 8601 with an offset or Z; exclusive). Must be after `from`.',
  })
  @IsOptional()
  @IsIsoInstant()
  to?: string;

  @ApiPropertyOptional({ enum: LEDGER_KINDS })
  @IsOptional()
  @IsIn(LEDGER_KINDS)
  kind?: LedgerKind;

  @ApiPropertyOptional({
    enum: LEDGER_FORMATS,
    default: 'json',
    description: 'json: one page with totals; csv: every matching entry (limit/offset ignored), streamed as an RFC 4180 attachment',
  })
  @IsOptional()
  @IsIn(LEDGER_FORMATS)
  format: 'json' | 'csv' = 'json';

  @ApiPropertyOptional({ default: LEDGER_DEFAULT_LIMIT, minimum: 1, maximum: LEDGER_MAX_LIMIT, description: 'Page size (JSON only)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LEDGER_MAX_LIMIT)
  limit: number = LEDGER_DEFAULT_LIMIT;

  @ApiPropertyOptional({ default: 0, minimum: 0, description: 'Entries to skip, in posting order (JSON only)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset: number = 0;
}

/** `GET /contracts/{id}/reconciliation` filters. */
export class ReconciliationQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Report only this incident of the contract (the cap is still computed across all of them)',
  })
  @IsOptional()
  @IsUUID('all')
  incidentId?: string;
}
