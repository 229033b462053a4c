import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { assertNameFree, translateUniqueViolation } from '../admin/db-errors';
import { isUuid } from '../admin/ids';
import { Page, PageQuery, pageOf } from '../admin/pagination';
import { NotFoundError } from '../common/errors';
import type { CreatePolicyDto, UpdatePolicyDto } from './dto/create-policy.dto';
import type { PolicyResponse, PolicyVersionResponse } from './dto/policy.response';
import { PolicyVersionEntity } from './policy-version.entity';
import { PolicyEntity } from './policy.entity';

/** A policy with the version its response shows. */
export interface PolicyWithVersion {
  policy: PolicyEntity;
  version: PolicyVersionEntity;
}

export function toPolicyResponse({ policy, version }: PolicyWithVersion): PolicyResponse {
  return {
    id: policy.id,
    name: policy.name,
    version: version.version,
    definition: version.definition,
    createdAt: policy.createdAt.toISOString(),
    updatedAt: policy.updatedAt.toISOString(),
  };
}

export function toPolicyVersionResponse(v: PolicyVersionEntity): PolicyVersionResponse {
  return { policyId: v.policyId, version: v.version, definition: v.definition, createdAt: v.createdAt.toISOString() };
}

/** policy_versions.version is an integer column. */
const MAX_VERSION = 2_147_483_647;

function uniqueName(name: string) {
  return { policies_name_key: { field: 'name', value: name } };
}

/** Versioned, immutable policies: create writes version 1, update writes version n+1, nothing edits a version. */
@Injectable()
export class PoliciesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `manager`: run inside a caller's transaction (the change with its audit row; template import). */
  async create(dto: CreatePolicyDto, manager?: EntityManager): Promise<PolicyWithVersion> {
    const { definition } = dto;
    const work = async (m: EntityManager): Promise<PolicyWithVersion> => {
      await assertNameFree(m, PolicyEntity, 'policy', dto.name);
      const policy = await m.save(m.create(PolicyEntity, { id: randomUUID(), name: dto.name, currentVersion: 1 }));
      const version = await m.save(m.create(PolicyVersionEntity, { policyId: policy.id, version: 1, definition }));
      return { policy, version };
    };
    return translateUniqueViolation('policy', uniqueName(dto.name), () => (manager ? work(manager) : this.dataSource.transaction(work)));
  }

  async getPolicy(id: string, m: EntityManager = this.dataSource.manager): Promise<PolicyEntity> {
    const policy = isUuid(id) ? await m.findOneBy(PolicyEntity, { id }) : null;
    if (!policy) throw new NotFoundError('policy', id);
    return policy;
  }

  /** The policy with its current version, or with version `n`. */
  async get(id: string, n?: number, m: EntityManager = this.dataSource.manager): Promise<PolicyWithVersion> {
    const policy = await this.getPolicy(id, m);
    return { policy, version: await this.getVersion(policy, n ?? policy.currentVersion, m) };
  }

  async getVersion(policy: PolicyEntity, n: number, m: EntityManager = this.dataSource.manager): Promise<PolicyVersionEntity> {
    const inRange = Number.isInteger(n) && n >= 1 && n <= MAX_VERSION;
    const version = inRange ? await m.findOneBy(PolicyVersionEntity, { policyId: policy.id, version: n }) : null;
    if (!version) throw new NotFoundError('policy version', `${policy.id} v${n}`);
    return version;
  }

  async list(query: PageQuery): Promise<Page<PolicyWithVersion>> {
    const [policies, total] = await this.dataSource.manager.findAndCount(PolicyEntity, {
      order: { name: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    const versions = policies.length
      ? await this.dataSource.manager.find(PolicyVersionEntity, {
          where: policies.map((p) => ({ policyId: p.id, version: p.currentVersion })),
        })
      : [];
    const byPolicy = new Map(versions.map((v) => [v.policyId, v]));
    const items = policies.map((policy) => ({ policy, version: byPolicy.get(policy.id) as PolicyVersionEntity }));
    return pageOf(items, total, query);
  }

  async listVersions(id: string, query: PageQuery): Promise<Page<PolicyVersionEntity>> {
    const policy = await this.getPolicy(id);
    const [items, total] = await this.dataSource.manager.findAndCount(PolicyVersionEntity, {
      where: { policyId: policy.id },
      order: { version: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return pageOf(items, total, query);
  }

  /**
   * Writes version n+1 (the policy row is locked so concurrent updates get consecutive numbers);
   * returns the version it replaced too. `manager`: run inside a caller's transaction.
   */
  async update(id: string, dto: UpdatePolicyDto, manager?: EntityManager): Promise<PolicyWithVersion & { previous: PolicyWithVersion }> {
    const { definition } = dto;
    if (!isUuid(id)) throw new NotFoundError('policy', id);
    const work = async (m: EntityManager) => {
      const policy = await m.findOne(PolicyEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!policy) throw new NotFoundError('policy', id);
      const previous = { policy: { ...policy }, version: await this.getVersion(policy, policy.currentVersion, m) };
      const next = policy.currentVersion + 1;
      const version = await m.save(m.create(PolicyVersionEntity, { policyId: policy.id, version: next, definition }));
      policy.currentVersion = next;
      if (dto.name !== undefined) {
        await assertNameFree(m, PolicyEntity, 'policy', dto.name, policy.id);
        policy.name = dto.name;
      }
      const saved = await m.save(policy);
      return { policy: saved, version, previous };
    };
    return translateUniqueViolation('policy', uniqueName(dto.name ?? ''), () =>
      manager ? work(manager) : this.dataSource.transaction(work),
    );
  }
}
