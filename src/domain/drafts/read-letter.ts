/**
 * Reads one letter, sentence by sentence, into findings. The sentence patterns
 * the letters use:
 *
 * - a time and what it is for: "30分钟内通过远程拨号访问", "4小时内到达现场",
 *   "an engineer on site within 4 hours" (Chinese puts the time before the verb,
 *   English mostly after);
 * - a named time: "响应时间不超过1小时", "响应时间:4工作小时" (in a service
 *   table the row names the step: "远程支持 … 响应时间:4工作小时");
 * - a trigger: "在8小时内无法排除,…24小时内提供…备用产品" (the first time
 *   triggers the spare, the second is its delivery);
 * - a missed step with a consequence: "两个工作日未做出响应,…损失负责";
 * - the class a time belongs to: the nearest class label before it ("一般问题
 *   一天内解决,重大问题三天内解决"), the label that opens the sentence
 *   ("紧急情况:…"), or the class heading the sentence sits under ("1.关键问题").
 *
 * Deterministic: the same text always gives the same findings in the same order.
 */
import { ClassRef, Finding, FindingValue, LetterSlot, PromisedTime, Provenance, StatedAnchor } from './findings';
import { Letter, Sentence } from './letters';
import { NormalisedText } from './normalise';
import { Quantity, scanQuantities } from './quantities';
import { Span } from './traced-text';
import {
  ACTIONS,
  AFTER_TERM,
  Action,
  CAP_WORDS,
  CLASS_DEFINITION,
  CLASS_HEADING,
  CLASS_WORDS,
  CONTRACT_TOTAL,
  CUMULATIVE,
  DUTY_WORDS,
  EN_CLASS_LABEL,
  EXCLUSION_CONTEXT,
  EXCLUSION_WORDS,
  EXTENDS,
  FORCE_MAJEURE,
  FROM_REPORT,
  NOT_RESOLVED,
  NOT_RESPONDED,
  NO_LIABILITY,
  PENALTY_WORDS,
  PERIODIC,
  PER_PERIOD,
  REMEDY_WORDS,
  REQUEST_LABEL,
  ROW_RESPONSE_CELL,
  SERVICE_ROW,
  TERM_WORDS,
  VENDOR_CAUSED,
  ZH_CLASS_LABEL,
} from './vocabulary';

type Means = Action['means'];

interface Binding {
  means: Means;
  /** Where the words naming the step are, in sentence coordinates. */
  at: Span;
  /** A failed step ("无法排除"): the quantity triggers `then`. */
  trigger?: { then: Means | null; at: Span };
  /** A missed response ("未做出响应"). */
  missed?: boolean;
  /** "4小时内派遣技术人员到达现场": the time covers the dispatch too, so it runs from the report. */
  dispatchIncluded?: boolean;
}

interface ClassContext {
  ref: ClassRef;
  setBy: 'label' | 'heading';
  style: string | null;
}

interface RowSubject {
  at: number;
  means: LetterSlot | null;
  class: ClassRef | null;
  tier: boolean;
  name: string;
}

const SUB_HEADINGS = /^(?:描述|支持方式|说明|定义|服务规范|响应方式|服务流程)[::]$/;

/** Reads one letter of a normalised text into findings with provenance in the original. */
export function readLetter(source: NormalisedText, letter: Letter): Finding[] {
  const reader = new LetterReader(source, letter);
  return reader.read();
}

class LetterReader {
  private readonly findings: Finding[] = [];
  private classContext: ClassContext | null = null;
  /** Inside an exclusions section ("免责条款:") until the next heading, or a list ("下列情况不属于保修范围:") until its "。". */
  private exclusionContext: 'section' | 'list' | null = null;
  private readonly rows: RowSubject[];

  constructor(
    private readonly source: NormalisedText,
    private readonly letter: Letter,
  ) {
    this.rows = [...source.text.text.slice(letter.start, letter.end).matchAll(SERVICE_ROW)].map((m) =>
      rowSubject(m[0], letter.start + m.index),
    );
  }

  read(): Finding[] {
    for (const sentence of this.letter.sentences) {
      // Letters' sentences are short (the longest in the seeds has 233 characters); reading one means
      // looking around each quantity in it, so a "sentence" of thousands of characters (a table or a
      // paste without punctuation) would cost quadratic time. It is listed as unread instead.
      if (sentence.text.length > MAX_SENTENCE_LENGTH) {
        this.add(
          sentence,
          { start: 0, end: sentence.text.length },
          {
            kind: 'gap',
            reason: `a passage of ${sentence.text.length} characters without a sentence end, too long to read as one sentence`,
          },
        );
      } else this.readSentence(sentence);
    }
    return this.findings;
  }

  private readSentence(sentence: Sentence): void {
    const text = sentence.text;
    const openingClass = this.updateContexts(sentence);
    const quantities = scanQuantities(text);
    const request = REQUEST_LABEL.exec(text) ?? requestMention(text);
    const firstOfSentence = this.findings.length;
    const calendars: Quantity[] = [];

    for (const q of quantities) {
      switch (q.kind) {
        case 'service-pattern':
        case 'hours':
        case 'weekdays':
          calendars.push(q);
          break;
        case 'fraction':
          this.readFraction(sentence, q);
          break;
        case 'recurrence':
          this.add(sentence, q.span, { kind: 'obligation', name: dutyName(text), recurrence: { every: q.every, times: q.times } });
          break;
        case 'duration':
        case 'immediate':
        case 'same-day':
        case 'vague':
          // "每中断一天" is a penalty period, "无法立即提供" a negation: neither is a promised time.
          if (/每(?:中断|延误|逾期)?$|(?:无法|不能|未能)$/.test(text.slice(Math.max(0, q.span.start - 3), q.span.start))) break;
          // Months and years are terms and recurrences, never a step's deadline ("免费维护60个月", "两年以上的备品备件").
          if (q.kind === 'duration' && (q.unit === 'months' || q.unit === 'years')) break;
          // "24小时及时修复": the vague word belongs to the time just before it.
          if (q.kind === 'vague' && quantities.some((o) => o !== q && o.span.end <= q.span.start && q.span.start - o.span.end <= 2)) break;
          this.readTime(sentence, q, openingClass, request);
          break;
        case 'money':
          break;
      }
    }
    this.readCalendars(sentence, calendars);
    this.readClauses(sentence, quantities, firstOfSentence);
  }

  // -------------------------------------------------------------------------
  // context: class labels, class headings, exclusion sections

  /** Updates the running contexts; returns the class a label opening this sentence names, if any. */
  private updateContexts(sentence: Sentence): ClassRef | null {
    const text = sentence.text;
    const style = enumeratorStyle(text);
    const heading = CLASS_HEADING.exec(text);
    if (heading) {
      const ref = classRef(heading[1], heading[1] + heading[2]);
      this.add(sentence, { start: 0, end: text.length }, { kind: 'severity-class', class: ref, name: CLASS_WORDS[ref.key] });
      this.classContext = { ref, setBy: 'heading', style };
      return ref;
    }
    const definition = CLASS_DEFINITION.exec(text);
    if (definition && !REQUEST_LABEL.test(text.slice(0, definition[0].length))) {
      const key = (definition[1] ?? definition[3]).toLowerCase();
      const label = definition[0]
        .replace(/^[\s?•·*-]*(?:\d+[.、)]\s*)?/, '')
        .replace(/[::]\s*$/, '')
        .trim();
      const ref = classRef(key, label);
      const rest = text.slice(definition[0].length).trim();
      this.add(
        sentence,
        { start: 0, end: text.length },
        { kind: 'severity-class', class: ref, name: CLASS_WORDS[ref.key], definition: rest || undefined },
      );
      this.classContext = { ref, setBy: 'label', style };
      this.exclusionContext = null;
      return ref;
    }
    const colonHeading = text.length <= 12 && /[::]$/.test(text) && !SUB_HEADINGS.test(text);
    if (this.classContext) {
      const ctx = this.classContext;
      const higher = style === 'cn' || style === 'chapter';
      if (ctx.setBy === 'label' && (style !== null || colonHeading)) this.classContext = null;
      else if (ctx.setBy === 'heading' && (higher || (style !== null && style === ctx.style))) this.classContext = null;
    }
    if (/^(?:[一二三四五六七八九十]+、|\d+[.、])?\s*(?:乙方)?(?:免责条款|免责|责任限制|exclusions?\b)/i.test(text))
      this.exclusionContext = 'section';
    else if (EXCLUSION_CONTEXT.test(text) && /[::]$/.test(text)) this.exclusionContext = 'list';
    else if (style === 'cn' || style === 'chapter' || (colonHeading && !/免责|责任/.test(text))) this.exclusionContext = null;
    return null;
  }

  // -------------------------------------------------------------------------
  // times

  private readTime(sentence: Sentence, q: Quantity, openingClass: ClassRef | null, request: RegExpExecArray | null): boolean {
    const text = sentence.text;
    const english = !/[\u4e00-\u9fff]/.test(text);
    const binding = this.bind(sentence, q, english);
    const promise = promiseOf(q);
    if (!binding) {
      if (q.kind === 'duration' && looksPromised(text, q.span)) {
        this.add(sentence, clauseAround(text, q.span), { kind: 'gap', reason: 'a time the reader could not tie to a step' });
        return true;
      }
      if (q.kind === 'immediate' && looksPromised(text, q.span)) {
        this.add(sentence, clauseAround(text, q.span), { kind: 'gap', reason: '"immediately", not tied to a step the reader knows' });
        return true;
      }
      return false;
    }
    const span = cover(q.span, binding.at, binding.trigger?.at);
    const cls = this.classAt(text, q.span.start, openingClass, sentence);

    if (request && request.index <= q.span.start) {
      const ownClause = text.slice(lastBoundary(text, q.span.start), q.span.start);
      const delivers = /deliver|implement|完成|上线|交付|不超过/i.test(ownClause.slice(-24));
      const step = delivers || binding.means === 'restore' || binding.means === 'solution' ? 'deliver' : 'reply';
      this.add(sentence, span, { kind: 'change-request', request: request[1].trim(), step, promise });
      return true;
    }
    if (binding.missed) {
      const remedy = REMEDY_WORDS.find((r) => r.pattern.test(text.slice(q.span.end)));
      this.add(sentence, cover(span, remedy ? matchSpan(text, remedy.pattern, q.span.end) : undefined), {
        kind: 'extra-commitment',
        name: 'respond, or be liable',
        slot: 'triage.respond',
        class: cls,
        promise,
        consequence: remedy?.remedy,
      });
      return true;
    }
    if (binding.trigger) {
      const then = binding.trigger.then;
      const slot: LetterSlot | null =
        then === 'spare.deliver'
          ? 'spare.trigger'
          : then === 'expert.convene'
            ? 'expert.trigger'
            : then === 'onsite.arrive' || then === 'dispatch'
              ? 'remote.escalate'
              : null;
      if (slot) this.add(sentence, span, { kind: 'target', slot, class: cls, promise });
      else this.add(sentence, span, { kind: 'gap', reason: 'a time after which something happens, but the reader does not know what' });
      return true;
    }
    // "立即开展故障排查和修复工作": work starts at once; nobody promises an immediate restore.
    if (binding.means === 'restore' && q.kind === 'immediate') {
      this.add(sentence, span, { kind: 'extra-commitment', name: 'repair work starts at once', slot: 'restore', class: cls, promise });
      return true;
    }
    const row = binding.means === 'triage.respond' ? this.rowFor(sentence, q.span) : undefined;
    if (row) {
      if (row.tier || !row.means) {
        this.add(sentence, span, { kind: 'extra-commitment', name: `${row.name}: response`, slot: row.means, class: row.class, promise });
      } else {
        this.add(sentence, span, {
          kind: 'target',
          slot: row.means,
          class: row.class ?? cls,
          promise,
          anchor: this.anchorOf(text, q, row.means),
        });
      }
      return true;
    }
    switch (binding.means) {
      case 'answer':
        this.add(sentence, span, { kind: 'extra-commitment', name: 'definite answer', slot: 'triage.respond', class: cls, promise });
        return true;
      case 'solution':
        this.add(sentence, span, { kind: 'extra-commitment', name: 'solution proposed', slot: 'restore', class: cls, promise });
        return true;
      case 'dispatch':
        this.add(sentence, span, { kind: 'extra-commitment', name: 'engineer dispatched', slot: 'onsite.arrive', class: cls, promise });
        return true;
      case 'station':
        if (q.kind === 'duration')
          this.add(sentence, span, {
            kind: 'obligation',
            name: 'engineer stationed on site',
            recurrence: null,
            within: { amount: q.amount, unit: q.unit },
          });
        return q.kind === 'duration';
      case 'progress':
        this.add(sentence, span, { kind: 'progress-updates', every: q.kind === 'duration' ? q : null });
        return true;
      default: {
        const slot = binding.means;
        const anchor = binding.dispatchIncluded ? 'report' : this.anchorOf(text, q, slot);
        this.add(sentence, span, { kind: 'target', slot, class: cls, promise, anchor });
        return true;
      }
    }
  }

  /** What a time in the sentence is for, or null. */
  private bind(sentence: Sentence, q: Quantity, english: boolean): Binding | null {
    const text = sentence.text;
    const clauseStart = lastBoundary(text, q.span.start);
    const clauseEnd = nextBoundary(text, q.span.end);

    // "响应时间不超过1小时", "到达现场时间不超过2小时", "响应时间:4工作小时", "response time: 4 hours"
    const before = text.slice(clauseStart, q.span.start);
    const nearStart = Math.max(0, q.span.start - 16);
    const near = text.slice(nearStart, q.span.start);
    const named = /(?:时间|\btime)\s*(?:不超过|不大于|不多于|为|是|[::]|≤|<=|of|is|within)?\s*(?:在)?\s*$/i.exec(near);
    if (named) {
      const action = lastAction(near.slice(lastBoundary(near, named.index), named.index));
      if (action) return { means: action.means, at: shift(action.at, nearStart + lastBoundary(near, named.index)) };
    }

    const right = text.slice(q.span.end, clauseEnd);
    const rightFirst = (): Binding | null => {
      const missed = NOT_RESPONDED.exec(right);
      const failed = NOT_RESOLVED.exec(right);
      const action = firstAction(right);
      const firstAt = Math.min(missed?.index ?? Infinity, failed?.index ?? Infinity, action?.at.start ?? Infinity);
      if (missed && missed.index === firstAt) return { means: 'triage.respond', missed: true, at: shift(spanOf(missed), q.span.end) };
      if (failed && failed.index === firstAt) return this.trigger(text, shift(spanOf(failed), q.span.end));
      if (action) {
        const onsiteAfterDispatch = action.means === 'dispatch' && q.kind === 'duration' ? firstAction(right.slice(action.at.end)) : null;
        if (onsiteAfterDispatch?.means === 'onsite.arrive') {
          return {
            means: 'onsite.arrive',
            at: shift({ start: action.at.start, end: action.at.end + onsiteAfterDispatch.at.end }, q.span.end),
            dispatchIncluded: true,
          };
        }
        return { means: action.means, at: shift(action.at, q.span.end) };
      }
      // "两个星期内,本公司将派驻…": a time closing its clause is for what the next clause says.
      if (/^\s*(?:内|以内|之内)?\s*$/.test(right) && clauseEnd < text.length && !/[。;;]/.test(text[clauseEnd])) {
        const nextEnd = nextBoundary(text, clauseEnd + 1);
        const next = text.slice(clauseEnd + 1, nextEnd);
        const action = firstAction(next);
        if (action && !NOT_RESOLVED.test(next)) return { means: action.means, at: shift(action.at, clauseEnd + 1) };
      }
      return null;
    };
    const leftInClause = (): Binding | null => {
      const failed = lastMatch(before, NOT_RESOLVED);
      const action = lastAction(before);
      if (failed && (!action || failed.end >= action.at.end)) return this.trigger(text, shift(failed, clauseStart));
      const missed = lastMatch(before, NOT_RESPONDED);
      if (missed && (!action || missed.start >= action.at.start))
        return { means: 'triage.respond', missed: true, at: shift(missed, clauseStart) };
      return action ? { means: action.means, at: shift(action.at, clauseStart) } : null;
    };

    const found = english ? (leftInClause() ?? rightFirst()) : rightFirst();
    if (found) return found;

    // "2小时内,若电话咨询服务不能解决问题,乙方应即刻指派技术人员赶赴现场"
    const rest = text.slice(clauseEnd);
    const conditional = NOT_RESOLVED.exec(rest);
    if (conditional && q.kind === 'duration') return this.trigger(text, shift(spanOf(conditional), clauseEnd));

    // "组织有关技术专家进行会诊,并在4小时内采取相应措施": the step is named in this clause or the one before.
    if (q.kind === 'duration') {
      const previousStart = lastBoundary(text, Math.max(0, clauseStart - 1));
      const action = lastAction(text.slice(previousStart, q.span.start));
      if (action && action.means !== 'dispatch') return { means: action.means, at: shift(action.at, previousStart) };
    }
    return null;
  }

  /** A failed step at `failedAt`: what it triggers is the first step named after it. */
  private trigger(text: string, failedAt: Span): Binding {
    const after = firstAction(text.slice(failedAt.end));
    return {
      means: after?.means ?? 'restore',
      at: failedAt,
      trigger: { then: after?.means ?? null, at: after ? shift(after.at, failedAt.end) : failedAt },
    };
  }

  /** The service-table row a "响应时间:" cell belongs to. */
  private rowFor(sentence: Sentence, span: Span): RowSubject | undefined {
    const text = sentence.text;
    if (!ROW_RESPONSE_CELL.test(text.slice(Math.max(0, span.start - 8), span.start))) return undefined;
    const at = sentence.start + span.start;
    return [...this.rows].reverse().find((r) => r.at < at);
  }

  private anchorOf(text: string, q: Quantity, slot: LetterSlot): StatedAnchor | undefined {
    const before = text.slice(0, q.span.start);
    if (slot === 'spare.deliver' && NOT_RESOLVED.test(before)) return 'previous-step';
    // Chinese names the start before the time ("接到通知后…"), English mostly after it ("within 4 hours of the call").
    const after = text.slice(q.span.end, nextBoundary(text, q.span.end));
    return FROM_REPORT.test(before) || FROM_REPORT.test(after) ? 'report' : undefined;
  }

  /** The class a time belongs to: the nearest label before it, the sentence's opening label, the section's class. */
  private classAt(text: string, at: number, openingClass: ClassRef | null, sentence: Sentence): ClassRef | null {
    const before = text.slice(0, at);
    const labels = [...before.matchAll(ZH_CLASS_LABEL), ...before.matchAll(EN_CLASS_LABEL)].sort((a, b) => a.index - b.index);
    const last = labels.pop();
    if (last) return classRef(last[1].toLowerCase(), last[0]);
    const row = this.rowAt(sentence.start + at);
    if (row?.class) return row.class;
    return openingClass ?? this.classContext?.ref ?? null;
  }

  private rowAt(at: number): RowSubject | undefined {
    return [...this.rows].reverse().find((r) => r.at < at);
  }

  // -------------------------------------------------------------------------
  // calendars, money, exclusions and the rest

  private readCalendars(sentence: Sentence, qs: Quantity[]): void {
    const text = sentence.text;
    const weekdays = qs.find((q) => q.kind === 'weekdays');
    const hours = qs.find((q) => q.kind === 'hours');
    for (const q of qs) {
      if (q.kind !== 'service-pattern') continue;
      const around = text.slice(Math.max(0, q.span.start - 8), Math.min(text.length, q.span.end + 10));
      const urgent = /紧急|加急|\bemergenc|\burgent/i.test(text.slice(q.span.end, q.span.end + 8));
      const clause = text.slice(lastBoundary(text, q.span.start), q.span.start);
      const labelled = [...clause.matchAll(ZH_CLASS_LABEL), ...clause.matchAll(EN_CLASS_LABEL)].pop();
      const row = /服务时间[::]\s*$/.test(text.slice(Math.max(0, q.span.start - 6), q.span.start))
        ? this.rowAt(sentence.start + q.span.start)
        : undefined;
      const cls = urgent
        ? classRef('紧急', '紧急响应')
        : labelled
          ? classRef(labelled[1].toLowerCase(), labelled[0])
          : (row?.class ?? null);
      this.add(sentence, q.span, {
        kind: 'calendar',
        daysPerWeek: q.daysPerWeek,
        hoursPerDay: q.hoursPerDay,
        scope: scopeOf(around),
        class: cls,
      });
    }
    if (hours || weekdays) {
      const parts: Span[] = [hours?.span, weekdays?.span].filter((s): s is Span => s !== undefined);
      const span = cover(parts[0], ...parts);
      this.add(sentence, span, {
        kind: 'calendar',
        weekdays: weekdays?.kind === 'weekdays' ? { from: weekdays.from, to: weekdays.to } : undefined,
        hours: hours?.kind === 'hours' ? { open: hours.open, close: hours.close } : undefined,
        scope: scopeOf(text),
        class: null,
      });
    }
  }

  private readFraction(sentence: Sentence, q: Extract<Quantity, { kind: 'fraction' }>): void {
    const text = sentence.text;
    if (!PENALTY_WORDS.test(text)) return;
    const before = text.slice(lastBoundary(text, q.span.start), q.span.start);
    const clause = text.slice(lastBoundary(text, q.span.start), nextBoundary(text, q.span.end));
    const basis = CONTRACT_TOTAL.test(clause) ? 'contract-total' : 'unstated';
    const capMatch = lastMatch(before, CAP_WORDS);
    if (capMatch) {
      this.add(sentence, cover(q.span, shift(capMatch, lastBoundary(text, q.span.start))), {
        kind: 'penalty-cap',
        fraction: q.value,
        basis,
        cumulative: CUMULATIVE.test(clause),
      });
      return;
    }
    const per = PER_PERIOD.exec(text);
    this.add(sentence, cover(q.span, per ? spanOf(per) : undefined), {
      kind: 'penalty-rate',
      fraction: q.value,
      per: per ? { amount: 1, unit: 'days' } : null,
      basis,
    });
  }

  private readClauses(sentence: Sentence, quantities: Quantity[], firstOfSentence: number): void {
    const text = sentence.text;
    const excluding = this.exclusionContext !== null || EXCLUSION_CONTEXT.test(text);
    if (excluding) {
      for (const { pattern, cause } of EXCLUSION_WORDS) {
        // Force majeure that extends the deadlines is not an exclusion (the force-majeure finding says what it does).
        if (cause === 'force-majeure' && FORCE_MAJEURE.test(text) && (!excluding || EXTENDS.test(text))) continue;
        for (const m of text.matchAll(pattern)) this.add(sentence, spanOf(m), { kind: 'exclusion', cause });
      }
      if (this.exclusionContext === 'list' && /。$/.test(text)) this.exclusionContext = null;
    }
    const fm = FORCE_MAJEURE.exec(text);
    if (fm) {
      const effect = EXTENDS.test(text)
        ? 'extend-deadlines'
        : NO_LIABILITY.test(text)
          ? 'no-liability'
          : excluding
            ? 'excluded'
            : 'mentioned';
      this.add(sentence, { start: 0, end: text.length }, { kind: 'force-majeure', effect });
    }
    for (const { pattern, remedy } of REMEDY_WORDS) {
      const m = pattern.exec(text);
      if (m) this.add(sentence, spanOf(m), { kind: 'remedy', remedy });
    }
    const vendor = VENDOR_CAUSED.exec(text);
    if (vendor && /中断|违约|interrupt|penalt|outage/i.test(text))
      this.add(sentence, spanOf(vendor), { kind: 'penalty-condition', condition: 'vendor-caused' });

    if (!quantities.some((q) => q.kind === 'recurrence')) {
      const periodic = PERIODIC.exec(text);
      const duty = periodic ? DUTY_WORDS.find((d) => d.pattern.test(text.slice(periodic.index))) : undefined;
      if (periodic && duty) {
        this.add(sentence, cover(spanOf(periodic), matchSpan(text, duty.pattern, periodic.index)), {
          kind: 'obligation',
          name: duty.name,
          recurrence: null,
        });
      }
    }
    // Steps promised with no time at all: a fault report after the fix, progress updates.
    const timed = this.findings.slice(firstOfSentence);
    for (const means of ['faultReport', 'progress'] as const) {
      const action = ACTIONS.find((a) => a.means === means);
      const m = action ? action.pattern.exec(text) : null;
      const already = timed.some((f) =>
        means === 'progress' ? f.kind === 'progress-updates' : f.kind === 'target' && f.slot === 'faultReport',
      );
      if (m && !already) {
        if (means === 'progress') this.add(sentence, spanOf(m), { kind: 'progress-updates', every: null });
        else this.add(sentence, spanOf(m), { kind: 'target', slot: 'faultReport', class: null, promise: { kind: 'vague', word: m[0] } });
      }
    }
    const term = TERM_WORDS.exec(text);
    if (term) {
      const years = quantities.find(
        (q) => q.kind === 'duration' && (q.unit === 'years' || q.unit === 'months') && !AFTER_TERM.test(text.slice(0, q.span.start)),
      );
      if (years && years.kind === 'duration') {
        this.add(sentence, cover(spanOf(term), years.span), {
          kind: 'term',
          months: years.unit === 'years' ? years.amount * 12 : years.amount,
        });
      } else if (/X年|X个月/.test(text)) {
        this.add(sentence, spanOf(term), { kind: 'term', months: null });
      }
    }
  }

  // -------------------------------------------------------------------------

  private add(sentence: Sentence, local: Span, value: FindingValue): void {
    const traced = this.source.text;
    const span = traced.toOriginal({ start: sentence.start + local.start, end: sentence.start + local.end });
    const sentenceSpan = traced.toOriginal(sentence);
    const source: Provenance = {
      span,
      text: this.source.original.slice(span.start, span.end),
      sentence: { span: sentenceSpan, text: this.source.original.slice(sentenceSpan.start, sentenceSpan.end), normalised: sentence.text },
    };
    this.findings.push({ ...value, id: `${value.kind}-${this.findings.length + 1}`, source } as Finding);
  }
}

// ---------------------------------------------------------------------------
// helpers

/** Longer "sentences" are not read (see read()); 4× the longest sentence of the seed letters. */
export const MAX_SENTENCE_LENGTH = 1000;

function classRef(key: string, label: string): ClassRef {
  const k = key === '一般性' ? '一般' : key === '加急' ? '紧急' : key.toLowerCase();
  return { key: k, label };
}

function promiseOf(q: Quantity): PromisedTime {
  switch (q.kind) {
    case 'duration':
      return { kind: 'duration', amount: q.amount, unit: q.unit };
    case 'immediate':
      return { kind: 'immediate' };
    case 'same-day':
      return { kind: 'same-day' };
    case 'vague':
      return { kind: 'vague', word: q.word };
    default:
      throw new Error(`not a time: ${q.kind}`);
  }
}

function rowSubject(name: string, at: number): RowSubject {
  const means: LetterSlot | null = /现场/.test(name)
    ? 'onsite.arrive'
    : /远程/.test(name)
      ? 'remote.start'
      : /热线/.test(name)
        ? 'triage.respond'
        : null;
  return {
    at,
    name,
    means,
    class: /加急|紧急/.test(name) ? classRef('紧急', name) : null,
    tier: /专属|VIP|保障/.test(name),
  };
}

function requestMention(text: string): RegExpExecArray | null {
  return /(二次开发|咨询类问题|更换[^,。;:]{0,10}(?:系统|软件)的需求|change requests?|feature requests?)/i.exec(text);
}

function enumeratorStyle(text: string): string | null {
  if (/^\s*第[一二三四五六七八九十\d]+[章篇]/.test(text)) return 'chapter';
  if (/^\s*[一二三四五六七八九十]+、/.test(text)) return 'cn';
  if (/^\s*\(\d+\)/.test(text)) return 'paren-both';
  if (/^\s*\d+\)/.test(text)) return 'paren';
  if (/^\s*\d+·\d+/.test(text)) return 'dotted';
  if (/^\s*\d+[.、](?!\d)/.test(text)) return 'digit';
  return null;
}

function scopeOf(text: string): 'service' | 'hotline' | 'duty' {
  if (/值班|on duty/i.test(text)) return 'duty';
  if (/热线|电话|办公时间|hotline|phone|telephone|office hours/i.test(text)) return 'hotline';
  return 'service';
}

function dutyName(text: string): string {
  return DUTY_WORDS.find((d) => d.pattern.test(text))?.name ?? 'recurring duty';
}

/** A time written as a promise ("…内", "within …", "不超过…") rather than as a description ("24小时服务热线"). */
function looksPromised(text: string, span: Span): boolean {
  const after = text.slice(span.end, span.end + 3);
  const before = text.slice(Math.max(0, span.start - 12), span.start);
  return /^(?:内|以内|之内)/.test(after) || /(?:不超过|within|in under|no later than)\s*$/i.test(before);
}

const BOUNDARY = /[,,;;:。!?]/;

function lastBoundary(text: string, at: number): number {
  for (let i = at - 1; i >= 0; i--) if (BOUNDARY.test(text[i])) return i + 1;
  return 0;
}

function nextBoundary(text: string, at: number): number {
  for (let i = at; i < text.length; i++) if (BOUNDARY.test(text[i])) return i;
  return text.length;
}

function clauseAround(text: string, span: Span): Span {
  return { start: lastBoundary(text, span.start), end: nextBoundary(text, span.end) };
}

interface FoundAction {
  means: Means;
  at: Span;
}

function firstAction(text: string): FoundAction | null {
  let best: FoundAction | null = null;
  for (const action of ACTIONS) {
    const m = action.pattern.exec(text);
    if (m && (!best || m.index < best.at.start)) best = { means: action.means, at: spanOf(m) };
  }
  return best;
}

function lastAction(text: string): FoundAction | null {
  let best: FoundAction | null = null;
  for (const action of ACTIONS) {
    const m = lastMatch(text, action.pattern);
    if (m && (!best || m.end > best.at.end)) best = { means: action.means, at: m };
  }
  return best;
}

function lastMatch(text: string, pattern: RegExp): Span | null {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  let last: Span | null = null;
  for (const m of text.matchAll(global)) last = spanOf(m);
  return last;
}

function matchSpan(text: string, pattern: RegExp, from: number): Span | undefined {
  const m = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(text.slice(from));
  return m ? shift(spanOf(m), from) : undefined;
}

function spanOf(m: RegExpMatchArray): Span {
  const start = m.index ?? 0;
  return { start, end: start + m[0].length };
}

function shift(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

function cover(a: Span, ...others: (Span | undefined)[]): Span {
  let { start, end } = a;
  for (const o of others) {
    if (!o) continue;
    start = Math.min(start, o.start);
    end = Math.max(end, o.end);
  }
  return { start, end };
}
