import { ApiProperty } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { ApproveAdjustmentSchema, ProposeAdjustmentSchema, RejectAdjustmentSchema } from '../../domain/penalty/adjustment';

export class ProposeAdjustmentDto extends createZodDto(ProposeAdjustmentSchema) {}
export class ApproveAdjustmentDto extends createZodDto(ApproveAdjustmentSchema) {}
export class RejectAdjustmentDto extends createZodDto(RejectAdjustmentSchema) {}

export const ADJUSTMENT_STATUSES = ['proposed', 'approved', 'rejected'] as const;

export class AdjustmentActor {
  @ApiProperty({ format: 'uuid', description: 'The API token' }) tokenId: string;
  @ApiProperty({ example: 'finance:wang.li' }) name: string;
}

export class AdjustmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) incidentId: string | null;
  @ApiProperty({ example: '5000.00', description: "As proposed, in the contract's currency (signed)" }) amount: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty() reason: string;
  @ApiProperty() reference: string;
  @ApiProperty() countsAgainstCap: boolean;
  @ApiProperty({ enum: ADJUSTMENT_STATUSES }) status: (typeof ADJUSTMENT_STATUSES)[number];
  @ApiProperty({ type: AdjustmentActor }) proposedBy: AdjustmentActor;
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z' }) proposedAt: string;
  @ApiProperty({ type: AdjustmentActor, nullable: true, description: 'The second finance user who approved or rejected it' })
  decidedBy: AdjustmentActor | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionNote: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '5000.00',
    description:
      'Approved: what the ledger took (a counted amount is cut to the cap headroom; "0.00" when none was left and no row was written)',
  })
  postedAmount: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Approved: whether the cap cut it' }) capApplied: boolean | null;
  @ApiProperty({ type: String, nullable: true, example: '42', description: 'Approved: the ledger entry it was posted as' })
  ledgerEntryId: string | null;
}

export class AdjustmentListResponse {
  @ApiProperty({ type: [AdjustmentResponse], description: 'Oldest proposal first' }) items: AdjustmentResponse[];
}
