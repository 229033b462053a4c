import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { formatMoney } from '../domain/penalty/money';
import type { PenaltyTerms } from '../domain/penalty/terms';
import type { CalendarDefinition } from '../domain/clock/types';
import type { PolicyDefinition } from '../domain/policy/policy';
import type { Language } from '../i18n/languages';
import { NotFoundError } from '../common/errors';
import type { PinnedSnapshot } from '../domain/ladder';
import { calendarIdOf, type PinnedCalendar } from '../domain/contract/class-calendars';

interface ContractRow {
  id: string;
  customer: string;
  total_value: string;
  currency: string;
  penalty_terms: PenaltyTerms;
  webhook_url: string | null;
  language: Language;
  exclusion_causes: string[] | null;
  calendar_id: string;
  calendar_definition: CalendarDefinition;
  class_calendars: Record<string, string> | null;
  policy_id: string;
  policy_version: number;
  policy_definition: PolicyDefinition;
}

/**
 * Reads what a new incident pins at its start: the contract's current terms, a policy version and the
 * calendar of the incident's class (`severity`; the contract's calendarId when the class is not mapped
 * or not given), with every class's calendar when the contract maps classes to calendars.
 */
@Injectable()
export class IncidentSnapshotRepository {
  constructor(private readonly dataSource: DataSource) {}

  async load(contractId: string, policyVersion?: number, severity?: string): Promise<PinnedSnapshot> {
    const rows: ContractRow[] = await this.dataSource.query(
      `SELECT c.id, c.customer, c.total_value::text AS total_value, c.currency, c.penalty_terms, c.webhook_url, c.language, c.exclusion_causes,
              c.calendar_id, cal.definition AS calendar_definition, c.class_calendars,
              c.policy_id, pv.version AS policy_version, pv.definition AS policy_definition
       FROM contracts c
       JOIN calendars cal ON cal.id = c.calendar_id
       JOIN policies p ON p.id = c.policy_id
       JOIN policy_versions pv ON pv.policy_id = p.id AND pv.version = COALESCE($2, p.current_version)
       WHERE c.id = $1`,
      [contractId, policyVersion ?? null],
    );
    if (rows.length === 0) throw new NotFoundError('contract', contractId);
    const r = rows[0];
    const contractCalendar = { id: r.calendar_id, definition: r.calendar_definition };
    const classCalendars = r.class_calendars
      ? await this.classCalendars(r.class_calendars, r.policy_definition, contractCalendar)
      : undefined;
    return {
      policy: { id: r.policy_id, version: r.policy_version, definition: r.policy_definition },
      calendar: (severity !== undefined ? classCalendars?.[severity] : undefined) ?? contractCalendar,
      ...(classCalendars ? { classCalendars } : {}),
      contract: {
        id: r.id,
        customer: r.customer,
        totalValue: formatMoney(r.total_value, r.currency.trim()),
        currency: r.currency.trim(),
        penalty: r.penalty_terms,
        webhookUrl: r.webhook_url,
        language: r.language,
        exclusionCauses: r.exclusion_causes,
      },
    };
  }

  /** Every class of the policy with its calendar (a calendar deleted since the contract named it: the contract's). */
  private async classCalendars(
    map: Record<string, string>,
    policy: PolicyDefinition,
    contractCalendar: PinnedCalendar,
  ): Promise<Record<string, PinnedCalendar>> {
    const ids = [...new Set(Object.values(map))];
    const rows: Array<{ id: string; definition: CalendarDefinition }> = await this.dataSource.query(
      `SELECT id, definition FROM calendars WHERE id = ANY($1::text[])`,
      [ids],
    );
    const byId = new Map(rows.map((c) => [c.id, c]));
    return Object.fromEntries(
      Object.keys(policy.severities).map((severity) => [
        severity,
        byId.get(calendarIdOf(map, contractCalendar.id, severity)) ?? contractCalendar,
      ]),
    );
  }
}
