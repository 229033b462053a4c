import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUrl, MaxLength, ValidateIf } from 'class-validator';
import { LANGUAGES, type Language } from '../../i18n/languages';
import { IsName } from '../../admin/names';
import { IsIsoDate } from '../../admin/time-input';
import { LANGUAGE_DESCRIPTION, LANGUAGE_MESSAGE, URL_MESSAGE, URL_OPTIONS } from './create-contract.dto';
import { PENALTY_TERMS_EXAMPLE, PenaltyTermsSchema } from './penalty-terms.schema';

const given = (field: keyof UpdateContractDto) => (o: UpdateContractDto) => o[field] !== undefined;

/** Fields left out keep their value; null clears startsOn, endsOn or webhookUrl. The result is validated as a whole. */
export class UpdateContractDto {
  @ApiPropertyOptional({ example: 'SDJU e-mail maintenance 2026', maxLength: 200 })
  @ValidateIf(given('name'))
  @IsName()
  name?: string;

  @ApiPropertyOptional({ example: 'Shanghai Dianji University', maxLength: 200 })
  @ValidateIf(given('customer'))
  @IsName()
  customer?: string;

  @ApiPropertyOptional({ example: '1200000.00', description: "Decimal string with at most the currency's minor digits" })
  @ValidateIf(given('totalValue'))
  @IsString({ message: 'totalValue must be a decimal string such as "1000000.00"' })
  totalValue?: string;

  @ApiPropertyOptional({ example: 'CNY', description: 'ISO 4217; totalValue is re-checked against it' })
  @ValidateIf(given('currency'))
  @IsString()
  currency?: string;

  @ApiPropertyOptional({ example: '24x7' })
  @ValidateIf(given('calendarId'))
  @IsString()
  @IsNotEmpty()
  calendarId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf(given('policyId'))
  @IsString()
  @IsNotEmpty()
  policyId?: string;

  @ApiPropertyOptional({
    type: PenaltyTermsSchema,
    nullable: true,
    example: PENALTY_TERMS_EXAMPLE,
    description: 'The whole new terms; null: no penalties from now on (running incidents keep the terms they pinned)',
  })
  @ValidateIf((o: UpdateContractDto) => o.penaltyTerms !== undefined && o.penaltyTerms !== null)
  @IsObject({ message: 'penaltyTerms must be an object, or null for a contract without penalties' })
  penaltyTerms?: Record<string, unknown> | null;

  @ApiPropertyOptional({ example: '2026-01-01', nullable: true, type: String })
  @IsOptional()
  @IsIsoDate()
  startsOn?: string | null;

  @ApiPropertyOptional({ example: '2026-12-31', nullable: true, type: String })
  @IsOptional()
  @IsIsoDate()
  endsOn?: string | null;

  @ApiPropertyOptional({ example: 'https://ops.example.com/hooks/escalation', nullable: true, type: String })
  @IsOptional()
  @IsUrl(URL_OPTIONS, URL_MESSAGE)
  @MaxLength(2000)
  webhookUrl?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES, description: `${LANGUAGE_DESCRIPTION}; running incidents keep theirs` })
  @ValidateIf(given('language'))
  @IsIn(LANGUAGES, LANGUAGE_MESSAGE)
  language?: Language;
}
