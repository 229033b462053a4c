/**
 * Letters written for these tests, in both languages, with what the draft must
 * hold: the values each letter states (and only those), and every gap — what
 * it leaves unstated gets a proposal flagged for review, never a silent number.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { DraftsResult, LetterDraft, draftFromText } from '../../../src/domain/drafts';
import { RUNG_TARGETS } from '../../../src/domain/policy/policy';
import { expectFinding } from './expect-finding';
import { TEMPLATE_LETTERS, templateLetter } from './seeds';

// The reader does not draft cadences (progress.updateEvery): only the other slots are drafted.
const RUNG_SLOTS_FOR_TEST: string[] = RUNG_TARGETS.filter((s) => !('recurring' in s)).map((s) => s.key);
const read = (name: string): string => readFileSync(join(__dirname, 'letters', name), 'utf8');

function only(result: DraftsResult): LetterDraft {
  expect(result.letters).toHaveLength(1);
  return result.letters[0];
}

const target = (letter: LetterDraft, cls: string, key: string): unknown => {
  const [rung, field] = key.split('.');
  return (letter.draft.policy.severities[cls] as unknown as Record<string, Record<string, unknown>>)[rung][field];
};
const stated = (letter: LetterDraft): string[] =>
  Object.entries(letter.draft.fields)
    .filter(([, f]) => f.status === 'stated')
    .map(([p]) => p);
const gaps = (letter: LetterDraft): string[] => letter.draft.gaps.map((g) => `${g.kind} ${g.path ?? ''}`.trim());
const unpromised = (cls: string, keys: string[]): string[] => keys.map((k) => `unpromised-rung policy.severities.${cls}.${k}`);

describe('an English SLA with P1/P2/P3 classes, a spare trigger, service credits and extras', () => {
  const text = read('en-p-classes.txt');
  const letter = only(draftFromText(text));
  const f = (clause: string, expected: Record<string, unknown>) => expectFinding(letter, text, clause, expected);

  it('reads each sentence pattern', () => {
    f('P1 (critical): the billing service is down for all users.', { kind: 'severity-class', class: { key: 'p1' } });
    f('respond to P1 incidents within 15 minutes', { kind: 'target', slot: 'triage.respond', class: { key: 'p1' } });
    f('on site within 4 hours', {
      kind: 'target',
      slot: 'onsite.arrive',
      anchor: 'report',
      promise: { kind: 'duration', amount: 4, unit: 'hours' },
    });
    f('is not resolved within 8 hours, a spare unit', {
      kind: 'target',
      slot: 'spare.trigger',
      promise: { kind: 'duration', amount: 8, unit: 'hours' },
    });
    f('spare unit will be delivered within 24 hours', { kind: 'target', slot: 'spare.deliver', anchor: 'previous-step' });
    f('restore service within 1 business day', {
      kind: 'target',
      slot: 'restore',
      class: { key: 'p2' },
      promise: { kind: 'duration', amount: 1, unit: 'workingDays' },
    });
    f('0.5 percent of the contract value per day', { kind: 'penalty-rate', fraction: '0.005', basis: 'contract-total' });
    f('capped at 10 percent', { kind: 'penalty-cap', fraction: '0.1', cumulative: true });
    f('24/7', { kind: 'calendar', daysPerWeek: 7, class: { key: 'p1' } });
    f('quarterly', { kind: 'obligation', recurrence: { every: { amount: 3, unit: 'months' }, times: 1 } });
    f('answered within 5 business days', { kind: 'change-request', step: 'reply' });
    f('operator error', { kind: 'exclusion', cause: 'operator-error' });
  });

  it('drafts exactly the stated values', () => {
    const d = letter.draft;
    expect(Object.keys(d.policy.severities)).toEqual(['p1', 'p2', 'p3']);
    expect(target(letter, 'p1', 'triage.respondWithin')).toEqual({ amount: 15, unit: 'minutes', anchor: 'report' });
    expect(target(letter, 'p1', 'remote.startWithin')).toEqual({ amount: 30, unit: 'minutes', anchor: 'report' });
    expect(target(letter, 'p1', 'onsite.arriveWithin')).toEqual({ amount: 4, unit: 'hours', anchor: 'report' });
    expect(target(letter, 'p1', 'spare.triggerAfter')).toEqual({ amount: 8, unit: 'hours', anchor: 'report' });
    expect(target(letter, 'p1', 'spare.deliverWithin')).toEqual({ amount: 24, unit: 'hours', anchor: 'rungStart' });
    expect(target(letter, 'p2', 'penalty.restoreWithin')).toEqual({ amount: 1, unit: 'workingDays', anchor: 'report' });
    expect(target(letter, 'p3', 'triage.respondWithin')).toEqual({ amount: 2, unit: 'workingDays', anchor: 'report' });
    expect(d.calendar.week).toEqual(
      Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, [{ open: '09:00', close: '17:00' }]])),
    );
    expect(d.contractTerms.penalty).toEqual({
      ratePerPeriod: '0.005',
      period: { amount: 1, unit: 'days' },
      capFraction: '0.1',
      capScope: 'contract',
      partialPeriod: 'started',
      countFrom: 'report',
    });
    expect(stated(letter)).toEqual([
      'calendar',
      'policy.severities.p1.triage.respondWithin',
      'policy.severities.p1.remote.startWithin',
      'policy.severities.p1.onsite.arriveWithin',
      'policy.severities.p1.spare.triggerAfter',
      'policy.severities.p1.spare.deliverWithin',
      'policy.severities.p2.triage.respondWithin',
      'policy.severities.p2.penalty.restoreWithin',
      'policy.severities.p3.triage.respondWithin',
      'contractTerms.penalty.ratePerPeriod',
      'contractTerms.penalty.period',
      'contractTerms.penalty.capFraction',
      'contractTerms.penalty.capScope',
    ]);
  });

  it('lists every gap: unstated values, unpromised rungs, the fault report promised without a time, what the model cannot hold', () => {
    expect(gaps(letter)).toEqual([
      'unstated-value calendar.zone',
      'not-expressible',
      ...unpromised('p1', [
        'remote.resolveWithin',
        'expert.triggerAfter',
        'expert.conveneWithin',
        'penalty.restoreWithin',
        'signOff.within',
      ]),
      'unstated-target policy.severities.p1.faultReport.deliverWithin',
      ...unpromised('p2', [
        'remote.startWithin',
        'remote.resolveWithin',
        'onsite.arriveWithin',
        'spare.triggerAfter',
        'spare.deliverWithin',
        'expert.triggerAfter',
        'expert.conveneWithin',
        'signOff.within',
      ]),
      'unstated-target policy.severities.p2.faultReport.deliverWithin',
      ...unpromised('p3', [
        'remote.startWithin',
        'remote.resolveWithin',
        'onsite.arriveWithin',
        'spare.triggerAfter',
        'spare.deliverWithin',
        'expert.triggerAfter',
        'expert.conveneWithin',
        'penalty.restoreWithin',
        'signOff.within',
      ]),
      'unstated-target policy.severities.p3.faultReport.deliverWithin',
      'unstated-value contractTerms.currency',
      'unstated-value contractTerms.penalty.partialPeriod',
      'unstated-value contractTerms.penalty.countFrom',
      'not-expressible',
      'not-expressible',
      'not-expressible',
      'not-expressible',
      'not-expressible',
    ]);
    expect(letter.draft.unexpressed).toEqual([
      'P1 incidents: its own service hours (7×24); the current model has one calendar per contract',
      'customer-caused exclusions (power, customer-hardware, operator-error): the contract has no list of exclusion causes yet',
      'change request "Change requests": reply within 5 workingDays',
      'change request "Change requests": deliver within 20 workingDays',
      'obligation: report, 1 time every 3 months',
      'force majeure (extend-deadlines): handled at run time by pause/resume or exclude, not held in the contract',
    ]);
    const report = letter.draft.gaps.find((g) => g.path === 'policy.severities.p1.faultReport.deliverWithin');
    expect(report).toMatchObject({ review: true, proposed: { amount: 3, unit: 'workingDays', anchor: 'rungStart' } });
    expect(report?.message).toContain('"root-cause report"');
  });
});

describe('a one-sentence English undertaking', () => {
  const letter = only(draftFromText(read('en-minimal.txt')));

  it('holds its one time and proposes everything else, flagged', () => {
    expect(stated(letter)).toEqual(['policy.severities.fault.triage.respondWithin']);
    expect(target(letter, 'fault', 'triage.respondWithin')).toEqual({ amount: 2, unit: 'workingDays', anchor: 'report' });
    expect(gaps(letter)).toEqual([
      'unstated-value calendar.zone',
      'unstated-value calendar.week',
      'unstated-value policy.severities',
      ...unpromised(
        'fault',
        RUNG_SLOTS_FOR_TEST.filter((k) => k !== 'triage.respondWithin'),
      ),
      'unstated-value contractTerms.currency',
      'not-expressible',
    ]);
    expect(letter.draft.unexpressed).toEqual(['progress updates while a fault is open (no cadence stated)']);
    expect(letter.draft.contractTerms.penalty).toBeNull();
  });
});

describe('a Chinese letter with full-width punctuation, working hours and a per-mille penalty', () => {
  const text = read('zh-full-width.txt');
  const result = draftFromText(text);
  const letter = only(result);
  const f = (clause: string, expected: Record<string, unknown>) => expectFinding(letter, text, clause, expected);

  it('says what normalisation did and keeps provenance on the full-width original', () => {
    expect(result.normalisation.find((s) => s.step === 'width')?.message).toBe(
      'converted 24 full-width or no-break characters to half-width',
    );
    f('周一至周五 8:30－17:30', { kind: 'calendar', weekdays: { from: 'monday', to: 'friday' }, hours: { open: '08:30', close: '17:30' } });
    f('半小时内响应', {
      kind: 'target',
      slot: 'triage.respond',
      class: { key: '紧急' },
      promise: { kind: 'duration', amount: 30, unit: 'minutes' },
      anchor: 'report',
    });
    f('4个工作小时内到达现场', { kind: 'target', slot: 'onsite.arrive', promise: { kind: 'duration', amount: 4, unit: 'workingHours' } });
    f('每延误一天按合同总额的千分之三', { kind: 'penalty-rate', fraction: '0.003', per: { amount: 1, unit: 'days' } });
    f('不超过合同总额的百分之十', { kind: 'penalty-cap', fraction: '0.1', cumulative: true });
    f('每季度进行一次', { kind: 'obligation', name: 'inspection' });
    f('5个工作日内答复', { kind: 'change-request', request: '二次开发', step: 'reply' });
  });

  it('drafts the stated values on the stated working week', () => {
    expect(letter.draft.calendar.week.monday).toEqual([{ open: '08:30', close: '17:30' }]);
    expect(letter.draft.calendar.week.saturday).toBeUndefined();
    expect(target(letter, 'urgent', 'remote.startWithin')).toEqual({ amount: 2, unit: 'hours', anchor: 'report' });
    expect(target(letter, 'urgent', 'onsite.arriveWithin')).toEqual({ amount: 4, unit: 'workingHours', anchor: 'report' });
    expect(target(letter, 'urgent', 'penalty.restoreWithin')).toEqual({ amount: 24, unit: 'hours', anchor: 'report' });
    expect(target(letter, 'general', 'triage.respondWithin')).toEqual({ amount: 2, unit: 'workingHours', anchor: 'report' });
    expect(target(letter, 'general', 'penalty.restoreWithin')).toEqual({ amount: 3, unit: 'workingDays', anchor: 'report' });
    expect(letter.draft.contractTerms.penalty).toMatchObject({ ratePerPeriod: '0.003', capFraction: '0.1' });
    expect(letter.draft.unexpressed).toEqual([
      'customer-caused exclusions (power, operator-error): the contract has no list of exclusion causes yet',
      'the penalty applies only to interruptions the vendor caused: the model accrues for every incident past the restore target',
      'obligation: inspection, 1 time every 3 months',
      'change request "二次开发": reply within 5 workingDays',
      'force majeure (extend-deadlines): handled at run time by pause/resume or exclude, not held in the contract',
    ]);
  });
});

describe('a Traditional-Chinese letter that promises without numbers', () => {
  const text = read('zh-traditional-vague.txt');
  const letter = only(draftFromText(text));
  const f = (clause: string, expected: Record<string, unknown>) => expectFinding(letter, text, clause, expected);

  it('finds the promises on the Traditional text', () => {
    f('兩年免費保修', { kind: 'term', months: 24 });
    f('及時到達現場', { kind: 'target', slot: 'onsite.arrive', promise: { kind: 'vague', word: '及时' }, anchor: 'report' });
    f('當日解決', { kind: 'target', slot: 'restore', class: { key: '一般' }, promise: { kind: 'same-day' } });
    f('適當的經濟補償', { kind: 'remedy', remedy: 'appropriate-compensation' });
  });

  it('states no time it was not given: on-site and same-day are proposals flagged for review', () => {
    expect(stated(letter)).toEqual(['contractTerms.termMonths']);
    const onsite = letter.draft.gaps.find((g) => g.path === 'policy.severities.general.onsite.arriveWithin');
    expect(onsite).toMatchObject({ kind: 'unstated-target', review: true, proposed: { amount: 4, unit: 'hours' } });
    expect(onsite?.message).toContain('"及時到達現場"');
    const sameDay = letter.draft.gaps.find((g) => g.path === 'policy.severities.general.penalty.restoreWithin');
    expect(sameDay).toMatchObject({ kind: 'unstated-target', proposed: { amount: 1, unit: 'days' } });
    expect(letter.draft.unexpressed).toEqual([
      '"the same day" (當日解決): an end-of-day deadline, approximated as a duration',
      'a remedy that is not a rate (appropriate-compensation): "適當的經濟補償"',
    ]);
  });
});

describe('no invented values, in any draft', () => {
  const drafts: [string, LetterDraft][] = [
    ...TEMPLATE_LETTERS.map(({ id }) => [id, templateLetter(id)] as [string, LetterDraft]),
    ...['en-p-classes.txt', 'en-minimal.txt', 'zh-full-width.txt', 'zh-traditional-vague.txt'].map(
      (n) => [n, only(draftFromText(read(n)))] as [string, LetterDraft],
    ),
  ];

  it.each(drafts)('%s: every target is stated by a finding with that value, or proposed with a gap flagged for review', (_name, letter) => {
    for (const [cls, rungs] of Object.entries(letter.draft.policy.severities)) {
      for (const key of RUNG_SLOTS_FOR_TEST) {
        const path = `policy.severities.${cls}.${key}`;
        const field = letter.draft.fields[path];
        const value = target(letter, cls, key) as { amount: number; unit: string };
        expect({ path, has: !!field }).toEqual({ path, has: true });
        if (field.status === 'stated') {
          const sources = letter.findings.filter((x) => field.findings.includes(x.id));
          const says = sources.some(
            (s) =>
              s.kind === 'target' &&
              s.promise.kind === 'duration' &&
              ((s.promise.amount === value.amount && s.promise.unit === value.unit) ||
                (s.promise.unit === 'weeks' && s.promise.amount * 7 === value.amount)),
          );
          expect({ path, says }).toEqual({ path, says: true });
        } else {
          expect({ path, flagged: letter.draft.gaps.some((g) => g.path === path && g.review && g.proposed !== undefined) }).toEqual({
            path,
            flagged: true,
          });
        }
      }
      expect(rungs).toBeDefined();
    }
  });
});
