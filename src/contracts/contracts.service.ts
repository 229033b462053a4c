import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { assertNameFree, translateUniqueViolation } from '../admin/db-errors';
import { isUuid } from '../admin/ids';
import { Page, PageQuery, pageOf } from '../admin/pagination';
import { CalendarsService } from '../calendars/calendars.service';
import { ConflictError, NotFoundError } from '../common/errors';
import { DomainValidationError } from '../domain/errors';
import { UNSPECIFIED_CAUSE } from '../domain/contract/exclusion-causes';
import { parseInstant } from '../domain/fields';
import { contractTransition, extendedEnd, forceMajeureDays, type ContractAction } from '../domain/contract/life';
import { formatMoney } from '../domain/penalty/money';
import { DEFAULT_CONTRACT_LANGUAGE } from '../i18n/languages';
import { PoliciesService } from '../policies/policies.service';
import { parseInput } from '../domain/validation';
import { ContractEntity } from './contract.entity';
import { ContractFieldsSchema, CreateContractSchema, type CreateContractDto, type UpdateContractDto } from './dto/contract.dto';
import type { ContractResponse } from './dto/contract.response';
import type { ExclusionsQuery, ExclusionsResponse } from './dto/exclusions.dto';

/** A resumed force-majeure pause of one of the contract's incidents. */
export interface ForceMajeureRow {
  incidentId: string;
  from: number;
  to: number;
}

export function toContractResponse(c: ContractEntity, pauses: readonly ForceMajeureRow[] = []): ContractResponse {
  const { days } = forceMajeureDays(pauses);
  return {
    id: c.id,
    name: c.name,
    customer: c.customer,
    // numeric(20,4) comes back as a string ("1000000.0000"): reformatted with Decimal, never a float
    totalValue: formatMoney(c.totalValue, c.currency),
    currency: c.currency,
    calendarId: c.calendarId,
    policyId: c.policyId,
    penaltyTerms: c.penaltyTerms,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    webhookUrl: c.webhookUrl,
    language: c.language,
    exclusionCauses: c.exclusionCauses ?? null,
    classCalendars: c.classCalendars ?? null,
    effectiveEndsOn: extendedEnd(c.endsOn, days),
    extension: {
      days,
      pauses: pauses.map((p) => ({
        incidentId: p.incidentId,
        pausedFrom: new Date(p.from).toISOString(),
        pausedTo: new Date(p.to).toISOString(),
      })),
    },
    status: c.status,
    statusReason: c.statusReason,
    statusChangedAt: c.statusChangedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

function uniqueName(name: string) {
  return { contracts_name_key: { field: 'name', value: name } };
}

@Injectable()
export class ContractsService {
  constructor(
    @InjectRepository(ContractEntity) private readonly contracts: Repository<ContractEntity>,
    private readonly calendars: CalendarsService,
    private readonly policies: PoliciesService,
  ) {}

  /** `manager`: run inside a caller's transaction (the change with its audit row). */
  async create(dto: CreateContractDto, manager?: EntityManager): Promise<ContractEntity> {
    const repo = manager ? manager.getRepository(ContractEntity) : this.contracts;
    // Through the caller's transaction: a calendar or policy it created (a draft applied) is not committed yet.
    await this.calendars.get(dto.calendarId, manager);
    await this.policies.getPolicy(dto.policyId, manager);
    await this.checkClassCalendars(dto.classCalendars ?? null, dto.policyId, manager);
    await assertNameFree(repo.manager, ContractEntity, 'contract', dto.name);
    const entity = repo.create({
      ...dto,
      id: randomUUID(),
      startsOn: dto.startsOn ?? null,
      endsOn: dto.endsOn ?? null,
      webhookUrl: dto.webhookUrl ?? null,
      language: dto.language ?? DEFAULT_CONTRACT_LANGUAGE,
      exclusionCauses: dto.exclusionCauses ?? null,
      classCalendars: dto.classCalendars ?? null,
    });
    return translateUniqueViolation('contract', uniqueName(dto.name), () => repo.save(entity));
  }

  /** The force-majeure pauses of these contracts' incidents, per contract. */
  async forceMajeure(contractIds: string[]): Promise<Map<string, ForceMajeureRow[]>> {
    const out = new Map<string, ForceMajeureRow[]>();
    if (contractIds.length === 0) return out;
    const rows: Array<{ contract_id: string; incident_id: string; from_ms: string; to_ms: string }> = await this.contracts.manager.query(
      `SELECT contract_id, incident_id, (extract(epoch FROM paused_from) * 1000)::bigint AS from_ms,
         (extract(epoch FROM paused_to) * 1000)::bigint AS to_ms
       FROM contract_force_majeure WHERE contract_id = ANY($1::uuid[]) ORDER BY paused_from, incident_id`,
      [contractIds],
    );
    for (const r of rows) {
      const list = out.get(r.contract_id) ?? [];
      list.push({ incidentId: r.incident_id, from: Number(r.from_ms), to: Number(r.to_ms) });
      out.set(r.contract_id, list);
    }
    return out;
  }

  /** The API's view of contracts: with their force-majeure extension. */
  async respond(c: ContractEntity): Promise<ContractResponse> {
    return toContractResponse(c, (await this.forceMajeure([c.id])).get(c.id));
  }

  async respondAll(items: ContractEntity[]): Promise<ContractResponse[]> {
    const pauses = await this.forceMajeure(items.map((c) => c.id));
    return items.map((c) => toContractResponse(c, pauses.get(c.id)));
  }

  /**
   * suspend / resume / terminate `existing` (read locked in the caller's transaction): the status
   * moves (409 when it cannot), with its reason. Never deleted.
   */
  async transition(existing: ContractEntity, action: ContractAction, reason: string, manager: EntityManager): Promise<ContractEntity> {
    const next = contractTransition(existing.status, action);
    if ('refused' in next) throw new ConflictError(next.refused, 'contract_status');
    Object.assign(existing, { status: next.to, statusReason: reason, statusChangedAt: new Date() });
    return manager.getRepository(ContractEntity).save(existing);
  }

  /** `manager`: read inside a caller's transaction, the row locked until it ends. */
  async get(id: string, manager?: EntityManager): Promise<ContractEntity> {
    const repo = manager ? manager.getRepository(ContractEntity) : this.contracts;
    const found = isUuid(id) ? await repo.findOne({ where: { id }, ...(manager ? { lock: { mode: 'pessimistic_write' } } : {}) }) : null;
    if (!found) throw new NotFoundError('contract', id);
    return found;
  }

  async list(query: PageQuery): Promise<Page<ContractEntity>> {
    const [items, total] = await this.contracts.findAndCount({
      order: { name: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return pageOf(items, total, query);
  }

  /**
   * The contract's excluded incidents over a period, counted per cause (issue 14 item 6): read from
   * the persisted 'excluded' timeline events, which carry the cause the step named.
   */
  async exclusions(id: string, q: ExclusionsQuery): Promise<ExclusionsResponse> {
    const from = q.from === undefined ? null : parseInstant(q.from);
    const to = q.to === undefined ? null : parseInstant(q.to);
    if (from !== null && to !== null && from >= to) {
      throw new DomainValidationError([{ path: 'to', message: 'must be after from (from is inclusive, to is exclusive)' }]);
    }
    const contract = await this.get(id);
    const rows: Array<{ cause: string; incident_ids: string[] }> = await this.contracts.manager.query(
      `SELECT COALESCE(t.data->>'cause', $4) AS cause, array_agg(t.incident_id::text ORDER BY t.at, t.id) AS incident_ids
       FROM incident_timeline t JOIN incidents i ON i.id = t.incident_id
       WHERE i.contract_id = $1 AND t.kind = 'excluded'
         AND ($2::timestamptz IS NULL OR t.at >= $2) AND ($3::timestamptz IS NULL OR t.at < $3)
       GROUP BY 1 ORDER BY 1`,
      [id, from === null ? null : new Date(from), to === null ? null : new Date(to), UNSPECIFIED_CAUSE],
    );
    const found = new Map(rows.map((r) => [r.cause, r.incident_ids]));
    const listed = contract.exclusionCauses ?? [];
    const names = [...listed, ...rows.map((r) => r.cause).filter((c) => !listed.includes(c))];
    const causes = names.map((cause) => {
      const incidentIds = found.get(cause) ?? [];
      return { cause, count: incidentIds.length, incidentIds };
    });
    return {
      contractId: id,
      from: from === null ? null : new Date(from).toISOString(),
      to: to === null ? null : new Date(to).toISOString(),
      total: causes.reduce((n, c) => n + c.count, 0),
      causes,
    };
  }

  /**
   * Each mapped class is a class of the policy's current version and each calendar exists: a 400
   * naming classCalendars.<class> otherwise (everything at once), before anything is written.
   */
  private async checkClassCalendars(map: Record<string, string> | null, policyId: string, manager?: EntityManager): Promise<void> {
    if (!map || Object.keys(map).length === 0) return;
    const { version } = await this.policies.get(policyId, undefined, manager);
    const classes = Object.keys(version.definition.severities);
    const issues: Array<{ path: string; message: string }> = [];
    for (const [severity, calendarId] of Object.entries(map)) {
      const path = `classCalendars.${severity}`;
      if (!classes.includes(severity)) {
        issues.push({ path, message: `${severity} is not a class of the contract's policy (one of: ${classes.join(', ')})` });
        continue;
      }
      const found = await this.calendars.get(calendarId, manager).then(
        () => true,
        (error: unknown) => {
          if (error instanceof NotFoundError) return false;
          throw error;
        },
      );
      if (!found) issues.push({ path, message: `calendar ${calendarId} does not exist` });
    }
    if (issues.length > 0) throw new DomainValidationError(issues);
  }

  /** Merges the given fields into the contract and validates the result as a whole (the create schema). */
  async update(id: string, dto: UpdateContractDto, manager?: EntityManager): Promise<ContractEntity> {
    const repo = manager ? manager.getRepository(ContractEntity) : this.contracts;
    const existing = await this.get(id, manager);
    const given = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    const merged = parseInput(CreateContractSchema, { ...toContractInput(existing), ...given });
    if (dto.calendarId !== undefined) await this.calendars.get(dto.calendarId);
    if (dto.policyId !== undefined) await this.policies.getPolicy(dto.policyId);
    if (dto.classCalendars !== undefined || dto.policyId !== undefined)
      await this.checkClassCalendars(merged.classCalendars, merged.policyId, manager);
    if (dto.name !== undefined) await assertNameFree(repo.manager, ContractEntity, 'contract', dto.name, id);
    Object.assign(existing, merged);
    return translateUniqueViolation('contract', uniqueName(existing.name), () => repo.save(existing));
  }
}

/** The stored contract as the create schema reads it (its input fields only). */
function toContractInput(c: ContractEntity): Record<string, unknown> {
  const response = toContractResponse(c) as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.keys(ContractFieldsSchema.shape).map((key) => [key, response[key]]));
}
