import { createZodDto } from 'nestjs-zod';
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

const integer = (min: number, max: number, fallback: number) =>
  z.coerce.number({ error: 'must be an integer' }).int({ error: 'must be an integer' }).min(min).max(max).default(fallback);

export const ListIncidentsSchema = z.strictObject({
  status: z.enum(INCIDENT_STATUSES).optional(),
  severity: text(32).optional(),
  contractId: uuid().optional(),
  breached: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: 'true: only incidents with at least one breach; false: none' }),
  limit: integer(1, 200, 50),
  offset: integer(0, 1_000_000_000, 0),
});

export class ListIncidentsQuery extends createZodDto(ListIncidentsSchema) {}
