import { createZodDto } from 'nestjs-zod';
import { pageFields } from '../../admin/pagination';
import { isoInstant, uuid } from '../../domain/fields';
import { z } from '../../domain/validation';

export const LEDGER_KINDS = ['accrual', 'reversal', 'correction'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const LEDGER_FORMATS = ['json', 'csv'] as const;

export const LEDGER_DEFAULT_LIMIT = 100;
export const LEDGER_MAX_LIMIT = 1000;

/** `GET /ledger` filters. Unknown parameters are refused (400). */
export const LedgerQuerySchema = z.strictObject({
  contractId: uuid().optional().meta({ description: "Only this contract's entries" }),
  incidentId: uuid().optional().meta({ description: "Only this incident's entries" }),
  from: isoInstant()
    .optional()
    .meta({ example: '2026-11-01T00:00:00+08:00', description: 'Entries created at or after this instant (inclusive)' }),
  to: isoInstant()
    .optional()
    .meta({ example: '2026-12-01T00:00:00+08:00', description: 'Entries created before this instant (exclusive). Must be after `from`.' }),
  kind: z.enum(LEDGER_KINDS).optional(),
  format: z.enum(LEDGER_FORMATS).default('json').meta({
    description: 'json: one page with totals; csv: every matching entry (limit/offset ignored), streamed as an RFC 4180 attachment',
  }),
  ...pageFields({ defaultLimit: LEDGER_DEFAULT_LIMIT, maxLimit: LEDGER_MAX_LIMIT }),
});

export class LedgerQuery extends createZodDto(LedgerQuerySchema) {}

/** `GET /contracts/{id}/reconciliation` filters. */
export const ReconciliationQuerySchema = z.strictObject({
  incidentId: uuid()
    .optional()
    .meta({ description: 'Report only this incident of the contract (the cap is still computed across all of them)' }),
});

export class ReconciliationQuery extends createZodDto(ReconciliationQuerySchema) {}
