import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { assertNameFree, translateUniqueViolation } from '../admin/db-errors';
import { isUuid } from '../admin/ids';
import { Page, PageQuery, pageOf } from '../admin/pagination';
import { CalendarsService } from '../calendars/calendars.service';
import { NotFoundError } from '../common/errors';
import { formatMoney } from '../domain/penalty/money';
import { DEFAULT_CONTRACT_LANGUAGE } from '../i18n/languages';
import { PoliciesService } from '../policies/policies.service';
import { parseInput } from '../domain/validation';
import { ContractEntity } from './contract.entity';
import { CreateContractSchema, type CreateContractDto, type UpdateContractDto } from './dto/contract.dto';
import type { ContractResponse } from './dto/contract.response';

export function toContractResponse(c: ContractEntity): ContractResponse {
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
    await assertNameFree(repo.manager, ContractEntity, 'contract', dto.name);
    const entity = repo.create({
      ...dto,
      id: randomUUID(),
      startsOn: dto.startsOn ?? null,
      endsOn: dto.endsOn ?? null,
      webhookUrl: dto.webhookUrl ?? null,
      language: dto.language ?? DEFAULT_CONTRACT_LANGUAGE,
    });
    return translateUniqueViolation('contract', uniqueName(dto.name), () => repo.save(entity));
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

  /** Merges the given fields into the contract and validates the result as a whole (the create schema). */
  async update(id: string, dto: UpdateContractDto, manager?: EntityManager): Promise<ContractEntity> {
    const repo = manager ? manager.getRepository(ContractEntity) : this.contracts;
    const existing = await this.get(id, manager);
    const given = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    const merged = parseInput(CreateContractSchema, { ...toContractInput(existing), ...given });
    if (dto.calendarId !== undefined) await this.calendars.get(dto.calendarId);
    if (dto.policyId !== undefined) await this.policies.getPolicy(dto.policyId);
    if (dto.name !== undefined) await assertNameFree(repo.manager, ContractEntity, 'contract', dto.name, id);
    Object.assign(existing, merged);
    return translateUniqueViolation('contract', uniqueName(existing.name), () => repo.save(existing));
  }
}

/** The stored contract as the create schema reads it. */
function toContractInput(c: ContractEntity): Record<string, unknown> {
  const { id, createdAt, updatedAt, ...rest } = toContractResponse(c);
  return rest;
}
