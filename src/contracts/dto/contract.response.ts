import { ApiProperty } from '@nestjs/swagger';
import { schemaRef } from '../../common/openapi';
import type { PenaltyTerms } from '../../domain/penalty/terms';
import { CONTRACT_STATUSES, type ContractStatus } from '../../domain/contract/life';
import { LANGUAGES, type Language } from '../../i18n/languages';

export class ForceMajeurePause {
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ example: '2026-07-10T02:00:00.000Z' }) pausedFrom: string;
  @ApiProperty({ example: '2026-07-12T08:00:00.000Z' }) pausedTo: string;
}

export class ContractExtension {
  @ApiProperty({
    example: 3,
    description: "Days the term is extended by: the union of the contract's force-majeure pauses, every started day a whole day",
  })
  days: number;
  @ApiProperty({ type: [ForceMajeurePause], description: 'The resumed force-majeure pauses that extended it, with their incidents' })
  pauses: ForceMajeurePause[];
}

export class ContractResponse {
  @ApiProperty({ format: 'uuid', example: '5d2b8f3e-3f7b-4b7a-9c39-0f3b5b9f2c11' }) id: string;
  @ApiProperty({ example: 'SDJU e-mail maintenance 2026' }) name: string;
  @ApiProperty({ example: 'Shanghai Dianji University' }) customer: string;
  @ApiProperty({ example: '1000000.00', description: "Decimal string with exactly the currency's minor digits" }) totalValue: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ example: '24x7' }) calendarId: string;
  @ApiProperty({ format: 'uuid' }) policyId: string;
  @ApiProperty(schemaRef('PenaltyTerms', 'Normalized, defaults filled in; null when the contract carries no money', { nullable: true }))
  penaltyTerms: PenaltyTerms | null;
  @ApiProperty({ example: '2026-01-01', nullable: true, type: String }) startsOn: string | null;
  @ApiProperty({ example: '2026-12-31', nullable: true, type: String }) endsOn: string | null;
  @ApiProperty({ example: 'https://ops.example.com/hooks/escalation', nullable: true, type: String }) webhookUrl: string | null;
  @ApiProperty({ enum: LANGUAGES, example: 'zh-CN', description: 'Language of the customer-facing documents' }) language: Language;
  @ApiProperty({
    type: [String],
    nullable: true,
    example: ['power', 'ups', 'customer-hardware', 'network'],
    description: 'Customer-caused causes the exclude step may name (or "other" with its reason); null: no list',
  })
  exclusionCauses: string[] | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    example: { urgent: '24x7' },
    description:
      "Severity class → calendar id: that class's clocks run on it (classes not listed run on calendarId); null: every class on calendarId",
  })
  classCalendars: Record<string, string> | null;
  @ApiProperty({ example: '2027-01-03', nullable: true, type: String, description: 'endsOn extended by force majeure (extension.days)' })
  effectiveEndsOn: string | null;
  @ApiProperty({ type: ContractExtension }) extension: ContractExtension;
  @ApiProperty({ enum: CONTRACT_STATUSES, description: 'Suspended or terminated: no incident can be reported (running ones go on)' })
  status: ContractStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Reason of the last suspend/resume/terminate' }) statusReason: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-11-20T09:00:00.000Z' }) statusChangedAt: string | null;
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z' }) updatedAt: string;
}
