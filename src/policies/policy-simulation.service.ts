import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '../admin/ids';
import { NotFoundError } from '../common/errors';
import { DomainValidationError } from '../domain/errors';
import { formatMoney } from '../domain/penalty/money';
import { parseInstant } from '../domain/fields';
import type { PinnedSnapshot, StepName } from '../domain/ladder';
import type { PenaltyTerms } from '../domain/penalty/terms';
import type { PolicyDefinition } from '../domain/policy/policy';
import { simulation, type RecordedIncident, type RecordedStep, type SimulationInput, type SimulationResult } from '../domain/simulation';
import { MAX_SIMULATED_INCIDENTS, type SimulatePolicyDto } from './dto/simulate-policy.dto';
import { PoliciesService } from './policies.service';

interface IncidentRow {
  id: string;
  workflow_id: string;
  reported_at: Date;
  severity: string;
  pinned: PinnedSnapshot | null;
}

interface EventRow {
  incident_id: string;
  seq: number;
  kind: string;
  at: Date;
  actor: string | null;
  data: Record<string, unknown>;
}

export interface SimulationRun {
  policyId: string;
  candidate: { version: number | null };
  contractId: string;
  period: { from: number; to: number };
  result: SimulationResult;
  /** What the ledger holds for each incident (net, in the contract's currency), read with the incidents. */
  ledger: Map<string, string>;
}

/** Loads a contract's past incidents (pinned snapshots and recorded steps) in a period and runs the exposure simulator. */
@Injectable()
export class PolicySimulationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PoliciesService,
  ) {}

  async simulate(policyId: string, dto: SimulatePolicyDto): Promise<SimulationRun> {
    const policy = await this.policies.getPolicy(policyId);
    let definition: PolicyDefinition;
    let version: number | null = null;
    if (dto.candidate.version !== undefined) {
      const saved = await this.policies.getVersion(policy, dto.candidate.version);
      definition = saved.definition;
      version = saved.version;
    } else definition = dto.candidate.definition as PolicyDefinition;

    const from = parseInstant(dto.period.from);
    const to = parseInstant(dto.period.to);
    const asOf = Date.now();
    const { currency, incidents, events, ledger } = await this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const contracts: Array<{ currency: string }> = isUuid(dto.contractId)
        ? await tx.query(`SELECT currency FROM contracts WHERE id = $1`, [dto.contractId])
        : [];
      if (contracts.length === 0) throw new NotFoundError('contract', dto.contractId);
      const [{ n }]: Array<{ n: number }> = await tx.query(
        `SELECT count(*)::int AS n FROM incidents WHERE contract_id = $1 AND reported_at >= $2 AND reported_at < $3`,
        [dto.contractId, new Date(from), new Date(to)],
      );
      if (n > MAX_SIMULATED_INCIDENTS) {
        throw new DomainValidationError([
          {
            path: 'period',
            message: `covers ${n} incidents; one simulation replays at most ${MAX_SIMULATED_INCIDENTS}: narrow the period`,
          },
        ]);
      }
      const incidents: IncidentRow[] = await tx.query(
        `SELECT id, workflow_id, reported_at, severity, pinned FROM incidents
         WHERE contract_id = $1 AND reported_at >= $2 AND reported_at < $3 ORDER BY reported_at, id`,
        [dto.contractId, new Date(from), new Date(to)],
      );
      const events: EventRow[] = incidents.length
        ? await tx.query(
            `SELECT incident_id, seq, kind, at, actor, data FROM incident_timeline
             WHERE incident_id = ANY($1::uuid[]) AND (kind IN ('reported', 'closed') OR kind LIKE 'step:%')
             ORDER BY incident_id, seq`,
            [incidents.map((i) => i.id)],
          )
        : [];
      const ledger: Array<{ incident_id: string; net: string }> = incidents.length
        ? await tx.query(
            `SELECT incident_id, SUM(amount)::text AS net FROM ledger_entries WHERE contract_id = $1 AND incident_id = ANY($2::uuid[])
             GROUP BY incident_id`,
            [dto.contractId, incidents.map((i) => i.id)],
          )
        : [];
      return { currency: contracts[0].currency.trim(), incidents, events, ledger };
    });

    const result = await runInSlices({
      incidents: recordedIncidents(incidents, events),
      candidate: { policy: { id: policy.id, version, definition }, terms: dto.terms as PenaltyTerms | undefined },
      currency,
      asOf,
    });
    const nets = new Map(incidents.map((i) => [i.id, formatMoney('0', currency)]));
    for (const row of ledger) nets.set(row.incident_id, formatMoney(row.net, currency));
    return { policyId: policy.id, candidate: { version }, contractId: dto.contractId, period: { from, to }, result, ledger: nets };
  }
}

/** Incidents replayed between two turns of the event loop: other requests wait at most a few tens of ms. */
const SLICE = 25;

/** Runs the simulator, handing the event loop back every SLICE incidents (a year of a busy contract takes seconds). */
async function runInSlices(input: SimulationInput): Promise<SimulationResult> {
  const steps = simulation(input);
  for (let n = 1; ; n += 1) {
    const next = steps.next();
    if (next.done) return next.value;
    if (n % SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Each incident with its severity at the report and its recorded steps (and close), in timeline order. */
function recordedIncidents(incidents: IncidentRow[], events: EventRow[]): RecordedIncident[] {
  const byIncident = new Map<string, EventRow[]>();
  for (const e of events) {
    const own = byIncident.get(e.incident_id) ?? [];
    own.push(e);
    byIncident.set(e.incident_id, own);
  }
  return incidents.map((row) => {
    const own = byIncident.get(row.id) ?? [];
    const reported = own.find((e) => e.kind === 'reported');
    const steps: RecordedStep[] = own
      .filter((e) => e.kind !== 'reported')
      .map((e) => ({
        step: e.kind === 'closed' ? 'close' : (e.kind.slice('step:'.length) as StepName),
        at: e.at.getTime(),
        payload: e.kind === 'closed' ? {} : { ...e.data, actor: e.actor ?? '' },
        seq: e.seq,
      }));
    return {
      id: row.id,
      workflowId: row.workflow_id,
      reportedAt: row.reported_at.getTime(),
      severity: typeof reported?.data.severity === 'string' ? reported.data.severity : row.severity,
      pinned: row.pinned,
      steps,
    };
  });
}
