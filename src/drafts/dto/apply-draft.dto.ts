import { ApiProperty } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CalendarResponse } from '../../calendars/dto/calendar.response';
import { CalendarDefinitionSchema } from '../../domain/clock/schema';
import { isoDate, name } from '../../domain/fields';
import { PenaltyTermsSchema } from '../../domain/penalty/terms';
import { PolicyDefinitionSchema } from '../../domain/policy/schema';
import { z } from '../../domain/validation';
import { LANGUAGES } from '../../i18n/languages';
import { ContractResponse } from '../../contracts/dto/contract.response';
import { PolicyResponse } from '../../policies/dto/policy.response';

/** Longest term a letter states (36 months in the seeds); 100 years is surely a typo. */
export const MAX_TERM_MONTHS = 1200;

const ContractFieldsSchema = z
  .strictObject({
    customer: name().meta({ example: 'Shanghai Dianji University' }),
    totalValue: z.string().meta({
      example: '1000000.00',
      description: "Contract total as a decimal string with at most the currency's minor digits (letters seldom state it)",
    }),
    currency: z.string().meta({ example: 'CNY', description: 'ISO 4217 code' }),
    penaltyTerms: PenaltyTermsSchema.nullable().meta({
      description: "The draft's penalty terms, or null when the letter states none (see the README on contracts without terms)",
    }),
    startsOn: isoDate().nullable().optional(),
    endsOn: isoDate().nullable().optional().meta({ description: 'Give endsOn or termMonths, not both' }),
    termMonths: z
      .number()
      .int({ error: 'must be a whole number of months' })
      .min(1)
      .max(MAX_TERM_MONTHS)
      .optional()
      .meta({ example: 36, description: "The letter's term: endsOn is startsOn plus the term, less a day (needs startsOn)" }),
    language: z.enum(LANGUAGES).optional().meta({ description: 'Language of the customer-facing documents' }),
  })
  .superRefine((c, ctx) => {
    if (c.termMonths !== undefined && c.endsOn != null)
      ctx.addIssue({ code: 'custom', path: ['termMonths'], message: 'give endsOn or termMonths, not both' });
    else if (c.termMonths !== undefined && c.startsOn == null)
      ctx.addIssue({ code: 'custom', path: ['termMonths'], message: 'needs startsOn (the term counts from it)' });
  });

export const ApplyDraftSchema = z.strictObject({
  name: name().meta({ example: 'Xinbei 2026', description: 'Name of the calendar, the policy and the contract created' }),
  calendar: CalendarDefinitionSchema,
  policy: PolicyDefinitionSchema,
  contract: ContractFieldsSchema,
});

export class ApplyDraftDto extends createZodDto(ApplyDraftSchema) {}

export class AppliedDraftResponse {
  @ApiProperty({ type: CalendarResponse }) calendar: CalendarResponse;
  @ApiProperty({ type: PolicyResponse }) policy: PolicyResponse;
  @ApiProperty({ type: ContractResponse }) contract: ContractResponse;
}
