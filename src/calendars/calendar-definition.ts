/**
 * Calendar definitions coming in over HTTP: the domain validator, with paths
 * under the body field, plus the unknown-field check it does not do itself
 * (it would silently drop them).
 */
import { validateCalendar } from '../domain/clock/calendar';
import type { CalendarDefinition } from '../domain/clock/types';
import { DomainValidationError, type FieldIssue } from '../domain/errors';

const DEFINITION_FIELDS = ['zone', 'week', 'holidays', 'extraWorkingDays'];
const WINDOW_FIELDS = ['open', 'close'];
const EXTRA_DAY_FIELDS = ['date', 'windows'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unknownKeys(value: unknown, allowed: string[], path: string, out: FieldIssue[]): void {
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) out.push({ path: `${path}.${key}`, message: 'unknown field' });
  }
}

function unknownWindowKeys(windows: unknown, path: string, out: FieldIssue[]): void {
  if (!Array.isArray(windows)) return;
  windows.forEach((w, i) => unknownKeys(w, WINDOW_FIELDS, `${path}[${i}]`, out));
}

function unknownFields(def: unknown, path: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (!isObject(def)) return out;
  unknownKeys(def, DEFINITION_FIELDS, path, out);
  if (isObject(def.week)) {
    for (const [day, windows] of Object.entries(def.week)) unknownWindowKeys(windows, `${path}.week.${day}`, out);
  }
  if (Array.isArray(def.extraWorkingDays)) {
    def.extraWorkingDays.forEach((x, i) => {
      unknownKeys(x, EXTRA_DAY_FIELDS, `${path}.extraWorkingDays[${i}]`, out);
      if (isObject(x)) unknownWindowKeys(x.windows, `${path}.extraWorkingDays[${i}].windows`, out);
    });
  }
  return out;
}

/**
 * Validates a calendar definition given in body field `path` (e.g.
 * "definition") and returns the normalized copy; throws one
 * DomainValidationError with every problem, paths like
 * "definition.week.monday[0].close".
 */
export function parseCalendarDefinition(def: unknown, path = 'definition'): CalendarDefinition {
  let normalized: CalendarDefinition | undefined;
  let issues: FieldIssue[] = [];
  try {
    normalized = validateCalendar(def, `${path}.`);
  } catch (error) {
    if (!(error instanceof DomainValidationError)) throw error;
    issues = error.issues;
  }
  issues = [...issues, ...unknownFields(def, path)];
  if (issues.length > 0 || !normalized) throw new DomainValidationError(issues);
  return normalized;
}
