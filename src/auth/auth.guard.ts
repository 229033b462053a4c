import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ForbiddenError, RateLimitedError, UnauthorizedError } from '../common/errors';
import { DEFAULT_RATE_LIMIT_WRITES_BURST, DEFAULT_RATE_LIMIT_WRITES_PER_SECOND, type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import type { AuthenticatedRequest } from './principal';
import { IS_PUBLIC } from './public.decorator';
import { WriteRateLimiter } from './rate-limiter';
import type { Role } from './roles';
import { describeRoles, ROLES_KEY } from './roles.decorator';
import { TokensService } from './tokens.service';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The secret of `Authorization: Bearer <secret>`. */
export function bearerSecret(header: string | undefined): string {
  if (header === undefined || header.trim() === '') {
    throw new UnauthorizedError('this route needs an API token: send Authorization: Bearer <token>');
  }
  const match = /^Bearer[ \t]+(\S{1,1024})[ \t]*$/i.exec(header);
  if (!match) throw new UnauthorizedError('the Authorization header must be "Bearer <token>"', true);
  return match[1];
}

/**
 * The global guard (APP_GUARD): every route needs a valid, unrevoked API token unless marked
 * @Public(); the token must carry one of the roles the route's @Roles() names (a route with no
 * rule is closed to everyone); token-authenticated writes are rate limited per token, across every
 * API replica (the limiter's state is in PostgreSQL).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly limiter: WriteRateLimiter;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limiter = new WriteRateLimiter(
      dataSource,
      config.rateLimitWritesPerSecond ?? DEFAULT_RATE_LIMIT_WRITES_PER_SECOND,
      config.rateLimitWritesBurst ?? DEFAULT_RATE_LIMIT_WRITES_BURST,
    );
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.tokens.authenticate(bearerSecret(request.headers.authorization));
    request.principal = principal;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (allowed.length === 0) throw new ForbiddenError('this route has no access rule, so no token may call it', []);
    if (!allowed.some((role) => principal.roles.includes(role))) {
      throw new ForbiddenError(
        `${request.method} ${request.path} needs ${describeRoles(allowed)}; token "${principal.name}" has ${principal.roles.join(', ')}`,
        allowed,
      );
    }

    if (!READ_METHODS.has(request.method)) {
      const wait = await this.limiter.take(principal.tokenId);
      if (wait > 0) throw new RateLimitedError(`too many writes with token "${principal.name}": retry in ${wait} s`, wait);
    }
    return true;
  }
}
