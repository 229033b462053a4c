import { ApiProperty } from '@nestjs/swagger';
import { ROUNDING_RULE } from './ledger.response';
import { PENDING_WINDOW_MS } from '../reconcile';

export const RECONCILIATION_RULES = [
  'For each incident of the contract, what it should have accrued is recomputed by the ladder engine itself (the same accrual schedule ' +
    "the workflow posts from) on the incident's pinned snapshot (the policy version, calendar and contract terms it started with; " +
    'later edits of the contract do not change it) and its last persisted state (breach, pauses, restore, status), then compared with the ledger.',
  'A period is owed once its posting instant has passed while service was still interrupted: countFrom report counts periods from the report, ' +
    "countFrom breach from the breach; partialPeriod 'started' owes a period just after it starts, 'completed' at its end; never dated before the breach; " +
    'paused time accrues nothing; nothing is owed when penalty.restoreWithin was never breached (or the breach was withdrawn). ' +
    'Interruption (shown in facts) = running time on the wall clock (pauses removed) from the accrual start to the restore, the exclusion or asOf.',
  'Excluded and cancelled incidents owe net 0: every accrual must be reversed.',
  "Each period owes the pinned total × the pinned rate (rounded once, half-even), cut to the headroom left under the incident's pinned cap " +
    '(per contract or per incident, as the terms say). The ledger applies the cap in the order it takes postings (row ids), so each accrual row ' +
    'is expected to be the period amount cut to what the rows before it left (net of reversals and corrections). An owed period with no row ' +
    "is right only if the cap was reached between the moment it fell due and its incident's next row; otherwise it is missing.",
  'Ledger side: net = sum of all entries; a period is live when it has more accrual rows than reversal/correction rows. ' +
    'Two live accrual rows for one period is a duplicate. Rows posted at another rate or basis than the pinned terms are a mismatch.',
  `Pending: an incident still accruing (open or paused) whose ledger has exactly one period more or fewer than expected at the tail, ` +
    `while a period boundary (or the restore deadline) lies within ${PENDING_WINDOW_MS / 1000} s of asOf, is reported as result "pending", not as a mismatch: ` +
    'the workflow posts at the boundary and writes its state just after, so a check at that instant can see either side.',
  'Manual adjustments (kind adjustment, approved by a second finance user) are not recomputed and never a mismatch: they are listed apart ' +
    '(adjustments), and those counted against the cap take their place in the running net the cap is applied to, at their position in the ledger.',
  ROUNDING_RULE,
];

export class ReconciliationExpected {
  @ApiProperty({
    example: 3,
    description: 'Periods that should be live in the ledger (owed and not cut to zero by the cap; 0 for excluded/cancelled)',
  })
  periods: number;
  @ApiProperty({ example: '7500.00' }) net: string;
  @ApiProperty({
    example: 3,
    description: 'Periods owed by the interruption before the cap (before the exclusion, for excluded/cancelled)',
  })
  owedPeriods: number;
  @ApiProperty({ example: 0, description: 'Owed periods the cap cut (partly or to zero)' }) cappedPeriods: number;
}

export class ReconciliationLedger {
  @ApiProperty({ example: 3, description: 'Accrual rows' }) accruals: number;
  @ApiProperty({ example: 0, description: 'Reversal rows' }) reversals: number;
  @ApiProperty({ example: 0, description: 'Correction rows' }) corrections: number;
  @ApiProperty({ example: 3, description: 'Periods with a live (not reversed/corrected) accrual' }) livePeriods: number;
  @ApiProperty({ example: '7500.00', description: 'Sum of all entries of the incident' }) net: string;
}

export class ReconciliationFacts {
  @ApiProperty({ type: String, nullable: true, example: '2026-11-20T09:20:00.000Z' }) breachedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-20T09:00:00.000Z', description: 'Where interruption is counted from' })
  accrualStart: string | null;
  @ApiProperty({ type: String, example: '2026-11-22T21:00:00.000Z', description: 'restoredAt, closedAt or asOf' }) accrualEnd: string;
  @ApiProperty({ example: 216000000, description: 'Running interruption (pauses removed), ms' }) interruptionMs: number;
}

export class IncidentReconciliation {
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ example: 'restored' }) status: string;
  @ApiProperty({ enum: ['ok', 'pending', 'mismatch'] }) result: 'ok' | 'pending' | 'mismatch';
  @ApiProperty({ type: ReconciliationFacts }) facts: ReconciliationFacts;
  @ApiProperty({ type: ReconciliationExpected }) expected: ReconciliationExpected;
  @ApiProperty({ type: ReconciliationLedger }) ledger: ReconciliationLedger;
  @ApiProperty({ example: '0.00', description: 'ledger.net − expected.net (shown as is even when the result is pending)' })
  difference: string;
  @ApiProperty({ type: [String], example: [], description: 'What does not match (empty when result is ok or pending)' }) issues: string[];
  @ApiProperty({
    type: [String],
    example: [],
    description: 'Context that is not a mismatch (pending explanation, terms edited since posting, ...)',
  })
  notes: string[];
}

export class ReconciliationAdjustments {
  @ApiProperty({ example: 1, description: 'Adjustment entries of the contract' }) entries: number;
  @ApiProperty({ example: '5000.00', description: 'Their sum (signed)' }) total: string;
  @ApiProperty({ example: '5000.00', description: 'The part counted against the cap' }) countedAgainstCap: string;
}

export class ReconciliationResponse {
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ example: '2026-11-22T21:00:00.000Z', description: 'The instant the expectation was computed for' }) asOf: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ enum: ['contract', 'incident'] }) capScope: 'contract' | 'incident';
  @ApiProperty({ example: true, description: 'No incident has result "mismatch"' }) ok: boolean;
  @ApiProperty({ type: [IncidentReconciliation] }) incidents: IncidentReconciliation[];
  @ApiProperty({ type: ReconciliationAdjustments, description: 'Manual adjustments, apart from the rate-based comparison' })
  adjustments: ReconciliationAdjustments;
}
