import { ApiProperty } from '@nestjs/swagger';

/** Said wherever an amount appears in the finance API. */
export const ROUNDING_RULE =
  'Amounts are plain decimal strings with exactly the currency\'s ISO 4217 minor digits ("2500.00" CNY, "1500" JPY). ' +
  "Each posting is rounded once, half-even (banker's rounding), to the minor unit when the workflow posts it; " +
  'sums and differences are exact decimal arithmetic on those postings and are never rounded again.';

export class LedgerEntryResponse {
  @ApiProperty({ example: '42', description: 'Posting order (bigint, as a string)' }) id: string;
  @ApiProperty({ example: '2026-11-21T09:20:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null only for an adjustment made for the contract as a whole',
  })
  incidentId: string | null;
  @ApiProperty({
    enum: ['accrual', 'reversal', 'correction', 'adjustment'],
    description:
      'accrual/reversal/correction: rate-based, posted by the incident workflow (reversal: incident excluded/cancelled; correction: schedule ' +
      'rebuilt by a reclassification). adjustment: a manual adjustment approved by a second finance user (periodIndex 0, period = the approval ' +
      'instant, rate 0, workflowId "adjustment-<adjustmentId>", runId the approving token)',
  })
  kind: string;
  @ApiProperty({ example: 1, description: '1-based accrual period the entry belongs to' }) periodIndex: number;
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z' }) periodStart: string;
  @ApiProperty({ example: '2026-11-21T09:00:00.000Z' }) periodEnd: string;
  @ApiProperty({ example: '2500.00', description: `Signed: reversals and corrections are negative. ${ROUNDING_RULE}` }) amount: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ example: '0.0025', description: 'Rate per period the posting used (decimal fraction)' }) rate: string;
  @ApiProperty({ example: '1000000.00', description: 'Contract total the rate applied to' }) basisAmount: string;
  @ApiProperty({ example: false, description: 'The cap cut this accrual' }) capApplied: boolean;
  @ApiProperty({ example: 'incident-3f1c…' }) workflowId: string;
  @ApiProperty() runId: string;
  @ApiProperty({ example: 'incident-3f1c…:accrual:g0:p1' }) idempotencyKey: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The adjustment an adjustment entry posts; null otherwise' })
  adjustmentId: string | null;
  @ApiProperty({ description: 'Whether the entry counts against the penalty cap (false only for adjustments approved as not counting)' })
  countsAgainstCap: boolean;
}

export class LedgerTotals {
  @ApiProperty({ example: '7500.00', description: 'Sum of accrual entries' }) accrued: string;
  @ApiProperty({ example: '-2500.00', description: 'Sum of reversal entries (zero or negative)' }) reversed: string;
  @ApiProperty({ example: '0.00', description: 'Sum of correction entries (zero or negative)' }) corrected: string;
  @ApiProperty({ example: '0.00', description: 'Sum of manual adjustment entries (signed), apart from the rate-based ones' })
  adjusted: string;
  @ApiProperty({ example: '5000.00', description: 'accrued + reversed + corrected + adjusted' }) net: string;
  @ApiProperty({ example: 4, description: 'Number of entries' }) count: number;
}

export class LedgerPageResponse {
  @ApiProperty({ type: [LedgerEntryResponse], description: 'Entries in posting order (id ascending)' }) items: LedgerEntryResponse[];
  @ApiProperty({
    type: LedgerTotals,
    nullable: true,
    description:
      'Totals over every matching entry (not only this page), in `currency`. null when the matching entries span several currencies ' +
      '(money in different currencies is never added up): read `totalsByCurrency` then. ' +
      ROUNDING_RULE,
  })
  totals: LedgerTotals | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/LedgerTotals' },
    example: { CNY: { accrued: '7500.00', reversed: '-2500.00', corrected: '0.00', net: '5000.00', count: 4 } },
    description:
      'Always present: the same totals keyed by ISO 4217 currency code, one key per currency among the matching entries ({} when none match).',
  })
  totalsByCurrency: Record<string, LedgerTotals>;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'CNY',
    description:
      "The one currency of the matching entries; with no matching entry, the filtered contract's (or incident's contract's) currency; " +
      'null when they span several currencies, or nothing is known.',
  })
  currency: string | null;
  @ApiProperty({ example: 100 }) limit: number;
  @ApiProperty({ example: 0 }) offset: number;
  @ApiProperty({ example: 4, description: 'Number of matching entries (all pages)' }) total: number;
}
