import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import type { SystemActor } from './principal';
import { generateSecret, hashSecret } from './token-secret';
import { ADMIN_TOKENS_LOCK } from './tokens.service';

export const BOOTSTRAP_TOKEN_NAME = 'bootstrap-admin';
export const EMBEDDED_TOKEN_NAME = 'embedded-admin';

const SYSTEM: SystemActor = { tokenId: null, name: 'system' };

export type BootstrapOutcome = 'created' | 'replaced' | 'unchanged' | 'revoked';

/**
 * ADMIN_TOKEN: makes `name` an admin token whose secret is `secret` (stored hashed). A new secret
 * replaces the old one (and revives a revoked token: that is how a locked-out operator recovers);
 * the same secret leaves the token as it is — including revoked, so a revocation survives restarts.
 */
export async function ensureAdminToken(
  dataSource: DataSource,
  audit: AuditService,
  secret: string,
  name = BOOTSTRAP_TOKEN_NAME,
  source = 'ADMIN_TOKEN',
): Promise<BootstrapOutcome> {
  const hash = hashSecret(secret);
  return dataSource.transaction(async (m) => {
    await m.query(`SELECT pg_advisory_xact_lock($1)`, [ADMIN_TOKENS_LOCK]);
    const existing: Array<{ id: string; token_hash: string; revoked_at: Date | null }> = await m.query(
      `SELECT id, token_hash, revoked_at FROM api_tokens WHERE name = $1`,
      [name],
    );
    if (existing[0]?.token_hash === hash) return existing[0].revoked_at === null ? 'unchanged' : 'revoked';
    let id: string;
    if (existing[0]) {
      id = existing[0].id;
      await m.query(`UPDATE api_tokens SET token_hash = $2, roles = '{admin}', revoked_at = NULL, last_used_at = NULL WHERE id = $1`, [
        id,
        hash,
      ]);
    } else {
      id = randomUUID();
      await m.query(`INSERT INTO api_tokens (id, name, roles, token_hash) VALUES ($1, $2, '{admin}', $3)`, [id, name, hash]);
    }
    const outcome = existing[0] ? 'replaced' : 'created';
    await audit.record(SYSTEM, 'token.bootstrap', { type: 'token', id }, { name, roles: ['admin'], source, outcome }, m);
    return outcome;
  });
}

/**
 * EMBEDDED_DEFAULTS without ADMIN_TOKEN: when no active admin token exists, generates one and
 * returns its secret (to print once); otherwise undefined.
 */
export async function generateAdminTokenIfNone(
  dataSource: DataSource,
  audit: AuditService,
  name = EMBEDDED_TOKEN_NAME,
): Promise<string | undefined> {
  return dataSource.transaction(async (m) => {
    await m.query(`SELECT pg_advisory_xact_lock($1)`, [ADMIN_TOKENS_LOCK]);
    const active: unknown[] = await m.query(`SELECT 1 FROM api_tokens WHERE revoked_at IS NULL AND 'admin' = ANY(roles) LIMIT 1`);
    if (active.length > 0) return undefined;
    const secret = generateSecret();
    const [{ id }]: Array<{ id: string }> = await m.query(
      `INSERT INTO api_tokens (id, name, roles, token_hash) VALUES ($1, $2, '{admin}', $3)
       ON CONFLICT (name) DO UPDATE SET token_hash = EXCLUDED.token_hash, roles = EXCLUDED.roles, revoked_at = NULL, last_used_at = NULL
       RETURNING id`,
      [randomUUID(), name, hashSecret(secret)],
    );
    await audit.record(
      SYSTEM,
      'token.bootstrap',
      { type: 'token', id },
      { name, roles: ['admin'], source: 'EMBEDDED_DEFAULTS', outcome: 'created' },
      m,
    );
    return secret;
  });
}

/** The lines printed once when a first admin token is generated. */
export function announceGeneratedToken(secret: string, name = EMBEDDED_TOKEN_NAME): string {
  const rule = '='.repeat(78);
  return [
    rule,
    ` First admin API token "${name}" (shown only now; the server keeps just its hash):`,
    '',
    `   ${secret}`,
    '',
    ' Send it as  Authorization: Bearer <token>  and create personal tokens with POST /api/v1/tokens.',
    ' Lost it? Set ADMIN_TOKEN (32+ characters) and restart: that becomes the "bootstrap-admin" token.',
    rule,
    '',
  ].join('\n');
}

/** On API start: the first admin token, from ADMIN_TOKEN or (embedded defaults only) generated. */
@Injectable()
export class BootstrapTokenService implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapToken');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.adminToken) {
      const outcome = await ensureAdminToken(this.dataSource, this.audit, this.config.adminToken);
      if (outcome === 'revoked') {
        this.logger.warn(
          `ADMIN_TOKEN is the secret of the revoked token "${BOOTSTRAP_TOKEN_NAME}": it does not authenticate; set a new ADMIN_TOKEN to replace it`,
        );
      } else if (outcome !== 'unchanged') {
        this.logger.log(`admin token "${BOOTSTRAP_TOKEN_NAME}" ${outcome} from ADMIN_TOKEN`);
      }
      return;
    }
    if (this.config.embeddedDefaults) {
      const secret = await generateAdminTokenIfNone(this.dataSource, this.audit);
      if (secret) process.stdout.write(announceGeneratedToken(secret));
      return;
    }
    const active: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM api_tokens WHERE revoked_at IS NULL AND 'admin' = ANY(roles) LIMIT 1`,
    );
    if (active.length === 0) {
      this.logger.warn('no active admin API token exists: set ADMIN_TOKEN (32+ characters) and restart to create one');
    }
  }
}
