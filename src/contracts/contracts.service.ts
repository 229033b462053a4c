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
import { ContractEntity } from './contract.entity';
import { parseContractTerms } from './contract-input';
import type { ContractResponse } from './dto/contract.response';
import type { CreateContractDto } from './dto/create-contract.dto';
import type { UpdateContractDto } from './dto/update-contract.dto';

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

  /** `manager`: run inside a caller's transaction (a draft applied with its calendar and policy). */
  async create(dto: CreateContractDto, manager?: EntityManager): Promise<ContractEntity> {
    const terms = parseContractTerms({
      totalValue: dto.totalValue,
      currency: dto.currency,
      penaltyTerms: dto.penaltyTerms,
      startsOn: dto.startsOn ?? null,
      endsOn: dto.endsOn ?? null,
    });
    const repo = manager ? manager.getRepository(ContractEntity) : this.contracts;
    await this.calendars.get(dto.calendarId, manager);
    await this.policies.getPolicy(dto.policyId, manager);
    await assertNameFree(repo.manager, ContractEntity, 'contract', dto.name);
    const entity = repo.create({
      id: randomUUID(),
      name: dto.name,
      customer: dto.customer,
      calendarId: dto.calendarId,
      policyId: dto.policyId,
      webhookUrl: dto.webhookUrl ?? null,
      language: dto.language ?? DEFAULT_CONTRACT_LANGUAGE,
      ...terms,
    });
    return translateUniqueViolation('contract', uniqueName(dto.name), () => repo.save(entity));
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
      penaltyTerms: dto.penaltyTerms ?? existing.penaltyTerms,
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
