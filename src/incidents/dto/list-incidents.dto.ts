import { createZodDto } from 'nestjs-zod';
import { pageFields } from '../../admin/pagination';
import type { IncidentStatus } from '../../domain/ladder';
import { text, uuid } from '../../domain/fields';
import { z } from '../../domain/validation';

export const INCIDENT_STATUSES = [
  'open',
  'paused',
  'restored',
  'closed',
  'cancelled',
  'excluded',
] as const satisfies readonly IncidentStatus[];

export const ListIncidentsSchema = z.strictObject({
  status: z.enum(INCIDENT_STATUSES).optional(),
  severity: text(32).optional(),
  contractId: uuid().optional(),
  breached: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: 'true: only incidents with at least one breach; false: none' }),
  ...pageFields(),
});

export class ListIncidentsQuery extends createZodDto(ListIncidentsSchema) {}
