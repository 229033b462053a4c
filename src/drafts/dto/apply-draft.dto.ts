import { ApiProperty } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CalendarResponse } from '../../calendars/dto/calendar.response';
import { CalendarDefinitionSchema } from '../../domain/clock/schema';
import { name } from '../../domain/fields';
import { ContractFieldsSchema } from '../../contracts/dto/contract.dto';
import { PenaltyTermsSchema } from '../../domain/penalty/terms';
import { PolicyDefinitionSchema } from '../../domain/policy/schema';
import { z } from '../../domain/validation';
import { ContractResponse } from '../../contracts/dto/contract.response';
import { PolicyResponse } from '../../policies/dto/policy.response';

/** Longest term a letter states (36 months in the seeds); 100 years is surely a typo. */
export const MAX_TERM_MONTHS = 1200;

/**
 * The contract's fields as the contract defines them (name, calendar and policy come from the draft),
 * with the letter's penalty terms possibly null and its term in months.
 */
const DraftContractSchema = ContractFieldsSchema.omit({ name: true, calendarId: true, policyId: true, penaltyTerms: true })
  .extend({
    penaltyTerms: PenaltyTermsSchema.nullable().meta({
      description: "The draft's penalty terms, or null when the letter states none (passed to the contract as drafted)",
    }),
    termMonths: z
      .number()
      .int({ error: 'must be a whole number of months' })
      .min(1)
      .max(MAX_TERM_MONTHS)
      .optional()
      .meta({ example: 36, description: "The letter's term: endsOn is startsOn plus the term, less a day (needs startsOn)" }),
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
  contract: DraftContractSchema,
});

export class ApplyDraftDto extends createZodDto(ApplyDraftSchema) {}

export class AppliedDraftResponse {
  @ApiProperty({ type: CalendarResponse }) calendar: CalendarResponse;
  @ApiProperty({ type: PolicyResponse }) policy: PolicyResponse;
  @ApiProperty({ type: ContractResponse }) contract: ContractResponse;
}
