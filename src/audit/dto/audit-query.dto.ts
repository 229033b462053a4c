import { createZodDto } from 'nestjs-zod';
import { pageFields } from '../../admin/pagination';
import { isoInstant, text } from '../../domain/fields';
import { z } from '../../domain/validation';

/** `GET /audit` filters (combined with AND). Unknown parameters are refused. */
export const AuditQuerySchema = z.strictObject({
  actor: text(200).optional().meta({ example: 'ops-admin', description: 'Token name, or token id, of whoever acted' }),
  action: text(200)
    .optional()
    .meta({
      example: 'policy.update',
      description:
        'Exact action (calendar.create, calendar.update, policy.create, policy.update, contract.create, contract.update, template.import, ' +
        'token.create, token.revoke, token.bootstrap, incident.report, incident.step.<step>), or a prefix ending in * (e.g. incident.step.*)',
    }),
  entityType: text(100).optional().meta({ example: 'contract', description: 'calendar, policy, contract, template, token or incident' }),
  entityId: text(200).optional().meta({ description: 'Id of the entity changed' }),
  from: isoInstant().optional().meta({ example: '2026-11-01T00:00:00Z', description: 'At or after this instant (inclusive)' }),
  to: isoInstant()
    .optional()
    .meta({ example: '2026-12-01T00:00:00Z', description: 'Before this instant (exclusive); must be after `from`' }),
  ...pageFields({ maxLimit: 500 }),
});

export class AuditQuery extends createZodDto(AuditQuerySchema) {}
