import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { translateUniqueViolation } from '../admin/db-errors';
import { isUuid } from '../admin/ids';
import { pageOf, type Page } from '../admin/pagination';
import { ConflictError, NotFoundError, UnauthorizedError } from '../common/errors';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from './principal';
import { isRole, type Role } from './roles';
import type { CreatedTokenResponse, CreateTokenDto, ListTokensQuery, TokenResponse } from './dto/token.dto';
import { generateSecret, hashSecret } from './token-secret';

interface TokenRow {
  id: string;
  name: string;
  roles: string[];
  created_at: Date;
  created_by: string | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, roles, created_at, created_by, last_used_at, revoked_at';
/** last_used_at is a hint, not a log: written at most this often per token. */
const TOUCH_EVERY_MS = 60_000;
/** Serializes changes that must keep one active admin token (revocations, bootstrap). */
export const ADMIN_TOKENS_LOCK = 7_206_112_001;

function toResponse(r: TokenRow): TokenResponse {
  return {
    id: r.id,
    name: r.name,
    roles: r.roles.filter(isRole),
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    active: r.revoked_at === null,
  };
}

/** API tokens: secrets generated here, shown once, stored only as SHA-256 hashes. */
@Injectable()
export class TokensService implements OnModuleDestroy {
  private readonly logger = new Logger('TokensService');
  /** last_used_at writes in flight, awaited before the connection pool closes. */
  private readonly touches = new Set<Promise<unknown>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * The principal a bearer secret stands for. Looked up by the secret's hash, so the comparison
   * never touches the secret byte by byte (nothing to time).
   */
  async authenticate(secret: string): Promise<Principal> {
    const rows: Array<{ id: string; name: string; roles: string[]; revoked_at: Date | null; last_used_at: Date | null }> =
      await this.dataSource.query(`SELECT id, name, roles, revoked_at, last_used_at FROM api_tokens WHERE token_hash = $1`, [
        hashSecret(secret),
      ]);
    const row = rows[0];
    if (!row) throw new UnauthorizedError('the token is not valid', true);
    if (row.revoked_at !== null) throw new UnauthorizedError('the token has been revoked', true);
    if (row.last_used_at === null || Date.now() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
      const touch = this.dataSource
        .query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [row.id])
        .catch((e: Error) => this.logger.warn(`could not record last use of token ${row.id}: ${e.message}`))
        .finally(() => this.touches.delete(touch));
      this.touches.add(touch);
    }
    return { tokenId: row.id, name: row.name, roles: row.roles.filter(isRole) };
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.touches]);
  }

  async create(actor: Actor, dto: CreateTokenDto): Promise<CreatedTokenResponse> {
    const secret = generateSecret();
    const roles = [...new Set(dto.roles)] as Role[];
    const row = await translateUniqueViolation('token', { api_tokens_name_key: { field: 'name', value: dto.name } }, () =>
      this.dataSource.transaction(async (m) => {
        const [inserted]: TokenRow[] = await m.query(
          `INSERT INTO api_tokens (id, name, roles, token_hash, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
          [randomUUID(), dto.name, roles, hashSecret(secret), actor.tokenId],
        );
        await this.audit.record(actor, 'token.create', { type: 'token', id: inserted.id }, { name: dto.name, roles }, m);
        return inserted;
      }),
    );
    return { ...toResponse(row), secret };
  }

  async list(query: ListTokensQuery): Promise<Page<TokenResponse>> {
    const filter =
      query.status === 'active' ? 'WHERE revoked_at IS NULL' : query.status === 'revoked' ? 'WHERE revoked_at IS NOT NULL' : '';
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(`SELECT count(*)::int AS total FROM api_tokens ${filter}`);
    const rows: TokenRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM api_tokens ${filter} ORDER BY created_at, name LIMIT $1 OFFSET $2`,
      [query.limit, query.offset],
    );
    return pageOf(rows.map(toResponse), total, query);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<TokenResponse> {
    const rows: TokenRow[] = isUuid(id) ? await manager.query(`SELECT ${COLUMNS} FROM api_tokens WHERE id = $1`, [id]) : [];
    if (rows.length === 0) throw new NotFoundError('token', id);
    return toResponse(rows[0]);
  }

  /**
   * Revokes a token for good (it stays listed, with revokedAt). Revoking a revoked token changes
   * nothing. The last active admin token cannot be revoked: that would lock every admin out.
   */
  async revoke(actor: Actor, id: string): Promise<TokenResponse> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [ADMIN_TOKENS_LOCK]);
      const token = await this.get(id, m);
      if (!token.active) return token;
      if (token.roles.includes('admin')) {
        const [{ others }]: Array<{ others: number }> = await m.query(
          `SELECT count(*)::int AS others FROM api_tokens WHERE revoked_at IS NULL AND 'admin' = ANY(roles) AND id <> $1`,
          [id],
        );
        if (others === 0) {
          throw new ConflictError(
            `token ${token.name} is the last active admin token: create another admin token before revoking it`,
            'last_admin_token',
          );
        }
      }
      await m.query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1`, [id]);
      await this.audit.record(actor, 'token.revoke', { type: 'token', id }, { name: token.name, roles: token.roles }, m);
      return this.get(id, m);
    });
  }
}
