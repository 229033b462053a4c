import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { assertNameFree, translateUniqueViolation } from '../admin/db-errors';
import { isUuid } from '../admin/ids';
import { Page, PageQuery, pageOf } from '../admin/pagination';
import { CalendarsService } from '../calendars/calendars.service';
import { ConflictError, NotFoundError } from '../common/errors';
import { contractTransition, extendedEnd, forceMajeureDays, type ContractAction } from '../domain/contract/life';
import { formatMoney } from '../domain/penalty/money';
import { DEFAULT_CONTRACT_LANGUAGE } from '../i18n/languages';
import { PoliciesService } from '../policies/policies.service';
import { ContractEntity } from './contract.entity';
import { parseContractTerms } from './contract-input';
import type { ContractResponse } from './dto/contract.response';
import type { CreateContractDto } from './dto/create-contract.dto';
import type { UpdateContractDto } from './dto/update-contract.dto';

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

  async create(dto: CreateContractDto): Promise<ContractEntity> {
    const terms = parseContractTerms({
      totalValue: dto.totalValue,
      currency: dto.currency,
      penaltyTerms: dto.penaltyTerms,
      startsOn: dto.startsOn ?? null,
      endsOn: dto.endsOn ?? null,
    });
    await this.calendars.get(dto.calendarId);
    await this.policies.getPolicy(dto.policyId);
    await assertNameFree(this.contracts.manager, ContractEntity, 'contract', dto.name);
    const entity = this.contracts.create({
      id: randomUUID(),
      name: dto.name,
      customer: dto.customer,
      calendarId: dto.calendarId,
      policyId: dto.policyId,
      webhookUrl: dto.webhookUrl ?? null,
      language: dto.language ?? DEFAULT_CONTRACT_LANGUAGE,
      ...terms,
    });
    return translateUniqueViolation('contract', uniqueName(dto.name), () => this.contracts.save(entity));
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

  /** suspend / resume / terminate: the status moves (409 when it cannot), with its reason. Never deleted. */
  async transition(id: string, action: ContractAction, reason: string): Promise<ContractEntity> {
    return this.contracts.manager.transaction(async (m) => {
      const rows: ContractEntity[] = isUuid(id)
        ? await m.getRepository(ContractEntity).find({ where: { id }, lock: { mode: 'pessimistic_write' } })
        : [];
      const existing = rows[0];
      if (!existing) throw new NotFoundError('contract', id);
      const next = contractTransition(existing.status, action);
      if ('refused' in next) throw new ConflictError(next.refused, 'contract_status');
      Object.assign(existing, { status: next.to, statusReason: reason, statusChangedAt: new Date() });
      return m.getRepository(ContractEntity).save(existing);
    });
  }

  async get(id: string): Promise<ContractEntity> {
    const found = isUuid(id) ? await this.contracts.findOneBy({ id }) : null;
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

  /** Merges the given fields into the contract and validates the result as a whole. */
  async update(id: string, dto: UpdateContractDto): Promise<ContractEntity> {
    const existing = await this.get(id);
    const terms = parseContractTerms({
      totalValue: dto.totalValue ?? formatMoney(existing.totalValue, existing.currency),
      currency: dto.currency ?? existing.currency,
      penaltyTerms: dto.penaltyTerms === undefined ? existing.penaltyTerms : dto.penaltyTerms,
      startsOn: dto.startsOn === undefined ? existing.startsOn : dto.startsOn,
      endsOn: dto.endsOn === undefined ? existing.endsOn : dto.endsOn,
    });
    if (dto.calendarId !== undefined) await this.calendars.get(dto.calendarId);
    if (dto.policyId !== undefined) await this.policies.getPolicy(dto.policyId);
    if (dto.name !== undefined) await assertNameFree(this.contracts.manager, ContractEntity, 'contract', dto.name, id);
    Object.assign(existing, terms, {
      name: dto.name ?? existing.name,
      customer: dto.customer ?? existing.customer,
      calendarId: dto.calendarId ?? existing.calendarId,
      policyId: dto.policyId ?? existing.policyId,
      webhookUrl: dto.webhookUrl === undefined ? existing.webhookUrl : dto.webhookUrl,
      language: dto.language ?? existing.language,
    });
    return translateUniqueViolation('contract', uniqueName(existing.name), () => this.contracts.save(existing));
  }
}
