import type { DataSource } from 'typeorm';
import { DEFAULT_CONTRACT_LANGUAGE, isLanguage, type Language } from '../src/i18n/languages';

export interface DocumentContext {
  /** The language the incident pinned when reported (older incidents: their contract's). */
  language: Language;
  customer: string | null;
  description: string | null;
  zone: string;
}

/** What a customer-facing text about an incident needs beyond the workflow's own data. Read-only. */
export async function documentContext(dataSource: DataSource, incidentId: string): Promise<DocumentContext> {
  const rows: Array<{ language: string; customer: string; description: string; zone: string }> = await dataSource.query(
    `SELECT COALESCE(i.language, c.language) AS language, c.customer, i.description, cal.definition->>'zone' AS zone
     FROM incidents i JOIN contracts c ON c.id = i.contract_id JOIN calendars cal ON cal.id = c.calendar_id
     WHERE i.id = $1`,
    [incidentId],
  );
  const row = rows[0];
  return {
    language: isLanguage(row?.language) ? row.language : DEFAULT_CONTRACT_LANGUAGE,
    customer: row?.customer ?? null,
    description: row?.description ?? null,
    zone: row?.zone ?? 'UTC',
  };
}
