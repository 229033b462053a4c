import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from './roles';

export const ROLES_KEY = 'auth:roles';
export const BEARER_AUTH = 'token';

export function describeRoles(roles: readonly string[]): string {
  return roles.length === 1 ? `the ${roles[0]} role` : `one of the roles ${roles.join(', ')}`;
}

/**
 * The roles any one of which may call the route (see access-matrix.ts). Also documents it in
 * OpenAPI: bearer auth, `x-roles`, and the 401/403 answers.
 */
export function Roles(...roles: readonly Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, [...roles]),
    ApiBearerAuth(BEARER_AUTH),
    ApiExtension('x-roles', [...roles]),
    ApiUnauthorizedResponse({ description: 'No token, or a token that is unknown or revoked (error "unauthorized")' }),
    ApiForbiddenResponse({ description: `The token lacks ${describeRoles(roles)} (error "forbidden", requiredRoles lists them)` }),
  );
}
