import { createZodDto } from 'nestjs-zod';
import { isoInstant, parseInstant, uuid } from '../../domain/fields';
import { PenaltyTermsSchema } from '../../domain/penalty/terms';
import { PolicyDefinitionSchema } from '../../domain/policy/schema';
import { z } from '../../domain/validation';

/** Incidents one simulation replays at most: a year of a very busy contract; narrow the period beyond. */
export const MAX_SIMULATED_INCIDENTS = 5000;

const CandidateSchema = z
  .strictObject({
    version: z
      .number({ error: 'must be a positive integer' })
      .int({ error: 'must be a positive integer' })
      .min(1)
      .max(2_147_483_647)
      .optional()
      .meta({ description: 'A saved version of this policy' }),
    definition: PolicyDefinitionSchema.optional().meta({ description: 'An unsaved policy definition (same shape as a version)' }),
  })
  .superRefine((c, ctx) => {
    const given = (c.version !== undefined ? 1 : 0) + (c.definition !== undefined ? 1 : 0);
    if (given !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of version (a saved version) or definition (unsaved)' });
  })
  .meta({ description: 'The policy to compare with: a saved version of this policy, or an unsaved definition' });

const PeriodSchema = z
  .strictObject({
    from: isoInstant().meta({ description: 'Incidents reported at or after this instant' }),
    to: isoInstant().meta({ description: 'Incidents reported before this instant' }),
  })
  .superRefine((p, ctx) => {
    if (parseInstant(p.to) <= parseInstant(p.from)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after period.from' });
  });

export const SimulatePolicySchema = z.strictObject({
  candidate: CandidateSchema,
  contractId: uuid().meta({ description: 'The contract whose past incidents are replayed' }),
  period: PeriodSchema,
  terms: PenaltyTermsSchema.optional().meta({
    description: "Candidate penalty terms replacing every incident's pinned terms; absent: each incident's pinned terms",
  }),
});

export class SimulatePolicyDto extends createZodDto(SimulatePolicySchema) {}

export const SimulateQuerySchema = z.strictObject({
  format: z.enum(['json', 'csv']).optional().meta({ description: 'csv: the per-incident rows as CSV (same as Accept: text/csv)' }),
});

export class SimulateQuery extends createZodDto(SimulateQuerySchema) {}
