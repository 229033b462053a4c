import type { Request } from 'express';
import type { Role } from './roles';

/** Who is calling: the API token that authenticated the request. */
export interface Principal {
  tokenId: string;
  name: string;
  roles: Role[];
}

/** The actor of work the system does on its own (bootstrap token, migrations). */
export interface SystemActor {
  tokenId: null;
  name: string;
}

export type Actor = Principal | SystemActor;

export const SYSTEM_ACTOR: SystemActor = { tokenId: null, name: 'system' };

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}
