import { ApiProperty } from '@nestjs/swagger';
import { sumMoney } from '../../domain/penalty/money';
import type { IncidentSimulation, PolicyOutcome, RefusedStep } from '../../domain/simulation';
import type { SimulationRun } from '../policy-simulation.service';

const iso = (ms: number) => new Date(ms).toISOString();

export class RefusedStepResponse {
  @ApiProperty({ example: 'dispatch' }) step: string;
  @ApiProperty({ example: '2026-03-02T10:11:40.000Z', description: 'The instant the step was recorded at' }) at: string;
  @ApiProperty({ example: 'dispatch needs stage dispatch, but the remote diagnosis is still running (stage diagnosing)' }) reason: string;
}

export class PolicyOutcomeResponse {
  @ApiProperty({
    type: [String],
    example: ['onsite.arriveWithin'],
    description: 'Targets breached (withdrawn breaches excluded), ladder order',
  })
  breaches: string[];
  @ApiProperty({ example: '7500.00', description: 'Net penalty after the cap (decimal string)' }) penalty: string;
  @ApiProperty({ example: 3, description: 'Accrual periods owed (before the cap)' }) periods: number;
  @ApiProperty({ example: 'closed', description: 'Status the replay ended in' }) status: string;
  @ApiProperty({ type: [RefusedStepResponse], description: 'Recorded steps this ladder refused (skipped)' })
  refusedSteps: RefusedStepResponse[];
}

export class DifferenceResponse {
  @ApiProperty({ example: -1, description: 'candidate − actual breaches' }) breaches: number;
  @ApiProperty({ example: '-2500.00', description: 'candidate − actual penalty' }) penalty: string;
}

export class IncidentSimulationResponse {
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ example: '2026-03-02T10:00:00.000Z' }) reportedAt: string;
  @ApiProperty({ example: 'urgent', description: 'Severity at the report' }) severity: string;
  @ApiProperty({ type: PolicyOutcomeResponse, nullable: true, description: 'Under its pinned policy and terms; null when not replayed' })
  actual: PolicyOutcomeResponse | null;
  @ApiProperty({ type: PolicyOutcomeResponse, nullable: true, description: 'Under the candidate; null when not replayed' })
  candidate: PolicyOutcomeResponse | null;
  @ApiProperty({ type: DifferenceResponse, nullable: true }) difference: DifferenceResponse | null;
  @ApiProperty({
    example: '7500.00',
    description:
      "The incident's net in the ledger when the simulation ran: actual.penalty equals it, unless the incident ran on older ladder code " +
      'or a period was being posted at that instant',
  })
  ledgerPenalty: string;
  @ApiProperty({ description: 'Counted in the totals (replayed under both policies)' }) comparable: boolean;
  @ApiProperty({ description: 'A step was refused, or the incident is not comparable' }) flagged: boolean;
  @ApiProperty({ type: [String], description: 'Why it is flagged' }) notes: string[];
}

export class TotalsResponse {
  @ApiProperty({ example: 12 }) breaches: number;
  @ApiProperty({ example: '30000.00' }) penalty: string;
}

export class SimulationTotalsResponse {
  @ApiProperty({ example: 40 }) incidents: number;
  @ApiProperty({ example: 39 }) comparable: number;
  @ApiProperty({ example: 2 }) flagged: number;
  @ApiProperty({ type: TotalsResponse }) actual: TotalsResponse;
  @ApiProperty({ type: TotalsResponse }) candidate: TotalsResponse;
  @ApiProperty({ type: TotalsResponse, description: 'candidate − actual' }) difference: TotalsResponse;
  @ApiProperty({ example: '30000.00', description: 'The ledger net of the comparable incidents' }) ledgerPenalty: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', properties: { actual: { type: 'integer' }, candidate: { type: 'integer' } } },
    example: { 'onsite.arriveWithin': { actual: 5, candidate: 1 } },
    description: 'Breaches per target under each policy',
  })
  breachesByTarget: Record<string, { actual: number; candidate: number }>;
}

export class CumulativePointResponse {
  @ApiProperty({ example: '2026-03-04T10:00:00.000Z' }) at: string;
  @ApiProperty({ example: '2500.00' }) actual: string;
  @ApiProperty({ example: '0.00' }) candidate: string;
}

export class SimulationResponse {
  @ApiProperty({ format: 'uuid' }) policyId: string;
  @ApiProperty({ type: Number, nullable: true, example: 2, description: 'Candidate version; null for an unsaved definition' })
  candidateVersion: number | null;
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ example: '2026-01-01T00:00:00.000Z' }) from: string;
  @ApiProperty({ example: '2027-01-01T00:00:00.000Z' }) to: string;
  @ApiProperty({ example: '2026-11-28T22:00:00.000Z', description: 'Incidents still open are replayed up to this instant' }) asOf: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ description: 'How refused steps and incidents that cannot be replayed are counted' }) rule: string;
  @ApiProperty({ type: SimulationTotalsResponse, description: 'Over the comparable incidents' }) totals: SimulationTotalsResponse;
  @ApiProperty({ type: [IncidentSimulationResponse], description: 'In report order' }) incidents: IncidentSimulationResponse[];
  @ApiProperty({ type: [CumulativePointResponse], description: 'Cumulative penalty of both policies over the period (at most 500 points)' })
  cumulative: CumulativePointResponse[];
}

const refused = (r: RefusedStep): RefusedStepResponse => ({ ...r, at: iso(r.at) });
const outcome = (o: PolicyOutcome | null): PolicyOutcomeResponse | null => (o ? { ...o, refusedSteps: o.refusedSteps.map(refused) } : null);
const row = (r: IncidentSimulation, ledger: Map<string, string>): IncidentSimulationResponse => ({
  incidentId: r.incidentId,
  reportedAt: iso(r.reportedAt),
  severity: r.severity,
  actual: outcome(r.actual),
  candidate: outcome(r.candidate),
  difference: r.difference,
  ledgerPenalty: ledger.get(r.incidentId)!,
  comparable: r.comparable,
  flagged: r.flagged,
  notes: r.notes,
});

export function toSimulationResponse(run: SimulationRun, rule: string): SimulationResponse {
  const { result } = run;
  return {
    policyId: run.policyId,
    candidateVersion: run.candidate.version,
    contractId: run.contractId,
    from: iso(run.period.from),
    to: iso(run.period.to),
    asOf: iso(result.asOf),
    currency: result.currency,
    rule,
    totals: {
      ...result.totals,
      ledgerPenalty: sumMoney(
        result.incidents.filter((r) => r.comparable).map((r) => run.ledger.get(r.incidentId)!),
        result.currency,
      ),
    },
    incidents: result.incidents.map((r) => row(r, run.ledger)),
    cumulative: result.cumulative.map((p) => ({ ...p, at: iso(p.at) })),
  };
}
