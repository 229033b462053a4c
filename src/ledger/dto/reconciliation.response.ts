import { ApiProperty } from '@nestjs/swagger';
import { ROUNDING_RULE } from './ledger.response';

/** Seconds around a period boundary inside which an accruing incident may be one period ahead or behind. */
export const PENDING_WINDOW_MS = 10_000;

export const RECONCILIATION_RULES = [
  "For each incident of the contract, what it should have accrued is recomputed from its recorded facts (the workflow's last persisted " +
    "state: penalty.breachedAt, pauses, restoredAt, closedAt, status) and the contract's current penalty terms and total, then compared with the ledger.",
  'Interruption = running time on the wall clock (24x7, pauses removed) from the accrual start (countFrom report: reportedAt; ' +
    'countFrom breach: breachedAt) to restoredAt, else closedAt (excluded/cancelled), else asOf (still open).',
  "Periods owed = ceil(interruption / period) for partialPeriod 'started' (every period whose posting instant is before the end), " +
    "floor(...) for 'completed'; 0 when penalty.restoreWithin was never breached (or the breach was withdrawn).",
  'Excluded and cancelled incidents owe net 0: every accrual must be reversed.',
  'Each period owes total × rate (rounded once, half-even). Per-incident cap scope: the cap applies to each incident alone, in period order. ' +
    'Contract cap scope: the cap is applied across incidents in posting order: every owed period is placed at the instant it posts ' +
    '(its period boundary, never before the breach); ties go to the incident whose first ledger accrual came first (then the earlier breach). ' +
    'Periods of excluded/cancelled incidents hold cap headroom from their posting until the exclusion, when their reversal frees it.',
  'Ledger side: net = sum of all entries; a period is live when it has more accrual rows than reversal/correction rows. ' +
    'Two live accrual rows for one period is a duplicate.',
  `Pending: an incident still accruing (open or paused) whose ledger has exactly one period more or fewer than expected at the tail, ` +
    `while a period boundary (or the restore deadline) lies within ${PENDING_WINDOW_MS / 1000} s of asOf, is reported as result "pending", not as a mismatch: ` +
    'the workflow posts at the boundary and writes its state just after, so a check at that instant can see either side.',
  'Limitation: a reclassification that moved the breach instant cancels and re-posts accruals; the cap use of the cancelled generation is not replayed, ' +
    'so near the contract cap such an incident can show a difference that is only due to posting order.',
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

export class ReconciliationResponse {
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ example: '2026-11-22T21:00:00.000Z', description: 'The instant the expectation was computed for' }) asOf: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ enum: ['contract', 'incident'] }) capScope: 'contract' | 'incident';
  @ApiProperty({ example: true, description: 'No incident has result "mismatch"' }) ok: boolean;
  @ApiProperty({ type: [IncidentReconciliation] }) incidents: IncidentReconciliation[];
}
