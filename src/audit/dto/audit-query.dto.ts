import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, MaxLength } from 'class-validator';
import { IsIsoInstant } from '../../admin/time-input';

/** `GET /audit` filters (combined with AND). Unknown parameters are refused. */
export class AuditQuery {
  @ApiPropertyOptional({ example: 'ops-admin', description: 'Token name, or token id, of whoever acted' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({
    example: 'policy.update',
    description:
      'Exact action (calendar.create, calendar.update, policy.create, policy.update, contract.create, contract.update, template.import, ' +
      'token.create, token.revoke, token.bootstrap, incident.report, incident.step.<step>), or a prefix ending in * (e.g. incident.step.*)',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  action?: string;

  @ApiPropertyOptional({ example: 'contract', description: 'calendar, policy, contract, template, token or incident' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  entityType?: string;

  @ApiPropertyOptional({ description: 'Id of the entity changed' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({
    example: '2026-11-01T00:00:00Z',
    description: 'At or after this instant (ISO 8601 with an offset or Z; inclusive)',
  })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Before this instant (exclusive); must be after `from`' })
  @IsOptional()
  @IsIsoInstant()
  to?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  offset: number = 0;
}
