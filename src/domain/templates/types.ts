/**
 * Seed templates: the customers' original commitment letters (Chinese, in
 * /work/shared/seeds) encoded as calendar + escalation policy + contract terms.
 * An ops admin starts a contract from one and adjusts it; nothing here is a
 * constant the code relies on.
 */
import { CalendarDefinition, WorkingWindow } from '../clock/types';
import { PenaltyTerms } from '../penalty/terms';
import { PolicyDefinition, Target, TargetAnchor } from '../policy/policy';

export interface TemplateSource {
  /** File name under the seeds folder. */
  seedFile: string;
  /** The letter's Chinese title as written. */
  title: string;
  /** The parties as the letter names them (vendor → customer), where it does. */
  parties?: string;
  /** The exact sentences of the letter this template encodes (line breaks of the seed removed). */
  quotes: string[];
}

export interface TemplateContractTerms {
  /** Penalty terms, or null when the letter states no rate-based monetary penalty (see `unexpressed`). */
  penalty: PenaltyTerms | null;
  /** Currency the letter's amounts are in (ISO 4217). */
  currency: string;
  /** Free maintenance / warranty term the letter promises, in months, when it states one. */
  termMonths?: number;
  /** The customer-caused causes the letter lists (the contract's exclusionCauses), when it lists them. */
  exclusionCauses?: string[];
}

export interface SeedTemplate {
  /** Stable kebab-case id. */
  id: string;
  /** English name, with the Chinese title. */
  name: string;
  source: TemplateSource;
  calendar: CalendarDefinition;
  policy: PolicyDefinition;
  contractTerms: TemplateContractTerms;
  /** Values the letter does not give and the template chose (honest list of what is ours, not the customer's). */
  assumptions: string[];
  /** What the letter says that this model cannot express (or only approximately). */
  unexpressed: string[];
}

// ---------------------------------------------------------------------------
// small builders so the templates read like the letters

type Unit = Target['unit'];

/** A target: `t(30, 'minutes')`, `t(4, 'hours', 'rungStart')`. */
export function t(amount: number, unit: Unit, anchor: TargetAnchor = 'report'): Target {
  return { amount, unit, anchor };
}

const ALL_DAY: WorkingWindow[] = [{ open: '00:00', close: '24:00' }];

/** 7×24: every day, all day. */
export function calendar24x7(zone = 'Asia/Shanghai'): CalendarDefinition {
  return {
    zone,
    week: {
      monday: ALL_DAY,
      tuesday: ALL_DAY,
      wednesday: ALL_DAY,
      thursday: ALL_DAY,
      friday: ALL_DAY,
      saturday: ALL_DAY,
      sunday: ALL_DAY,
    },
    holidays: [],
    extraWorkingDays: [],
  };
}

/** 5×8: Monday–Friday, one window per day (default 09:00–18:00). */
export function calendar5x8(zone = 'Asia/Shanghai', open = '09:00', close = '18:00'): CalendarDefinition {
  const day = [{ open, close }];
  return {
    zone,
    week: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day },
    holidays: [],
    extraWorkingDays: [],
  };
}

/** Every day of the week with the same window (e.g. a duty roster 08:00–24:00). */
export function calendarDaily(zone: string, open: string, close: string): CalendarDefinition {
  const day = [{ open, close }];
  return {
    zone,
    week: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: day, sunday: day },
    holidays: [],
    extraWorkingDays: [],
  };
}

/** Freezes a template deeply so a shared constant cannot be edited in place (copy it instead). */
export function defineTemplate(template: SeedTemplate): SeedTemplate {
  return deepFreeze(template);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
