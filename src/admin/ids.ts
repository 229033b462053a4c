const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids of uuid columns: anything else cannot exist (and would make PostgreSQL fail the cast). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
