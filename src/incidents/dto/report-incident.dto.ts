import { ApiProperty } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { isoInstant, text, uuid } from '../../domain/fields';
import { z } from '../../domain/validation';

export const ReportIncidentSchema = z.strictObject({
  contractId: uuid().meta({ description: 'Contract the fault is reported under' }),
  severity: text(32).meta({ example: 'urgent', description: "One of the severity classes of the contract's policy" }),
  description: text(4000).meta({ example: 'Core switch down, no user can reach the billing system' }),
  reportedAt: isoInstant().optional().meta({ description: 'When the customer called (t0); defaults to now' }),
  reportedBy: text(200).optional().meta({
    example: 'hotline:zhang.wei',
    description:
      "Who took the report (the customer's call); defaults to the name of the API token reporting it, which the audit trail records either way",
  }),
  termOverride: z
    .strictObject({ reason: text(2000).meta({ example: 'Customer confirmed the renewal is being signed; service continues' }) })
    .optional()
    .meta({
      description:
        "Report outside the contract's term (startsOn..endsOn, extended by force majeure) anyway: only for a token with the admin role; the reason is recorded on the incident and audited",
    }),
});

export class ReportIncidentDto extends createZodDto(ReportIncidentSchema) {}

export class ReportedIncidentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() workflowId: string;
  @ApiProperty({ description: 'False when an Idempotency-Key replay returned an incident reported earlier' }) created: boolean;
}
