/**
 * The contract's input shape: one zod schema gives its validation (every problem at once, with
 * its field path), its TypeScript type and its OpenAPI schema. An update is any part of it; the
 * contract it produces is checked against the whole schema again (see ContractsService.update).
 */
import { createZodDto } from 'nestjs-zod';
import { isoDate, name } from '../../domain/fields';
import { isoDateToDayNumber } from '../../domain/clock/dates';
import { formatMoney, isCurrency, moneyProblem } from '../../domain/penalty/money';
import { PenaltyTermsSchema, type PenaltyTerms } from '../../domain/penalty/terms';
import { refineAlways, z } from '../../domain/validation';
import { LANGUAGES } from '../../i18n/languages';
import { ExclusionCausesSchema } from '../../domain/contract/exclusion-causes';
import { ClassCalendarsSchema } from '../../domain/contract/class-calendars';

/** contracts.total_value is numeric(20, 4): 16 digits before the point. */
const STORED_INTEGER_DIGITS = 16;

function isHttpUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

export const ContractFieldsSchema = z.strictObject({
  name: name().meta({ example: 'SDJU e-mail maintenance 2026', description: 'Unique name' }),
  customer: name().meta({ example: 'Shanghai Dianji University' }),
  totalValue: z.string({ error: 'totalValue must be a decimal string such as "1000000.00"' }).meta({
    example: '1000000.00',
    description:
      "Contract total as a decimal string with at most the currency's minor digits (numbers are refused: money never goes through floats)",
  }),
  currency: z
    .string()
    .refine(isCurrency, { error: (iss) => `unknown currency "${String(iss.input)}" (ISO 4217 code expected, e.g. CNY, USD, EUR)` })
    .meta({ example: 'CNY', description: 'ISO 4217 currency code' }),
  calendarId: z.string().min(1).meta({ example: '24x7', description: 'An existing calendar' }),
  policyId: z.string().min(1).meta({ format: 'uuid', description: 'An existing policy' }),
  penaltyTerms: PenaltyTermsSchema.nullable().meta({
    description:
      'The response returns them normalized, defaults filled in. null: the contract carries no money (breaches are tracked, nothing is posted); on update, running incidents keep the terms they pinned',
  }),
  startsOn: isoDate().nullish(),
  endsOn: isoDate().nullish().meta({ description: 'Not before startsOn' }),
  webhookUrl: z
    .string()
    .max(2000)
    .refine(isHttpUrl, { error: 'webhookUrl must be an http or https URL' })
    .nullish()
    .meta({ example: 'https://ops.example.com/hooks/escalation', description: 'http or https URL notified of escalations' }),
  language: z
    .enum(LANGUAGES, { error: `language must be one of: ${LANGUAGES.join(', ')}` })
    .optional()
    .meta({
      description:
        'Language of the customer-facing documents (fault reports, notifications), zh-CN by default; pinned by each incident when reported',
    }),
  exclusionCauses: ExclusionCausesSchema.nullish(),
  classCalendars: ClassCalendarsSchema.nullish(),
});

/** Rules across fields: the amount in its currency's minor digits, the term not ending before it starts. */
function contractRules(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (typeof value !== 'object' || value === null) return;
  const { totalValue, currency, startsOn, endsOn } = value as Record<string, unknown>;
  if (typeof totalValue === 'string' && isCurrency(currency)) {
    const problem =
      moneyProblem(totalValue, currency) ??
      (totalValue.split('.')[0].replace(/^0+(?=\d)/, '').length > STORED_INTEGER_DIGITS
        ? `must have at most ${STORED_INTEGER_DIGITS} integer digits`
        : undefined);
    if (problem) ctx.addIssue({ code: 'custom', path: ['totalValue'], message: problem });
  }
  const starts = typeof startsOn === 'string' ? isoDateToDayNumber(startsOn) : null;
  const ends = typeof endsOn === 'string' ? isoDateToDayNumber(endsOn) : null;
  if (starts !== null && ends !== null && ends < starts) {
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `must not be before startsOn (${String(startsOn)})` });
  }
}

/** A whole contract; the amount comes out with exactly its currency's minor digits ("1000000" CNY → "1000000.00"). */
export const CreateContractSchema = ContractFieldsSchema.check(refineAlways<unknown>(contractRules)).transform((c) => ({
  ...c,
  totalValue: formatMoney(c.totalValue, c.currency),
  penaltyTerms: c.penaltyTerms as PenaltyTerms | null,
  exclusionCauses: c.exclusionCauses ?? null,
  classCalendars: c.classCalendars ?? null,
}));

/** Fields left out keep their value; null clears startsOn, endsOn, webhookUrl, exclusionCauses or classCalendars. */
export const UpdateContractSchema = ContractFieldsSchema.partial();

export class CreateContractDto extends createZodDto(CreateContractSchema) {}
export class UpdateContractDto extends createZodDto(UpdateContractSchema) {}
