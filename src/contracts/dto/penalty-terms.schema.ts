/** Swagger schema of penalty terms (documentation only: the domain validator checks them). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WALL_UNITS } from '../../domain/clock/types';
import { CAP_SCOPES, COUNT_FROM, PARTIAL_PERIODS } from '../../domain/penalty/terms';

export class PenaltyPeriodSchema {
  @ApiProperty({ example: 1 }) amount: number;
  @ApiProperty({ enum: WALL_UNITS, example: 'days' }) unit: string;
}

export class PenaltyTermsSchema {
  @ApiProperty({ example: '0.0025', description: 'Decimal fraction of the contract total owed per period (0.25 %), in (0, 1], a string' })
  ratePerPeriod: string;
  @ApiProperty({ example: '0.05', description: 'Decimal fraction of the contract total penalties never exceed (5 %), in (0, 1], a string' })
  capFraction: string;
  @ApiPropertyOptional({
    type: PenaltyPeriodSchema,
    example: { amount: 1, unit: 'days' },
    description: 'Accrual period on the wall clock; default 1 day',
  })
  period?: PenaltyPeriodSchema;
  @ApiPropertyOptional({
    enum: CAP_SCOPES,
    example: 'contract',
    description: 'Cap across all incidents of the contract (default) or per incident',
  })
  capScope?: string;
  @ApiPropertyOptional({
    enum: PARTIAL_PERIODS,
    example: 'started',
    description: 'A started period is owed (default) or only completed ones',
  })
  partialPeriod?: string;
  @ApiPropertyOptional({
    enum: COUNT_FROM,
    example: 'report',
    description: 'Interruption counted from the report (default) or from the restore breach',
  })
  countFrom?: string;
}

export const PENALTY_TERMS_EXAMPLE = {
  ratePerPeriod: '0.0025',
  period: { amount: 1, unit: 'days' },
  capFraction: '0.05',
  capScope: 'contract',
  partialPeriod: 'started',
  countFrom: 'report',
};
