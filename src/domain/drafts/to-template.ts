/**
 * The thin layer from findings to a draft in the CURRENT template shape
 * (src/domain/templates/types.ts): calendar, policy with every target slot,
 * contract terms. It is the only code that knows that shape, so when the model
 * grows (optional rungs, extra commitments, end-of-day targets, per-class
 * calendars, obligations, change requests) only this file follows it.
 *
 * Nothing is invented silently: every value is either stated (with the
 * findings it came from) or proposed, and every proposal is a gap flagged for
 * review with its reason. What the letter promises and the shape cannot hold
 * is listed too.
 */
import { CalendarDefinition, Duration, Weekday as WeekdayName, WorkingWindow } from '../clock/types';
import { ClassRef, Finding, LetterSlot, PromisedTime } from './findings';
import { WrittenDuration } from './quantities';
import { PenaltyTerms } from '../penalty/terms';
import {
  PolicyDefinition,
  RUNG_TARGETS,
  RungTargetSlot,
  SeverityTargets,
  Target,
  TargetAnchor,
  TargetKey,
  validatePolicyDefinition,
} from '../policy/policy';
import { TemplateContractTerms } from '../templates/types';

export type FieldStatus = 'stated' | 'proposed';

export interface DraftField {
  status: FieldStatus;
  /** Finding ids the value came from (empty for a pure proposal). */
  findings: string[];
  /** Why the value was proposed or how it was read (shown beside the field). */
  note?: string;
}

export type GapKind =
  /** The letter promises the step but states no time: a value is proposed. */
  | 'unstated-target'
  /** The letter does not promise the step, but the current model needs a value: a placeholder is proposed. */
  | 'unpromised-rung'
  /** A value the letter does not give (zone, hours, partial days…): proposed. */
  | 'unstated-value'
  /** The letter gives two values for one field: the first is used. */
  | 'conflict'
  /** The letter promises it; the current model cannot hold it. */
  | 'not-expressible'
  /** The reader saw a commitment it could not read. */
  | 'unread';

export interface DraftGap {
  kind: GapKind;
  /** The draft field it concerns, when there is one. */
  path?: string;
  message: string;
  /** The value put in the draft for review, if any. */
  proposed?: unknown;
  review: true;
  findings: string[];
}

export interface TemplateDraft {
  source: { title: string; quotes: string[] };
  /** Severity classes: draft name → the letter's label. */
  classes: { name: string; label: string; findings: string[] }[];
  calendar: CalendarDefinition;
  policy: PolicyDefinition;
  contractTerms: TemplateContractTerms;
  /** Every field of the draft (dotted path) with its status and provenance. */
  fields: Record<string, DraftField>;
  gaps: DraftGap[];
  /** One line per gap with a proposal: what the draft chose that the letter did not say. */
  assumptions: string[];
  /** One line per commitment the current model cannot hold. */
  unexpressed: string[];
}

/** Which model slot a letter's step fills. The one table to change when the policy shape grows. */
const SLOT_TARGET: Record<LetterSlot, TargetKey> = {
  'triage.respond': 'triage.respondWithin',
  'remote.start': 'remote.startWithin',
  'remote.escalate': 'remote.resolveWithin',
  'onsite.arrive': 'onsite.arriveWithin',
  'spare.trigger': 'spare.triggerAfter',
  'spare.deliver': 'spare.deliverWithin',
  'expert.trigger': 'expert.triggerAfter',
  'expert.convene': 'expert.conveneWithin',
  restore: 'penalty.restoreWithin',
  signOff: 'signOff.within',
  faultReport: 'faultReport.deliverWithin',
};

/** Placeholders proposed for unstated targets, on the wall clock and on a working calendar. Always flagged. */
const PROPOSALS: Record<TargetKey, { wall: Duration; working: Duration }> = {
  'triage.respondWithin': { wall: { amount: 1, unit: 'hours' }, working: { amount: 1, unit: 'workingHours' } },
  'remote.startWithin': { wall: { amount: 1, unit: 'hours' }, working: { amount: 1, unit: 'workingHours' } },
  'remote.resolveWithin': { wall: { amount: 2, unit: 'hours' }, working: { amount: 4, unit: 'workingHours' } },
  'onsite.arriveWithin': { wall: { amount: 4, unit: 'hours' }, working: { amount: 1, unit: 'workingDays' } },
  'spare.triggerAfter': { wall: { amount: 8, unit: 'hours' }, working: { amount: 2, unit: 'workingDays' } },
  'spare.deliverWithin': { wall: { amount: 24, unit: 'hours' }, working: { amount: 2, unit: 'workingDays' } },
  'expert.triggerAfter': { wall: { amount: 8, unit: 'hours' }, working: { amount: 1, unit: 'workingDays' } },
  'expert.conveneWithin': { wall: { amount: 4, unit: 'hours' }, working: { amount: 1, unit: 'workingDays' } },
  'penalty.restoreWithin': { wall: { amount: 1, unit: 'days' }, working: { amount: 2, unit: 'workingDays' } },
  'signOff.within': { wall: { amount: 24, unit: 'hours' }, working: { amount: 1, unit: 'workingDays' } },
  'faultReport.deliverWithin': { wall: { amount: 3, unit: 'days' }, working: { amount: 3, unit: 'workingDays' } },
  'progress.updateEvery': { wall: { amount: 4, unit: 'hours' }, working: { amount: 4, unit: 'workingHours' } },
};

/** "立即" has no number: proposed as this, flagged. */
const IMMEDIATE: Duration = { amount: 5, unit: 'minutes' };

/** Class names by the set of class words a letter uses (its scheme), then word by word. */
function classNames(keys: string[]): Record<string, string> {
  const has = (k: string): boolean => keys.includes(k);
  const names: Record<string, string> = {};
  for (const key of keys) names[key] = WORD_NAMES[key] ?? key;
  if (has('重大') && has('严重')) Object.assign(names, { 重大: 'critical', 严重: 'major', 一般: 'minor' });
  else if (has('重大') && !has('关键')) names['重大'] = 'major';
  return names;
}

const WORD_NAMES: Record<string, string> = {
  致命: 'critical',
  紧急: 'urgent',
  关键: 'critical',
  重大: 'major',
  严重: 'serious',
  重要: 'major',
  一般: 'general',
  不严重: 'general',
  普通: 'minor',
  轻微: 'minor',
};

const CLASS_ORDER = [
  'critical',
  'urgent',
  'p1',
  'high',
  'major',
  'serious',
  'p2',
  'medium',
  'standard',
  'general',
  'normal',
  'p3',
  'minor',
  'low',
  'p4',
];

/** Maps the findings of one letter to a draft in the current template shape. */
export function toTemplateDraft(findings: readonly Finding[], title: string, language: 'zh' | 'en'): TemplateDraft {
  return new DraftBuilder(findings, title, language).build();
}

class DraftBuilder {
  private readonly fields: Record<string, DraftField> = {};
  private readonly gaps: DraftGap[] = [];
  private readonly used = new Set<string>();
  private working = false;

  constructor(
    private readonly findings: readonly Finding[],
    private readonly title: string,
    private readonly language: 'zh' | 'en',
  ) {}

  build(): TemplateDraft {
    const calendar = this.calendar();
    const { classes, names } = this.classes();
    const policy = this.policy(
      classes.map((c) => c.name),
      names,
    );
    const contractTerms = this.contractTerms();
    this.notExpressible();
    const quotes = [...new Set(this.findings.filter((f) => this.used.has(f.id)).map((f) => oneLine(f.source.sentence.text)))];
    return {
      source: { title: this.title, quotes },
      classes,
      calendar,
      policy: validatePolicyDefinition(policy),
      contractTerms,
      fields: this.fields,
      gaps: this.gaps,
      assumptions: this.gaps.filter((g) => g.proposed !== undefined).map((g) => `${g.path}: ${g.message}`),
      unexpressed: this.gaps.filter((g) => g.kind === 'not-expressible' || g.kind === 'unread').map((g) => g.message),
    };
  }

  // -------------------------------------------------------------------------
  // calendar

  private calendar(): CalendarDefinition {
    const calendars = this.of('calendar');
    // Any time counted in working days/hours (a target, an extra commitment, a change request) means a working calendar.
    this.working = this.findings.some((f) => {
      const promise = f.kind === 'target' || f.kind === 'change-request' || f.kind === 'extra-commitment' ? f.promise : null;
      return promise?.kind === 'duration' && promise.unit.startsWith('working');
    });
    const zone = this.language === 'zh' ? 'Asia/Shanghai' : 'UTC';
    this.gap('unstated-value', 'calendar.zone', `the letter names no time zone; ${zone} proposed`, zone, []);
    const withHours = calendars.filter((c) => c.hours);
    const duty = withHours.find((c) => c.scope === 'duty');
    const service = withHours.find((c) => c.scope !== 'duty' && c.scope !== 'hotline') ?? withHours[0];
    const round = calendars.find((c) => c.daysPerWeek === 7 && c.hoursPerDay === 24 && !c.class);
    const fiveByEight = calendars.find((c) => c.daysPerWeek === 5 && !c.class);

    let definition: CalendarDefinition;
    let chosen: (typeof calendars)[number] | undefined;
    if (this.working) {
      chosen = service?.weekdays ? service : (fiveByEight ?? service);
      const hours = service?.hours;
      if (!hours)
        this.gap(
          'unstated-value',
          'calendar.week',
          'working time is counted but the letter states no working hours; Monday–Friday 09:00–18:00 proposed',
          '09:00-18:00',
          [],
        );
      const days = service?.weekdays
        ? weekdayRange(service.weekdays.from, service.weekdays.to)
        : ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
      definition = weekly(zone, days as WeekdayName[], [{ open: hours?.open ?? '09:00', close: hours?.close ?? '18:00' }]);
      this.note('calendar', chosen, 'targets are in working time (工作日/工作小时), so the calendar is the working week');
    } else if (duty?.hours) {
      chosen = duty;
      const days = duty.weekdays ? weekdayRange(duty.weekdays.from, duty.weekdays.to) : ALL_DAYS;
      definition = weekly(zone, days, [{ open: duty.hours.open, close: duty.hours.close }]);
      if (!duty.weekdays)
        this.gap('unstated-value', 'calendar.week', 'duty hours are stated without weekdays; every day proposed', 'every day', [duty.id]);
      this.note('calendar', chosen, 'the duty roster (值班时间) is the calendar');
    } else if (round) {
      chosen = round;
      definition = weekly(zone, ALL_DAYS, [{ open: '00:00', close: '24:00' }]);
      this.note('calendar', chosen, 'no target is in working time and the letter promises 7×24 service');
    } else {
      definition = weekly(zone, ALL_DAYS, [{ open: '00:00', close: '24:00' }]);
      this.gap('unstated-value', 'calendar.week', 'the letter states plain hours and no service hours; 7×24 proposed', '24x7', []);
    }
    for (const c of calendars) {
      if (c.class) {
        this.gap(
          'not-expressible',
          undefined,
          `${c.class.label}: its own service hours (${describeCalendar(c)}); the current model has one calendar per contract`,
          undefined,
          [c.id],
        );
      }
    }
    return definition;
  }

  // -------------------------------------------------------------------------
  // classes and policy

  private classes(): { classes: TemplateDraft['classes']; names: Record<string, string> } {
    const refs: { ref: ClassRef; id: string }[] = [];
    for (const f of this.findings) {
      if (f.kind === 'severity-class') refs.push({ ref: f.class, id: f.id });
      else if ((f.kind === 'target' || f.kind === 'calendar' || f.kind === 'extra-commitment') && f.class)
        refs.push({ ref: f.class, id: f.id });
    }
    const keys = [...new Set(refs.map((r) => r.ref.key))];
    const names = classNames(keys);
    const byName = new Map<string, TemplateDraft['classes'][number]>();
    for (const r of refs) {
      const name = names[r.ref.key];
      const entry = byName.get(name) ?? { name, label: r.ref.label, findings: [] };
      entry.findings.push(r.id);
      byName.set(name, entry);
    }
    const blanket = this.of('target').some((t) => !t.class);
    if (byName.size === 0) {
      byName.set('fault', { name: 'fault', label: '(no classes in the letter)', findings: [] });
      this.gap('unstated-value', 'policy.severities', 'the letter has no severity classes; one class "fault" proposed', 'fault', []);
    } else if (byName.size === 1 && blanket) {
      byName.set('standard', { name: 'standard', label: '(targets stated for no class)', findings: [] });
      this.gap(
        'unstated-value',
        'policy.severities.standard',
        'one class is named and other targets name none; a "standard" class holds those',
        'standard',
        [],
      );
    }
    const classes = [...byName.values()].sort((a, b) => rank(a.name) - rank(b.name));
    return { classes, names };
  }

  private policy(classNamesInOrder: string[], names: Record<string, string>): PolicyDefinition {
    const severities: Record<string, SeverityTargets> = {};
    const targets = this.of('target');
    for (const name of classNamesInOrder) {
      const rungs: Record<string, Record<string, Target>> = {};
      for (const slot of RUNG_TARGETS) {
        // A cadence (progress.updateEvery) is optional and the reader does not look for one yet: left out, no gap.
        if ((slot as RungTargetSlot).recurring) continue;
        const path = `policy.severities.${name}.${slot.key}`;
        const letterSlot = (Object.keys(SLOT_TARGET) as LetterSlot[]).find((s) => SLOT_TARGET[s] === slot.key) as LetterSlot;
        const own = targets.filter((t) => t.slot === letterSlot && t.class && names[t.class.key] === name);
        const blanket = targets.filter((t) => t.slot === letterSlot && !t.class);
        const target = this.target(path, slot.key, slot.defaultAnchor, own.length ? own : blanket, own.length ? blanket : []);
        (rungs[slot.rung] ??= {})[slot.field] = target;
      }
      severities[name] = rungs as unknown as SeverityTargets;
    }
    return { severities };
  }

  /** One target slot of one class from its candidate findings (class-specific first, then blanket). */
  private target(
    path: string,
    key: TargetKey,
    defaultAnchor: TargetAnchor,
    candidates: Extract<Finding, { kind: 'target' }>[],
    fallback: Extract<Finding, { kind: 'target' }>[],
  ): Target {
    const numeric = candidates.filter((c) => c.promise.kind === 'duration');
    const pick = numeric[0] ?? candidates.find((c) => c.promise.kind === 'immediate' || c.promise.kind === 'same-day');
    if (pick) {
      const anchor = pick.anchor === 'report' ? 'report' : pick.anchor === 'previous-step' ? 'rungStart' : defaultAnchor;
      const distinct = uniqueBy(numeric, (c) => describePromise(c.promise));
      if (distinct.length > 1) {
        this.gap(
          'conflict',
          path,
          `the letter gives ${distinct.map((c) => `${describePromise(c.promise)} ("${c.source.text}")`).join(' and ')}; the first is used`,
          undefined,
          distinct.map((c) => c.id),
        );
      }
      const ids = candidates.filter((c) => describePromise(c.promise) === describePromise(pick.promise)).map((c) => c.id);
      ids.forEach((id) => this.used.add(id));
      if (pick.promise.kind === 'duration') {
        this.fields[path] = { status: 'stated', findings: ids };
        return { ...clockDuration(pick.promise), anchor };
      }
      const proposed =
        pick.promise.kind === 'immediate'
          ? IMMEDIATE
          : this.working
            ? { amount: 1, unit: 'workingDays' as const }
            : { amount: 1, unit: 'days' as const };
      const why =
        pick.promise.kind === 'immediate'
          ? `the letter says "立即/immediately" without a number; ${describeDuration(proposed)} proposed`
          : `the letter says "the same day" (当日); end of day is not a duration in the current model; ${describeDuration(proposed)} proposed`;
      this.fields[path] = { status: 'proposed', findings: ids, note: why };
      this.gap('unstated-target', path, why, { ...proposed, anchor }, ids);
      return { ...proposed, anchor };
    }
    const vague = candidates.find((c) => c.promise.kind === 'vague') ?? fallback.find((c) => c.promise.kind === 'vague');
    const numericFallback = fallback.find((c) => c.promise.kind === 'duration');
    if (numericFallback && numericFallback.promise.kind === 'duration') {
      // A class says only "及时" (timely) for a step the letter times for every class: the stated time stands.
      this.used.add(numericFallback.id);
      this.fields[path] = { status: 'stated', findings: [numericFallback.id, ...(vague ? [vague.id] : [])] };
      return { ...clockDuration(numericFallback.promise), anchor: numericFallback.anchor === 'report' ? 'report' : defaultAnchor };
    }
    const related = this.relatedCommitment(key);
    const proposal = related ? clockDuration(related.value) : PROPOSALS[key][this.working ? 'working' : 'wall'];
    const ids = [...(vague ? [vague.id] : []), ...(related ? [related.id] : [])];
    ids.forEach((id) => this.used.add(id));
    const why = vague
      ? `the letter promises this step ("${vague.source.text}") without a time; ${describeDuration(proposal)} proposed${related ? ` from "${related.text}"` : ''}`
      : related
        ? `the letter states no time for this step; ${describeDuration(proposal)} proposed from the commitment "${related.text}"`
        : `the letter does not promise this step; the current model needs a value: placeholder ${describeDuration(proposal)}`;
    this.fields[path] = { status: 'proposed', findings: ids, note: why };
    this.gap(vague || related ? 'unstated-target' : 'unpromised-rung', path, why, { ...proposal, anchor: defaultAnchor }, ids);
    return { ...proposal, anchor: defaultAnchor };
  }

  /** A commitment on the same step that can stand in for an unstated target ("两个工作日未做出响应…损失负责" for triage). */
  private relatedCommitment(key: TargetKey): { id: string; value: WrittenDuration; text: string } | undefined {
    const extra = this.of('extra-commitment').find(
      (e) => e.slot && SLOT_TARGET[e.slot] === key && e.promise?.kind === 'duration' && !e.class && e.name !== 'solution proposed',
    );
    if (!extra || extra.promise?.kind !== 'duration') return undefined;
    return { id: extra.id, value: extra.promise, text: extra.source.text };
  }

  // -------------------------------------------------------------------------
  // contract terms

  private contractTerms(): TemplateContractTerms {
    const currency = this.language === 'zh' ? 'CNY' : 'USD';
    this.gap('unstated-value', 'contractTerms.currency', `the letter names no currency; ${currency} proposed`, currency, []);
    const terms: TemplateContractTerms = { currency, penalty: this.penalty() };
    const term = this.of('term');
    const months = term.filter((t) => t.months !== null);
    if (months.length) {
      terms.termMonths = months[0].months as number;
      this.fields['contractTerms.termMonths'] = { status: 'stated', findings: months.map((t) => t.id) };
      months.forEach((t) => this.used.add(t.id));
      const distinct = uniqueBy(months, (t) => String(t.months));
      if (distinct.length > 1) {
        this.gap(
          'conflict',
          'contractTerms.termMonths',
          `the letter gives terms of ${distinct.map((t) => `${t.months} months ("${t.source.text}")`).join(' and ')}; the first is used`,
          undefined,
          distinct.map((t) => t.id),
        );
      }
    } else if (term.length) {
      this.gap(
        'not-expressible',
        'contractTerms.termMonths',
        `the letter leaves the term blank ("${term[0].source.text}")`,
        undefined,
        term.map((t) => t.id),
      );
    }
    return terms;
  }

  private penalty(): PenaltyTerms | null {
    const rate = this.of('penalty-rate')[0];
    if (!rate) return null;
    const cap = this.of('penalty-cap')[0];
    const ids = [rate.id, ...(cap ? [cap.id] : [])];
    ids.forEach((id) => this.used.add(id));
    this.fields['contractTerms.penalty.ratePerPeriod'] = { status: 'stated', findings: [rate.id] };
    const period = rate.per ? clockDuration(rate.per) : { amount: 1, unit: 'days' as const };
    if (rate.per) this.fields['contractTerms.penalty.period'] = { status: 'stated', findings: [rate.id] };
    else this.gap('unstated-value', 'contractTerms.penalty.period', 'the rate names no period; one day proposed', period, [rate.id]);
    if (rate.basis !== 'contract-total')
      this.gap(
        'unstated-value',
        'contractTerms.penalty.ratePerPeriod',
        'the rate names no basis; the contract total is assumed',
        undefined,
        [rate.id],
      );
    let capFraction = '1';
    if (cap) {
      capFraction = cap.fraction;
      this.fields['contractTerms.penalty.capFraction'] = { status: 'stated', findings: [cap.id] };
    } else {
      this.gap(
        'unstated-value',
        'contractTerms.penalty.capFraction',
        'the letter states no cap; the whole contract total ("1") proposed',
        '1',
        [rate.id],
      );
    }
    if (cap?.cumulative)
      this.fields['contractTerms.penalty.capScope'] = {
        status: 'stated',
        findings: [cap.id],
        note: 'a final/cumulative total: across the contract',
      };
    else
      this.gap(
        'unstated-value',
        'contractTerms.penalty.capScope',
        'whether the cap is per contract or per incident is not stated; "contract" proposed',
        'contract',
        ids,
      );
    this.gap(
      'unstated-value',
      'contractTerms.penalty.partialPeriod',
      'how a partial period counts is not stated; "started" proposed',
      'started',
      ids,
    );
    this.gap(
      'unstated-value',
      'contractTerms.penalty.countFrom',
      'where interruption time is counted from is not stated; "report" proposed',
      'report',
      ids,
    );
    return {
      ratePerPeriod: rate.fraction,
      period: period as PenaltyTerms['period'],
      capFraction,
      capScope: 'contract',
      partialPeriod: 'started',
      countFrom: 'report',
    };
  }

  // -------------------------------------------------------------------------
  // what the current shape cannot hold

  private notExpressible(): void {
    const say = (f: Finding, message: string): void => {
      this.used.add(f.id);
      this.gap('not-expressible', undefined, message, undefined, [f.id]);
    };
    const exclusions = this.of('exclusion');
    if (exclusions.length) {
      exclusions.forEach((f) => this.used.add(f.id));
      const causes = [...new Set(exclusions.map((f) => f.cause))];
      this.gap(
        'not-expressible',
        undefined,
        `customer-caused exclusions (${causes.join(', ')}): the contract has no list of exclusion causes yet`,
        undefined,
        exclusions.map((f) => f.id),
      );
    }
    for (const f of this.findings) {
      switch (f.kind) {
        case 'force-majeure':
          if (f.effect !== 'mentioned')
            say(f, `force majeure (${f.effect}): handled at run time by pause/resume or exclude, not held in the contract`);
          break;
        case 'penalty-condition':
          say(
            f,
            'the penalty applies only to interruptions the vendor caused: the model accrues for every incident past the restore target',
          );
          break;
        case 'remedy':
          say(f, `a remedy that is not a rate (${f.remedy}): "${f.source.text}"`);
          break;
        case 'obligation':
          say(
            f,
            `obligation: ${f.name}${f.recurrence ? `, ${describeRecurrence(f.recurrence)}` : f.within ? `, within ${f.within.amount} ${f.within.unit}` : ' (no period stated)'}`,
          );
          break;
        case 'change-request':
          say(f, `change request "${f.request}": ${f.step} within ${describePromise(f.promise)}`);
          break;
        case 'extra-commitment':
          say(
            f,
            `extra commitment "${f.name}"${f.class ? ` (${f.class.label})` : ''}: ${f.promise ? describePromise(f.promise) : 'no time'}${f.consequence ? `, else ${f.consequence}` : ''}`,
          );
          break;
        case 'progress-updates':
          say(f, `progress updates while a fault is open${f.every ? ` every ${f.every.amount} ${f.every.unit}` : ' (no cadence stated)'}`);
          break;
        case 'target':
          if (f.promise.kind === 'same-day')
            say(f, `"the same day" (${f.source.text}): an end-of-day deadline, approximated as a duration`);
          break;
        case 'gap':
          this.used.add(f.id);
          this.gap('unread', undefined, `${f.reason}: "${f.source.text}"`, undefined, [f.id]);
          break;
        default:
          break;
      }
    }
  }

  // -------------------------------------------------------------------------

  private of<K extends Finding['kind']>(kind: K): Extract<Finding, { kind: K }>[] {
    return this.findings.filter((f): f is Extract<Finding, { kind: K }> => f.kind === kind);
  }

  private gap(kind: GapKind, path: string | undefined, message: string, proposed: unknown, findings: string[]): void {
    this.gaps.push({ kind, ...(path ? { path } : {}), message, ...(proposed !== undefined ? { proposed } : {}), review: true, findings });
    if (path && proposed !== undefined && !this.fields[path]) this.fields[path] = { status: 'proposed', findings, note: message };
  }

  private note(path: string, finding: { id: string } | undefined, note: string): void {
    if (finding) this.used.add(finding.id);
    this.fields[path] = { status: finding ? 'stated' : 'proposed', findings: finding ? [finding.id] : [], note };
  }
}

// ---------------------------------------------------------------------------
// helpers

const ALL_DAYS: WeekdayName[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function weekdayRange(from: WeekdayName, to: WeekdayName): WeekdayName[] {
  const a = ALL_DAYS.indexOf(from);
  const b = ALL_DAYS.indexOf(to);
  return a <= b ? ALL_DAYS.slice(a, b + 1) : [...ALL_DAYS.slice(a), ...ALL_DAYS.slice(0, b + 1)];
}

function weekly(zone: string, days: WeekdayName[], windows: WorkingWindow[]): CalendarDefinition {
  const week: CalendarDefinition['week'] = {};
  for (const d of days) week[d] = windows.map((w) => ({ ...w }));
  return { zone, week, holidays: [], extraWorkingDays: [] };
}

/** Weeks become days; months and years never reach a clock (the reader keeps them for terms and recurrences). */
function clockDuration(d: WrittenDuration): Duration {
  if (d.unit === 'weeks') return { amount: d.amount * 7, unit: 'days' };
  if (d.unit === 'months' || d.unit === 'years') throw new Error(`a ${d.unit} duration is not a clock target`);
  return { amount: d.amount, unit: d.unit };
}

export function describeDuration(d: Duration): string {
  return `${d.amount} ${d.unit}`;
}

function describePromise(p: PromisedTime): string {
  if (p.kind === 'duration')
    return p.unit === 'months' || p.unit === 'years' ? `${p.amount} ${p.unit}` : describeDuration(clockDuration(p));
  if (p.kind === 'vague') return `"${p.word}"`;
  return p.kind;
}

function describeRecurrence(r: { every: WrittenDuration; times: number }): string {
  return `${r.times} time${r.times > 1 ? 's' : ''} every ${r.every.amount} ${r.every.unit}`;
}

function describeCalendar(c: Extract<Finding, { kind: 'calendar' }>): string {
  if (c.daysPerWeek) return `${c.daysPerWeek}×${c.hoursPerDay}`;
  return [c.weekdays ? `${c.weekdays.from}–${c.weekdays.to}` : '', c.hours ? `${c.hours.open}–${c.hours.close}` : '']
    .filter(Boolean)
    .join(' ');
}

function rank(name: string): number {
  const i = CLASS_ORDER.indexOf(name);
  return i === -1 ? CLASS_ORDER.length : i;
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, '');
}
