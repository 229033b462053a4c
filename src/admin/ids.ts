const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids of uuid columns: anything else cannot exist (and would make PostgreSQL fail the cast). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A text id (calendar ids are free text): what PostgreSQL cannot store cannot exist. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000');
}
