/**
 * A draft beside a template, field by field: the calendar, each class's
 * targets, the penalty terms and the term. Used to check the reader against
 * the hand translations of the seed letters, and by the review screen later.
 */
import type { TargetSlot } from '../catalogue';
import { RUNG_TARGETS, Target } from '../policy/policy';
import { SeedTemplate } from '../templates/types';
import { TemplateDraft } from './to-template';

export interface FieldComparison {
  path: string;
  draft: string;
  template: string;
  /**
   * equal; equal but the draft flags it for review; differs where the draft
   * proposed the value (flagged for review); differs where the draft says the
   * letter states it; only in one of the two.
   */
  status: 'equal' | 'equal-flagged' | 'differs-flagged' | 'differs' | 'draft-only' | 'template-only';
}

const ABSENT = '—';

/** Every compared field of `draft` against `template`, in a stable order. */
export function compareWithTemplate(draft: TemplateDraft, template: SeedTemplate): FieldComparison[] {
  const out: FieldComparison[] = [];
  const flagged = (path: string): boolean => draft.fields[path]?.status === 'proposed';
  const push = (path: string, d: string, t: string, flagPath = path): void => {
    const status =
      d === t
        ? flagged(flagPath)
          ? 'equal-flagged'
          : 'equal'
        : d === ABSENT
          ? 'template-only'
          : t === ABSENT
            ? 'draft-only'
            : flagged(flagPath)
              ? 'differs-flagged'
              : 'differs';
    out.push({ path, draft: d, template: t, status });
  };

  push('calendar.zone', draft.calendar.zone, template.calendar.zone);
  push('calendar.week', weekText(draft.calendar.week), weekText(template.calendar.week));

  const names = [...new Set([...Object.keys(template.policy.severities), ...Object.keys(draft.policy.severities)])];
  for (const name of names) {
    const d = draft.policy.severities[name];
    const t = template.policy.severities[name];
    for (const slot of RUNG_TARGETS) {
      // The letter reader does not read cadences (progress.updateEvery) yet: nothing to compare.
      if ((slot as TargetSlot).recurring) continue;
      const path = `policy.severities.${name}.${slot.key}`;
      const get = (s: unknown): string => (s ? targetText((s as Record<string, Record<string, Target>>)[slot.rung][slot.field]) : ABSENT);
      push(path, get(d), get(t));
    }
  }

  const dp = draft.contractTerms.penalty;
  const tp = template.contractTerms.penalty;
  if (!dp && !tp) push('contractTerms.penalty', 'null', 'null');
  else {
    for (const key of ['ratePerPeriod', 'period', 'capFraction', 'capScope', 'partialPeriod', 'countFrom'] as const) {
      const text = (p: typeof dp): string =>
        p ? (typeof p[key] === 'object' ? `${p.period.amount} ${p.period.unit}` : String(p[key])) : 'null';
      push(`contractTerms.penalty.${key}`, text(dp), text(tp));
    }
  }
  push('contractTerms.currency', draft.contractTerms.currency, template.contractTerms.currency);
  push('contractTerms.termMonths', String(draft.contractTerms.termMonths ?? ABSENT), String(template.contractTerms.termMonths ?? ABSENT));
  return out;
}

function targetText(t: Target | undefined): string {
  return t ? `${t.amount} ${t.unit} from ${t.anchor}` : ABSENT;
}

function weekText(week: SeedTemplate['calendar']['week']): string {
  return Object.entries(week)
    .filter(([, w]) => w && w.length)
    .map(([day, w]) => `${day.slice(0, 3)} ${w!.map((x) => `${x.open}-${x.close}`).join(',')}`)
    .join('; ');
}
