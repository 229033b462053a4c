import { ApiProperty } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { isoInstant } from '../../domain/fields';
import { z } from '../../domain/validation';

/** `GET /contracts/{id}/exclusions` period. Unknown parameters are refused (400). */
export const ExclusionsQuerySchema = z.strictObject({
  from: isoInstant()
    .optional()
    .meta({ example: '2026-01-01T00:00:00+08:00', description: 'Exclusions taken at or after this instant (inclusive)' }),
  to: isoInstant()
    .optional()
    .meta({ example: '2027-01-01T00:00:00+08:00', description: 'Exclusions taken before this instant (exclusive). Must be after `from`.' }),
});

export class ExclusionsQuery extends createZodDto(ExclusionsQuerySchema) {}

export class ExclusionCauseCount {
  @ApiProperty({
    example: 'ups',
    description: 'A cause of the list, "other", a cause given without a list, or "unspecified" (excluded without naming one)',
  })
  cause: string;
  @ApiProperty({ example: 2 }) count: number;
  @ApiProperty({ type: [String], description: 'The excluded incidents, oldest exclusion first' }) incidentIds: string[];
}

export class ExclusionsResponse {
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-01-01T00:00:00.000Z' }) from: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2027-01-01T00:00:00.000Z' }) to: string | null;
  @ApiProperty({ example: 3 }) total: number;
  @ApiProperty({
    type: [ExclusionCauseCount],
    description: "Per cause, the contract's listed causes first (in its order, zeros included), then the others by name",
  })
  causes: ExclusionCauseCount[];
}
