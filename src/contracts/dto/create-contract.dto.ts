import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUrl, MaxLength, ValidateIf } from 'class-validator';
import { DEFAULT_CONTRACT_LANGUAGE, LANGUAGES, type Language } from '../../i18n/languages';
import { IsName } from '../../admin/names';
import { IsIsoDate } from '../../admin/time-input';
import { PENALTY_TERMS_EXAMPLE, PenaltyTermsSchema } from './penalty-terms.schema';

export const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
export const URL_MESSAGE = { message: 'webhookUrl must be an http or https URL' };
export const LANGUAGE_MESSAGE = { message: `language must be one of: ${LANGUAGES.join(', ')}` };
export const LANGUAGE_DESCRIPTION =
  'Language of the customer-facing documents (fault reports, notifications); pinned by each incident when reported';

export class CreateContractDto {
  @ApiProperty({ example: 'SDJU e-mail maintenance 2026', description: 'Unique name', maxLength: 200 })
  @IsName()
  name: string;

  @ApiProperty({ example: 'Shanghai Dianji University', maxLength: 200 })
  @IsName()
  customer: string;

  @ApiProperty({
    example: '1000000.00',
    description:
      "Contract total as a decimal string with at most the currency's minor digits (numbers are refused: money never goes through floats)",
  })
  @IsString({ message: 'totalValue must be a decimal string such as "1000000.00"' })
  totalValue: string;

  @ApiProperty({ example: 'CNY', description: 'ISO 4217 currency code' })
  @IsString()
  currency: string;

  @ApiProperty({ example: '24x7', description: 'An existing calendar' })
  @IsString()
  @IsNotEmpty()
  calendarId: string;

  @ApiProperty({ format: 'uuid', example: '0b5f1c1e-5a55-4c0e-9d57-2b7d8f0f2f4a', description: 'An existing policy' })
  @IsString()
  @IsNotEmpty()
  policyId: string;

  @ApiProperty({
    type: PenaltyTermsSchema,
    nullable: true,
    example: PENALTY_TERMS_EXAMPLE,
    description:
      'The response returns them normalized, defaults filled in. null: the contract carries no money (breaches are tracked, nothing is posted)',
  })
  @ValidateIf((o: CreateContractDto) => o.penaltyTerms !== null)
  @IsObject({ message: 'penaltyTerms must be an object, or null for a contract without penalties' })
  penaltyTerms: Record<string, unknown> | null;

  @ApiPropertyOptional({ example: '2026-01-01', nullable: true, type: String, description: 'ISO date' })
  @IsOptional()
  @IsIsoDate()
  startsOn?: string | null;

  @ApiPropertyOptional({ example: '2026-12-31', nullable: true, type: String, description: 'ISO date, not before startsOn' })
  @IsOptional()
  @IsIsoDate()
  endsOn?: string | null;

  @ApiPropertyOptional({
    example: 'https://ops.example.com/hooks/escalation',
    nullable: true,
    type: String,
    description: 'http or https URL notified of escalations',
  })
  @IsOptional()
  @IsUrl(URL_OPTIONS, URL_MESSAGE)
  @MaxLength(2000)
  webhookUrl?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES, default: DEFAULT_CONTRACT_LANGUAGE, description: LANGUAGE_DESCRIPTION })
  @IsOptional()
  @IsIn(LANGUAGES, LANGUAGE_MESSAGE)
  language?: Language;
}
