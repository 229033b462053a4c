import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { UnauthorizedError } from '../common/errors';
import type { AuthenticatedRequest, Principal } from './principal';

/** The token that authenticated this request (set by the access guard). */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedError('this route needs an API token: send Authorization: Bearer <token>');
  return principal;
});
