/**
 * Admin data for integration tests, written straight to PostgreSQL so ladder tests do not depend
 * on the admin API. Policies have targets seconds long: the clock semantics are the same.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CalendarDefinition } from '../../src/domain/clock/types';
import type { PenaltyTerms } from '../../src/domain/penalty/terms';
import { DEFAULT_CONTRACT_LANGUAGE, type Language } from '../../src/i18n/languages';
import { validatePolicyDefinition, type PolicyDefinition, type SeverityTargets } from '../../src/domain/policy/policy';

type DeepPartial<T> = { [K in keyof T]?: NonNullable<T[K]> extends object ? DeepPartial<NonNullable<T[K]>> : T[K] };

const s = (amount: number, anchor: 'report' | 'rungStart' = 'report') => ({ amount, unit: 'seconds' as const, anchor });

/** A whole ladder in well under a minute; every target far enough apart to be told apart. */
export function secondsTargets(overrides: DeepPartial<SeverityTargets> = {}): SeverityTargets {
  const base: SeverityTargets = {
    triage: { respondWithin: s(3) },
    remote: { startWithin: s(300), resolveWithin: s(600) },
    onsite: { arriveWithin: s(300, 'rungStart') },
    spare: { triggerAfter: s(900), deliverWithin: s(300, 'rungStart') },
    expert: { triggerAfter: s(900), conveneWithin: s(300, 'rungStart') },
    penalty: { restoreWithin: s(1200) },
    signOff: { within: s(300, 'rungStart') },
    faultReport: { deliverWithin: s(300, 'rungStart') },
  };
  for (const [group, targets] of Object.entries(overrides)) {
    Object.assign((base as unknown as Record<string, object>)[group], targets);
  }
  return base;
}

export function secondsPolicy(bySeverity: Record<string, DeepPartial<SeverityTargets>> = { urgent: {}, general: {} }): PolicyDefinition {
  return validatePolicyDefinition({
    severities: Object.fromEntries(Object.entries(bySeverity).map(([name, o]) => [name, secondsTargets(o)])),
  });
}

export const DEFAULT_TERMS: PenaltyTerms = {
  ratePerPeriod: '0.0025',
  period: { amount: 1, unit: 'days' },
  capFraction: '0.05',
  capScope: 'contract',
  partialPeriod: 'started',
  countFrom: 'report',
};

export interface ContractFixture {
  contractId: string;
  policyId: string;
  calendarId: string;
}

export async function createContract(
  dataSource: DataSource,
  options: {
    name?: string;
    policy?: PolicyDefinition;
    calendar?: CalendarDefinition | '24x7';
    terms?: Partial<PenaltyTerms>;
    totalValue?: string;
    currency?: string;
    webhookUrl?: string | null;
    /** Language of the customer's documents (default: a new contract's). */
    language?: Language;
    customer?: string;
  } = {},
): Promise<ContractFixture> {
  const suffix = randomUUID().slice(0, 8);
  let calendarId = '24x7';
  if (options.calendar && options.calendar !== '24x7') {
    calendarId = `cal-${suffix}`;
    await dataSource.query(`INSERT INTO calendars (id, name, definition) VALUES ($1, $1, $2)`, [
      calendarId,
      JSON.stringify(options.calendar),
    ]);
  }
  const policyId = randomUUID();
  await dataSource.query(`INSERT INTO policies (id, name, current_version) VALUES ($1, $2, 1)`, [policyId, `policy-${suffix}`]);
  await dataSource.query(`INSERT INTO policy_versions (policy_id, version, definition) VALUES ($1, 1, $2)`, [
    policyId,
    JSON.stringify(options.policy ?? secondsPolicy()),
  ]);
  const contractId = randomUUID();
  await dataSource.query(
    `INSERT INTO contracts (id, name, customer, total_value, currency, calendar_id, policy_id, penalty_terms, webhook_url, language)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      contractId,
      options.name ?? `contract-${suffix}`,
      options.customer ?? `Customer ${suffix}`,
      options.totalValue ?? '1000000.00',
      options.currency ?? 'CNY',
      calendarId,
      policyId,
      JSON.stringify({ ...DEFAULT_TERMS, ...options.terms }),
      options.webhookUrl ?? null,
      options.language ?? DEFAULT_CONTRACT_LANGUAGE,
    ],
  );
  return { contractId, policyId, calendarId };
}

/** Polls until `check` returns a value (not undefined) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
