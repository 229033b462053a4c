import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WorkflowUpdateStage,
  type WorkflowUpdateHandle,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowIdReusePolicy } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { isTemporalDown } from '../common/dependency-errors';
import { ConflictError, NotFoundError, ServiceUnavailableError, StepRefusedError } from '../common/errors';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { DomainValidationError } from '../domain/errors';
import { hasSeverity } from '../domain/policy/policy';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import {
  incidentWorkflowId,
  INCIDENT_WORKFLOW_TYPE,
  searchAttributes,
  snapshotQuery,
  STEP_REFUSED,
  stepUpdate,
} from '../../workflows/incident/definitions';
import {
  stepRoute,
  LadderContext,
  type StepName,
  type StepPayloads,
  type IncidentView,
  type IncidentWorkflowInput,
  type PinnedSnapshot,
  buildView,
} from '../domain/ladder';
import type { ListIncidentsQuery } from './dto/list-incidents.dto';
import type { ReportIncidentDto } from './dto/report-incident.dto';
import { AuditService } from '../audit/audit.service';
import { checkContractStanding, type TermOverride } from './contract-standing';
import { IncidentSnapshotRepository } from './incident-snapshot.repository';

/** What the list reads of an incident (not the pinned snapshot: it is large and the list never needs it). */
const LIST_COLUMNS =
  'id, workflow_id, contract_id, severity, description, reported_at, policy_id, policy_version, status, rung, stage, next_due_at, breach_count, state, updated_at';

/** How long a read waits for the live state before answering from the read model. */
const LIVE_READ_MS = 1_000;
/** How long a step waits to be accepted and applied before answering 503. */
const STEP_DELIVERY_MS = 10_000;

/** Whether an answer came from the workflow itself, and why not when it did not. */
export interface Liveness {
  live: boolean;
  reason: string | null;
}

const isUnavailable = (error: unknown): boolean =>
  /14 UNAVAILABLE|Failed to connect|No connection established/i.test(String((error as Error)?.message ?? '')) ||
  (error as { code?: number })?.code === 14;

/** Tolerated clock skew for a reportedAt in the future. */
const FUTURE_SKEW_MS = 60_000;

interface IncidentRow {
  id: string;
  workflow_id: string;
  contract_id: string;
  severity: string;
  description: string;
  reported_at: Date;
  policy_id: string;
  policy_version: number;
  status: string;
  rung: string;
  stage: string;
  next_due_at: Date | null;
  breach_count: number;
  state: IncidentView | null;
  pinned: PinnedSnapshot | null;
  /** Reported outside the contract term by an admin's override (its reason), else null. */
  term_override?: TermOverride | null;
  created_at: Date;
  updated_at: Date;
}

@Injectable()
export class IncidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly snapshots: IncidentSnapshotRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * Reports a fault: one row in the read model, one workflow (id derived from the incident id).
   * `reportedBy` defaults to the reporting token's name; the audit trail records the token either way.
   */
  async report(
    dto: ReportIncidentDto,
    idempotencyKey: string | undefined,
    principal: Principal,
  ): Promise<{ id: string; workflowId: string; created: boolean }> {
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 200)) {
      throw new DomainValidationError([{ path: 'Idempotency-Key', message: 'must be 1 to 200 characters' }]);
    }
    if (idempotencyKey) {
      const existing = await this.findByIdempotencyKey(idempotencyKey);
      if (existing) {
        await this.ensureWorkflow(existing, principal, idempotencyKey!);
        return { id: existing.id, workflowId: existing.workflow_id, created: false };
      }
    }
    const reportedAt = dto.reportedAt ? Date.parse(dto.reportedAt) : Date.now();
    if (reportedAt > Date.now() + FUTURE_SKEW_MS) {
      throw new DomainValidationError([{ path: 'reportedAt', message: 'must not be in the future' }]);
    }
    const snapshot = await this.snapshots.load(dto.contractId, undefined, dto.severity);
    if (!hasSeverity(snapshot.policy.definition, dto.severity)) {
      const known = Object.keys(snapshot.policy.definition.severities).join(', ');
      throw new DomainValidationError([{ path: 'severity', message: `must be one of the contract policy's classes: ${known}` }]);
    }
    const termOverride = await checkContractStanding(this.dataSource.manager, {
      contractId: dto.contractId,
      reportedAt,
      override: dto.termOverride,
      principal,
    });
    const id = randomUUID();
    const workflowId = incidentWorkflowId(id);
    const inserted: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO incidents (id, workflow_id, contract_id, severity, description, reported_at, policy_id, policy_version,
         status, rung, stage, idempotency_key, pinned, pinned_source, language, term_override)
       VALUES ($1, $2, $3, $4, $5, timestamptz 'epoch' + $6::bigint * interval '1 millisecond', $7, $8, 'open', 'triage', 'triage', $9,
         $10::jsonb, 'report', $11, $12::jsonb)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [
        id,
        workflowId,
        dto.contractId,
        dto.severity,
        dto.description,
        reportedAt,
        snapshot.policy.id,
        snapshot.policy.version,
        idempotencyKey ?? null,
        JSON.stringify(snapshot),
        snapshot.contract.language ?? null,
        termOverride === null ? null : JSON.stringify(termOverride),
      ],
    );
    if (inserted.length === 0) {
      // A concurrent request with the same key won the race: answer with its incident.
      const existing = (await this.findByIdempotencyKey(idempotencyKey!))!;
      await this.ensureWorkflow(existing, principal, idempotencyKey!);
      return { id: existing.id, workflowId: existing.workflow_id, created: false };
    }
    if (termOverride) await this.audit.record(principal, 'incident.term_override', { type: 'incident', id }, { ...termOverride });
    const input: IncidentWorkflowInput = {
      incidentId: id,
      severity: dto.severity,
      description: dto.description,
      reportedAt,
      reportedBy: dto.reportedBy ?? principal.name,
      // The timeline activity audits the report with its first event, from these.
      reporter: { tokenId: principal.tokenId, name: principal.name, ...(idempotencyKey ? { idempotencyKey } : {}) },
      ...snapshot,
    };
    try {
      await this.temporal.withDeadline(Date.now() + STEP_DELIVERY_MS, () => this.startWorkflow(input));
    } catch (error) {
      // Never reached Temporal: nothing happened, the row goes. Timed out: the workflow may have
      // started, so a keyed report keeps its row and the retry with the same key settles it.
      const ambiguous = !isUnavailable(error) && isTemporalDown(error);
      if (ambiguous && idempotencyKey) {
        throw new ServiceUnavailableError(
          `the report's workflow did not confirm its start within ${STEP_DELIVERY_MS / 1000} s (the outcome is not known yet): ` +
            'retry with the same Idempotency-Key to settle it',
          5,
          'temporal',
        );
      }
      await this.dataSource.query(`DELETE FROM incidents WHERE id = $1`, [id]);
      if (isTemporalDown(error)) {
        throw new ServiceUnavailableError(
          `the incident was not reported: Temporal is unreachable; ${idempotencyKey ? 'retry with the same Idempotency-Key' : 'retry'}`,
          5,
          'temporal',
        );
      }
      throw error;
    }
    return { id, workflowId, created: true };
  }

  private async startWorkflow(input: IncidentWorkflowInput): Promise<void> {
    await this.temporal.workflow.start(INCIDENT_WORKFLOW_TYPE, {
      workflowId: incidentWorkflowId(input.incidentId),
      taskQueue: this.config.taskQueue,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: searchAttributes.contractId, value: input.contract.id },
        { key: searchAttributes.status, value: 'open' },
        { key: searchAttributes.severity, value: input.severity },
        { key: searchAttributes.rung, value: 'triage' },
      ],
    });
  }

  /** Heals a report whose process died between the row and the workflow start. */
  private async ensureWorkflow(row: IncidentRow, principal: Principal, idempotencyKey: string): Promise<void> {
    try {
      await this.temporal.withDeadline(Date.now() + STEP_DELIVERY_MS, () => this.temporal.workflow.getHandle(row.workflow_id).describe());
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      // The terms pinned at the report, not whatever the contract says now.
      const snapshot = row.pinned ?? (await this.snapshots.load(row.contract_id, row.policy_version, row.severity));
      const start = () =>
        this.startWorkflow({
          incidentId: row.id,
          severity: row.severity,
          description: row.description,
          reportedAt: row.reported_at.getTime(),
          reportedBy: 'idempotent-replay',
          reporter: { tokenId: principal.tokenId, name: principal.name, idempotencyKey },
          ...snapshot,
        }).catch((e) => {
          if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
        });
      await this.temporal.withDeadline(Date.now() + STEP_DELIVERY_MS, start);
    }
  }

  private async findByIdempotencyKey(key: string): Promise<IncidentRow | undefined> {
    const rows: IncidentRow[] = await this.dataSource.query(`SELECT * FROM incidents WHERE idempotency_key = $1`, [key]);
    return rows[0];
  }

  private async row(id: string): Promise<IncidentRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('incident', id);
    const rows: IncidentRow[] = await this.dataSource.query(`SELECT * FROM incidents WHERE id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundError('incident', id);
    return rows[0];
  }

  async list(q: ListIncidentsQuery) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.status) add('status = ?', q.status);
    if (q.severity) add('severity = ?', q.severity);
    if (q.contractId) add('contract_id = ?', q.contractId);
    if (q.breached === true) where.push('breach_count > 0');
    if (q.breached === false) where.push('breach_count = 0');
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }]: Array<{ total: string }> = await this.dataSource.query(
      `SELECT count(*)::text AS total FROM incidents ${clause}`,
      params,
    );
    const rows: Array<IncidentRow & { contract_name: string; zone: string }> = await this.dataSource.query(
      // The zone of the calendar the incident pinned (its class's, issue 14 item 2); the contract's for rows pinned before pins existed.
      `SELECT i.*, c.name AS contract_name, COALESCE(i.pinned_zone, cal.definition->>'zone') AS zone
       FROM (SELECT ${LIST_COLUMNS}, pinned->'calendar'->'definition'->>'zone' AS pinned_zone FROM incidents ${clause} ORDER BY next_due_at ASC NULLS LAST, reported_at DESC, id
             LIMIT $${params.length + 1} OFFSET $${params.length + 2}) i
       JOIN contracts c ON c.id = i.contract_id JOIN calendars cal ON cal.id = c.calendar_id
       ORDER BY i.next_due_at ASC NULLS LAST, i.reported_at DESC, i.id`,
      [...params, q.limit, q.offset],
    );
    const items = rows.map((r) => ({ ...this.summary(r), contractName: r.contract_name, zone: r.zone, nextClock: nextClock(r.state) }));
    return { items, total: Number(total), limit: q.limit, offset: q.offset };
  }

  private summary(r: IncidentRow) {
    return {
      id: r.id,
      workflowId: r.workflow_id,
      contractId: r.contract_id,
      severity: r.severity,
      description: r.description,
      reportedAt: r.reported_at.toISOString(),
      status: r.status,
      rung: r.rung,
      stage: r.stage,
      nextDueAt: r.next_due_at?.toISOString() ?? null,
      breachCount: r.breach_count,
      policy: { id: r.policy_id, version: r.policy_version },
      updatedAt: r.updated_at.toISOString(),
    };
  }

  /** Live state from the workflow (the source of truth), with the persisted timeline. */
  async get(id: string) {
    const row = await this.row(id);
    const { view, zone, severities, exclusionCauses, live } = await this.liveView(row);
    const persisted: Array<{ seq: number; kind: string; at: Date; actor: string | null; data: unknown }> = await this.dataSource.query(
      `SELECT seq, kind, at, actor, data FROM incident_timeline WHERE incident_id = $1 ORDER BY seq`,
      [id],
    );
    const timeline = persisted.map((e) => ({ seq: e.seq, kind: e.kind, at: e.at.toISOString(), actor: e.actor, data: e.data }));
    // One moment for the whole answer: the live state wins, and events it has not persisted yet are appended.
    const lastSeq = timeline.length ? timeline[timeline.length - 1].seq : 0;
    for (const e of view?.history ?? []) {
      if (e.seq > lastSeq)
        timeline.push({ seq: e.seq, kind: e.kind, at: new Date(e.at).toISOString(), actor: e.actor ?? null, data: e.data });
    }
    const summary = this.summary(row);
    if (view && live.live) {
      Object.assign(summary, {
        status: view.status,
        stage: view.stage,
        rung: view.rung,
        severity: view.severity,
        nextDueAt: view.nextDueAt === null ? null : new Date(view.nextDueAt).toISOString(),
        breachCount: view.breachCount,
      });
    }
    return {
      ...summary,
      termOverride: row.term_override ?? null,
      zone,
      severities,
      exclusionCauses,
      live: live.live,
      liveReason: live.reason,
      state: view,
      timeline,
    };
  }

  /** The view at now, the zone its times are shown in and the severity classes it can be reclassified to. */
  private async liveView(
    row: IncidentRow,
  ): Promise<{ view: IncidentView | null; zone: string; severities: string[]; exclusionCauses: readonly string[] | null; live: Liveness }> {
    const fallback = async (reason: string | null) => {
      // A workflow the server no longer has (retention), or one that cannot answer now: its last projection.
      const snapshot = row.pinned ?? (await this.snapshots.load(row.contract_id, row.policy_version, row.severity));
      return {
        view: row.state,
        zone: snapshot.calendar.definition.zone,
        severities: Object.keys(snapshot.policy.definition.severities),
        exclusionCauses: snapshot.contract.exclusionCauses ?? null,
        live: { live: false, reason } as Liveness,
      };
    };
    try {
      const { state, input } = await this.temporal.withDeadline(Date.now() + LIVE_READ_MS, () =>
        this.temporal.workflow.getHandle(row.workflow_id).query(snapshotQuery),
      );
      return {
        view: buildView(new LadderContext(input, row.workflow_id), state, Date.now()),
        zone: input.calendar.definition.zone,
        severities: Object.keys(input.policy.definition.severities),
        exclusionCauses: input.contract.exclusionCauses ?? null,
        live: { live: true, reason: null },
      };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return fallback('its workflow is no longer kept by Temporal: the last recorded state');
      if (isTemporalDown(error) || error instanceof ServiceError) {
        const part = isUnavailable(error)
          ? 'Temporal is unreachable'
          : `its workflow did not answer within ${LIVE_READ_MS} ms (is a worker running?)`;
        return fallback(`${part}: the last recorded state`);
      }
      throw error;
    }
  }

  /**
   * Takes an engineer's step as a workflow update whose id is the request's Idempotency-Key, so a
   * retry after a timeout or a 503 applies it once. The step's time is when the API received it.
   * Bounded: a step not accepted within STEP_DELIVERY_MS answers 503 saying it was not applied;
   * one accepted but not finished answers 503 saying so; the validator's refusal is a 409. The
   * step's actor is the authenticated token's name, whatever the body claimed.
   */
  async step<S extends StepName>(
    id: string,
    step: S,
    body: Omit<StepPayloads[S], 'actor'> & { actor?: string },
    principal: Principal,
    idempotencyKey?: string,
  ): Promise<IncidentView> {
    const receivedAt = Date.now();
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 200)) {
      throw new DomainValidationError([{ path: 'Idempotency-Key', message: 'must be 1 to 200 characters' }]);
    }
    const row = await this.row(id);
    const handle = this.temporal.workflow.getHandle(row.workflow_id);
    const { actor: claimed, ...rest } = body;
    // Who took the step travels with it: the timeline activity writes the audit row with its event.
    const payload = {
      ...rest,
      actor: principal.name,
      actorTokenId: principal.tokenId,
      requestedAt: receivedAt,
      ...(claimed !== undefined && claimed !== principal.name ? { claimedActor: claimed } : {}),
    } as StepPayloads[S];
    const deadline = receivedAt + STEP_DELIVERY_MS;
    const updateId = idempotencyKey ?? randomUUID();
    const retry = idempotencyKey ? 'retry with the same Idempotency-Key' : 'retry with an Idempotency-Key to be sure it applies once';
    let update: WorkflowUpdateHandle<IncidentView>;
    try {
      update = await this.temporal.withDeadline(deadline, () =>
        handle.startUpdate(stepUpdate(step) as never, { args: [payload] as never, updateId, waitForStage: WorkflowUpdateStage.ACCEPTED }),
      );
    } catch (error) {
      this.refused(step, row, error);
      if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isTemporalDown(error)) {
        const part = isUnavailable(error) ? 'Temporal is unreachable' : `no worker accepted it within ${STEP_DELIVERY_MS / 1000} s`;
        throw new ServiceUnavailableError(
          `the ${stepRoute(step)} step was not applied: ${part}; ${retry}`,
          5,
          isUnavailable(error) ? 'temporal' : 'worker',
        );
      }
      throw error;
    }
    try {
      return await this.temporal.withDeadline(deadline, () => update.result());
    } catch (error) {
      this.refused(step, row, error);
      if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isTemporalDown(error)) {
        throw new ServiceUnavailableError(
          `the ${stepRoute(step)} step was accepted but its effects were not recorded within ${STEP_DELIVERY_MS / 1000} s ` +
            `(the outcome is not known yet; is PostgreSQL answering?): ${retry} to get its result`,
          5,
          'postgresql',
        );
      }
      throw error;
    }
  }

  /** Turns the workflow's refusal (or a completed workflow) into a 409. */
  private refused(step: StepName, row: IncidentRow, error: unknown): void {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === STEP_REFUSED) {
      throw new StepRefusedError(step, error.cause.message);
    }
    if (error instanceof WorkflowNotFoundError || /already completed/i.test((error as Error).message)) {
      throw new StepRefusedError(step, `the incident is ${row.status === 'open' ? 'closed' : row.status}: its workflow has completed`);
    }
  }

  async faultReport(id: string): Promise<{ report: Record<string, unknown>; markdown: string }> {
    await this.row(id);
    const rows: Array<{ report: Record<string, unknown>; markdown: string }> = await this.dataSource.query(
      `SELECT report, markdown FROM fault_reports WHERE incident_id = $1`,
      [id],
    );
    if (rows.length === 0)
      throw new ConflictError(`incident ${id} has no fault report yet: it is written when the customer signs off`, 'report_not_ready');
    return rows[0];
  }
}

/** The running clock due soonest, from the persisted view (for the board's countdown and colour). */
function nextClock(view: IncidentView | null): { key: string; anchorAt: number; dueAt: number } | null {
  const running = (view?.clockViews ?? []).filter((c) => c.status === 'running' && c.dueAt !== null);
  if (running.length === 0) return null;
  const soonest = running.reduce((a, b) => (b.dueAt! < a.dueAt! ? b : a));
  return { key: soonest.key, anchorAt: soonest.anchorAt, dueAt: soonest.dueAt! };
}
