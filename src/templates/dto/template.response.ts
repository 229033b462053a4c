import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CalendarResponse } from '../../calendars/dto/calendar.response';
import { schemaRef } from '../../common/openapi';
import type { CalendarDefinition } from '../../domain/clock/types';
import type { PenaltyTerms } from '../../domain/penalty/terms';
import type { PolicyDefinition } from '../../domain/policy/policy';
import { PolicyResponse } from '../../policies/dto/policy.response';

export class TemplateSourceResponse {
  @ApiProperty({ example: '000_33c8bb4153464f28.txt', description: 'Seed file of the letter' }) seedFile: string;
  @ApiProperty({ example: '服务承诺函(篇一:软件服务承诺书)' }) title: string;
  @ApiPropertyOptional({ example: 'XXXX电子技术有限公司(信贝公司) → XXXX单位' }) parties?: string;
  @ApiProperty({ type: [String], description: 'The exact sentences of the letter the template encodes' }) quotes: string[];
}

export class TemplateContractTermsResponse {
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty(
    schemaRef(
      'PenaltyTerms',
      'null when the letter states no rate-based penalty (see unexpressed); a contract then needs terms of its own',
      { nullable: true },
    ),
  )
  penalty: PenaltyTerms | null;
  @ApiPropertyOptional({ example: 36, description: 'Free maintenance / warranty term in months, when the letter states one' })
  termMonths?: number;
  @ApiPropertyOptional({ type: [String], example: ['power', 'ups', 'network'], description: 'Customer-caused causes the letter lists' })
  exclusionCauses?: string[];
}

export class TemplateSummaryResponse {
  @ApiProperty({ example: 'xinbei-service-commitment' }) id: string;
  @ApiProperty({ example: 'Xinbei (XXXX Electronic Technology Co.) — Service Commitment Letter (服务承诺函)' }) name: string;
  @ApiProperty({ type: TemplateSourceResponse }) source: TemplateSourceResponse;
  @ApiProperty({ type: [String], description: 'Values the letter does not give and the template chose' }) assumptions: string[];
  @ApiProperty({ type: [String], description: 'What the letter says that the model cannot express' }) unexpressed: string[];
  @ApiProperty({ type: TemplateContractTermsResponse }) contractTerms: TemplateContractTermsResponse;
}

export class TemplateResponse extends TemplateSummaryResponse {
  @ApiProperty(schemaRef('CalendarDefinition')) calendar: CalendarDefinition;
  @ApiProperty(schemaRef('PolicyDefinition')) policy: PolicyDefinition;
}

export class ImportedContractTermsResponse {
  @ApiProperty({ example: '3f0c6a4e-8a36-4a53-9a0e-0c8a4ef6f0b1', description: 'The imported calendar' }) calendarId: string;
  @ApiProperty({ format: 'uuid', description: 'The imported policy' }) policyId: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty(schemaRef('PenaltyTerms', 'Normalized; null when the letter has none', { nullable: true }))
  penaltyTerms: PenaltyTerms | null;
  @ApiPropertyOptional({ example: 36 }) termMonths?: number;
  @ApiPropertyOptional({ type: [String], description: "The letter's customer-caused causes: the contract's exclusionCauses" })
  exclusionCauses?: string[];
}

export class TemplateImportResponse {
  @ApiProperty({ type: CalendarResponse }) calendar: CalendarResponse;
  @ApiProperty({ type: PolicyResponse }) policy: PolicyResponse;
  @ApiProperty({
    type: ImportedContractTermsResponse,
    description: 'What POST /api/v1/contracts needs from the template; add name, customer, totalValue (and dates, webhookUrl)',
  })
  contractTerms: ImportedContractTermsResponse;
}
