import { EntityManager, EntityTarget, Not, QueryFailedError } from 'typeorm';
import { ConflictError } from '../common/errors';

interface PgError {
  code?: string;
  constraint?: string;
}

function pgError(error: unknown): PgError | undefined {
  if (error instanceof QueryFailedError) return error.driverError as PgError;
  if (typeof error === 'object' && error !== null && typeof (error as PgError).code === 'string') return error as PgError;
  return undefined;
}

/**
 * Runs `work`; a unique violation becomes a ConflictError naming the duplicate
 * field (looked up by constraint name, e.g. `calendars_name_key` → name).
 */
export async function translateUniqueViolation<T>(
  entity: string,
  fields: Record<string, { field: string; value: unknown }>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const pg = pgError(error);
    if (pg?.code !== '23505') throw error;
    const hit = (pg.constraint && fields[pg.constraint]) || Object.values(fields)[0];
    throw new ConflictError(
      hit
        ? `${hit.field}: a ${entity} with ${hit.field} "${String(hit.value)}" already exists`
        : `a ${entity} with the same unique value already exists`,
      'duplicate',
    );
  }
}

/**
 * Refuses a name another row of `entity` already has (409 naming the field).
 * A cheap pre-check so the usual conflict never reaches PostgreSQL as a failed
 * statement; the unique index still decides races (see translateUniqueViolation).
 */
export async function assertNameFree(
  manager: EntityManager,
  entity: EntityTarget<{ id: string; name: string }>,
  label: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  const where = exceptId === undefined ? { name } : { name, id: Not(exceptId) };
  if (await manager.existsBy(entity, where)) {
    throw new ConflictError(`name: a ${label} with name "${name}" already exists`, 'duplicate');
  }
}
