import { ApiProperty } from '@nestjs/swagger';
import { schemaRef } from '../../common/openapi';
import type { PenaltyTerms } from '../../domain/penalty/terms';
import { LANGUAGES, type Language } from '../../i18n/languages';

export class ContractResponse {
  @ApiProperty({ format: 'uuid', example: '5d2b8f3e-3f7b-4b7a-9c39-0f3b5b9f2c11' }) id: string;
  @ApiProperty({ example: 'SDJU e-mail maintenance 2026' }) name: string;
  @ApiProperty({ example: 'Shanghai Dianji University' }) customer: string;
  @ApiProperty({ example: '1000000.00', description: "Decimal string with exactly the currency's minor digits" }) totalValue: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ example: '24x7' }) calendarId: string;
  @ApiProperty({ format: 'uuid' }) policyId: string;
  @ApiProperty(schemaRef('PenaltyTerms', 'Normalized, defaults filled in')) penaltyTerms: PenaltyTerms;
  @ApiProperty({ example: '2026-01-01', nullable: true, type: String }) startsOn: string | null;
  @ApiProperty({ example: '2026-12-31', nullable: true, type: String }) endsOn: string | null;
  @ApiProperty({ example: 'https://ops.example.com/hooks/escalation', nullable: true, type: String }) webhookUrl: string | null;
  @ApiProperty({ enum: LANGUAGES, example: 'zh-CN', description: 'Language of the customer-facing documents' }) language: Language;
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z' }) updatedAt: string;
}
