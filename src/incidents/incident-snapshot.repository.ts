import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { formatMoney } from '../domain/penalty/money';
import type { PenaltyTerms } from '../domain/penalty/terms';
import type { CalendarDefinition } from '../domain/clock/types';
import type { PolicyDefinition } from '../domain/policy/policy';
import type { Language } from '../i18n/languages';
import { NotFoundError } from '../common/errors';
import type { PinnedSnapshot } from '../domain/ladder';

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
  policy_id: string;
  policy_version: number;
  policy_definition: PolicyDefinition;
}

/** Reads what a new incident pins at its start: the contract's current terms, its calendar and a policy version. */
@Injectable()
export class IncidentSnapshotRepository {
  constructor(private readonly dataSource: DataSource) {}

  async load(contractId: string, policyVersion?: number): Promise<PinnedSnapshot> {
    const rows: ContractRow[] = await this.dataSource.query(
      `SELECT c.id, c.customer, c.total_value::text AS total_value, c.currency, c.penalty_terms, c.webhook_url, c.language, c.exclusion_causes,
              c.calendar_id, cal.definition AS calendar_definition,
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
    return {
      policy: { id: r.policy_id, version: r.policy_version, definition: r.policy_definition },
      calendar: { id: r.calendar_id, definition: r.calendar_definition },
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
}
