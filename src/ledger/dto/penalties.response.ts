import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROUNDING_RULE } from './ledger.response';

export class PenaltyCapResponse {
  @ApiProperty({ example: '0.05', description: 'Fraction of the contract total penalties may never exceed' }) fraction: string;
  @ApiProperty({ example: '50000.00', description: `total × fraction, rounded half-even to the minor unit. ${ROUNDING_RULE}` })
  amount: string;
  @ApiProperty({
    enum: ['contract', 'incident'],
    description: 'contract: one cap across all incidents; incident: the cap holds for each incident on its own',
  })
  scope: 'contract' | 'incident';
}

export class IncidentPenaltyResponse {
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ example: '7500.00' }) accrued: string;
  @ApiProperty({ example: '0.00', description: 'Zero or negative' }) reversed: string;
  @ApiProperty({ example: '0.00', description: 'Zero or negative' }) corrected: string;
  @ApiProperty({ example: '7500.00' }) net: string;
  @ApiProperty({ example: 3, description: 'Ledger entries of the incident' }) entries: number;
  @ApiProperty({ example: false, description: 'Some accrual of the incident was cut by the cap' }) capApplied: boolean;
  @ApiPropertyOptional({ example: '42500.00', description: 'Per-incident cap scope only: cap − net, never below 0' }) headroom?: string;
}

export class AdjustmentTotals {
  @ApiProperty({ example: '5000.00', description: 'Sum of approved manual adjustments posted (signed)' }) total: string;
  @ApiProperty({ example: '5000.00', description: 'The part of it that counts against the cap' }) countedAgainstCap: string;
  @ApiProperty({ example: 1, description: 'Adjustment entries' }) entries: number;
}

export class PenaltiesResponse {
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ example: '1000000.00' }) totalValue: string;
  @ApiProperty({
    example: '0.0025',
    nullable: true,
    type: String,
    description: 'Decimal fraction of the total owed per period; null: no penalty terms',
  })
  ratePerPeriod: string | null;
  @ApiProperty({ example: { amount: 1, unit: 'days' }, nullable: true }) period: { amount: number; unit: string } | null;
  @ApiProperty({ example: '2500.00', nullable: true, type: String, description: `total × rate, rounded once, half-even. ${ROUNDING_RULE}` })
  amountPerPeriod: string | null;
  @ApiProperty({ type: PenaltyCapResponse, nullable: true, description: 'null: the contract carries no penalty terms (no cap)' })
  cap: PenaltyCapResponse | null;
  @ApiProperty({ example: '7500.00', description: "Sum of the contract's accrual entries" }) accrued: string;
  @ApiProperty({ example: '0.00', description: 'Sum of reversal entries (zero or negative)' }) reversed: string;
  @ApiProperty({ example: '0.00', description: 'Sum of correction entries (zero or negative)' }) corrected: string;
  @ApiProperty({ example: '7500.00', description: 'accrued + reversed + corrected: the rate-based penalties' }) net: string;
  @ApiProperty({
    type: AdjustmentTotals,
    description: 'Manual adjustments approved by a second finance user, apart from the rate-based rows',
  })
  adjustments: AdjustmentTotals;
  @ApiProperty({ example: '12500.00', description: 'net + adjustments.total: what the vendor owes' }) owed: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '42500.00',
    description:
      'Contract cap scope: cap − (net + adjustments counted against the cap), never below 0. null for a per-incident cap (see incidents[].headroom) or without terms.',
  })
  headroom: string | null;
  @ApiProperty({ example: false, description: 'Contract scope: net ≥ cap. Incident scope: some incident reached its cap.' })
  capReached: boolean;
  @ApiProperty({
    type: [IncidentPenaltyResponse],
    description: 'Incidents with at least one ledger entry, in posting order of their first entry',
  })
  incidents: IncidentPenaltyResponse[];
  @ApiProperty({
    type: [String],
    description:
      "Entries the sums leave out: ledger rows in another currency than the contract's current one (the contract was edited after they were posted).",
  })
  warnings: string[];
}
