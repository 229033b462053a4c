import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { parseInstant } from '../domain/fields';
import type { Page } from '../admin/pagination';
import type { Actor } from '../auth/principal';
import { DomainValidationError } from '../domain/errors';
import type { AuditQuery } from './dto/audit-query.dto';
import type { AuditEntryResponse } from './dto/audit.response';

export interface AuditEntity {
  type: string;
  id?: string | null;
}

/** What a change returns to {@link AuditService.withAudit}: its result and the audit row describing it. */
export interface Audited<T> {
  result: T;
  action: string;
  entity: AuditEntity;
  details?: Record<string, unknown>;
}

interface AuditRow {
  id: string;
  at: Date;
  actor_token_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Values that differ between `before` and `after` for `keys`, as { key: { from, to } }: what an
 * update changed, for the audit trail.
 */
export function changes(before: object, after: object, keys: Iterable<string>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const key of keys) {
    if (canonical(b[key]) !== canonical(a[key])) out[key] = { from: b[key] ?? null, to: a[key] ?? null };
  }
  return out;
}

/** The fields a request body set (a parsed body may carry optional fields as undefined). */
export function givenFields(dto: object): string[] {
  return Object.entries(dto)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
}

/** JSON with object keys sorted: equal values compare equal whatever order PostgreSQL's jsonb gave the keys. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

/** The append-only trail of admin changes and incident steps: who (token name and id), what, when. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes one row; `manager` puts it in the caller's transaction, so the change and its record commit together. */
  async record(
    actor: Actor,
    action: string,
    entity: AuditEntity,
    details: Record<string, unknown> = {},
    manager?: EntityManager,
  ): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO audit_log (actor_token_id, actor_name, action, entity_type, entity_id, details) VALUES ($1, $2, $3, $4, $5, $6)`,
      [actor.tokenId, actor.name, action, entity.type, entity.id ?? null, JSON.stringify(details)],
    );
  }

  /**
   * Runs an admin change and writes its audit row in one transaction: both are committed or
   * neither (a change never exists without its record, nor the reverse).
   */
  async withAudit<T>(actor: Actor, change: (manager: EntityManager) => Promise<Audited<T>>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      const { result, action, entity, details } = await change(m);
      await this.record(actor, action, entity, details, m);
      return result;
    });
  }

  async list(q: AuditQuery): Promise<Page<AuditEntryResponse>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.actor !== undefined) {
      add((p) => `actor_name = ${p}`, q.actor);
      if (UUID.test(q.actor)) {
        // A token id, or a token named like one.
        const byName = where.pop()!;
        add((p) => `(actor_token_id = ${p}::uuid OR ${byName})`, q.actor);
      }
    }
    if (q.action !== undefined) {
      if (q.action.endsWith('*')) add((p) => `action LIKE ${p}`, `${q.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      else add((p) => `action = ${p}`, q.action);
    }
    if (q.entityType !== undefined) add((p) => `entity_type = ${p}`, q.entityType);
    if (q.entityId !== undefined) add((p) => `entity_id = ${p}`, q.entityId);
    const from = q.from === undefined ? undefined : parseInstant(q.from);
    const to = q.to === undefined ? undefined : parseInstant(q.to);
    if (from !== undefined && to !== undefined && to <= from) {
      throw new DomainValidationError([{ path: 'to', message: 'to must be after from' }]);
    }
    if (from !== undefined) add((p) => `at >= timestamptz 'epoch' + ${p}::bigint * interval '1 millisecond'`, from);
    if (to !== undefined) add((p) => `at < timestamptz 'epoch' + ${p}::bigint * interval '1 millisecond'`, to);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM audit_log ${clause}`,
      params,
    );
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT id::text AS id, at, actor_token_id, actor_name, action, entity_type, entity_id, details FROM audit_log ${clause}
       ORDER BY at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.limit, q.offset],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actor: { tokenId: r.actor_token_id, name: r.actor_name },
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        details: r.details,
      })),
      total,
      limit: q.limit,
      offset: q.offset,
    };
  }
}
