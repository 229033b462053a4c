/** The spare-loan inputs: one zod schema each gives validation, type and OpenAPI. */
import { ApiProperty } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { isoInstant, text, uuid } from '../../domain/fields';
import { z } from '../../domain/validation';

export const LendSpareSchema = z.strictObject({
  spareUnit: text(200).meta({ description: 'The spare lent to the customer (model and serial number)', example: 'HZ-ENC-4K S/N 20260311' }),
  faultyUnit: text(200).meta({ description: 'The customer unit taken away for repair', example: 'HZ-ENC-4K S/N 20240017' }),
  incidentId: uuid().optional().meta({ description: 'The incident the loan serves (same contract)' }),
  at: isoInstant().optional().meta({ description: 'When the spare was lent (default: now); not in the future' }),
  note: text(4000).optional(),
});
export class LendSpareDto extends createZodDto(LendSpareSchema) {}

export const LoanEventSchema = z.strictObject({
  at: isoInstant().optional().meta({ description: 'When it happened (default: now); not in the future, not before the previous event' }),
  note: text(4000).optional(),
});
export class LoanEventDto extends createZodDto(LoanEventSchema) {}

export const SpareLoanListSchema = z.strictObject({
  open: z.enum(['true', 'false']).optional().meta({ description: 'true: only loans whose spare is not recovered yet' }),
});
export class SpareLoanListQuery extends createZodDto(SpareLoanListSchema) {}

export const LOAN_STATUSES = ['lent', 'repairedReturned', 'recovered'] as const;

export class SpareLoanResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) incidentId: string | null;
  @ApiProperty() spareUnit: string;
  @ApiProperty() faultyUnit: string;
  @ApiProperty({
    enum: LOAN_STATUSES,
    description:
      'lent: spare at the customer, faulty unit in repair; repairedReturned: repaired unit back, spare still out; recovered: closed',
  })
  status: (typeof LOAN_STATUSES)[number];
  @ApiProperty({ format: 'date-time' }) lentAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) repairedReturnedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) spareRecoveredAt: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}
