/**
 * "一般问题保证在当日内予以解决": due at the close of the same working day, or of the next working
 * day when reported after hours (DESIGN §8, issue item "end-of-day deadlines"). { amount: N,
 * unit: 'workingDays', endOfDay: true } is the close of the N-th working day, the report's day
 * being day 1 when reported before its last close.
 */
import { DateTime } from 'luxon';
import {
  BusinessCalendar,
  CALENDAR_24X7,
  type CalendarDefinition,
  type Duration,
  deadlineOf,
  toZonedIso,
  validateDuration,
} from '../../../src/domain/clock';
import { DomainValidationError } from '../../../src/domain/errors';
import { PolicyDefinitionSchema } from '../../../src/domain/policy/schema';
import { parseInput } from '../../../src/domain/validation';
import { secondsPolicy } from '../../harness/fixtures';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const FIVE_BY_EIGHT: CalendarDefinition['week'] = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [
    d,
    [
      { open: '08:30', close: '12:00' },
      { open: '13:30', close: '17:30' },
    ],
  ]),
);
const cal = (zone: string, holidays: string[] = [], extraWorkingDays: CalendarDefinition['extraWorkingDays'] = []) =>
  BusinessCalendar.of({ zone, week: FIVE_BY_EIGHT, holidays, extraWorkingDays });
const eod = (amount: number): Duration => ({ amount, unit: 'workingDays', endOfDay: true });
const due = (c: BusinessCalendar, startIso: string, d: Duration, pauses: Array<{ from: number; to: number | null }> = []) => {
  const instant = deadlineOf(c, at(startIso, c.zone), d, pauses);
  return instant === null ? null : toZonedIso(instant, c.zone);
};

describe('end-of-day targets', () => {
  const c = cal(SH);
  // 2026-03-02 is a Monday.
  it.each([
    ['during the morning', '2026-03-02T10:00', '2026-03-02T17:30:00.000+08:00'],
    ['before the first opening', '2026-03-02T07:00', '2026-03-02T17:30:00.000+08:00'],
    ['at lunch', '2026-03-02T12:30', '2026-03-02T17:30:00.000+08:00'],
    ['after the close: the next working day', '2026-03-02T18:00', '2026-03-03T17:30:00.000+08:00'],
    ['exactly at the close: the next working day', '2026-03-02T17:30', '2026-03-03T17:30:00.000+08:00'],
    ['on Saturday: Monday', '2026-03-07T11:00', '2026-03-09T17:30:00.000+08:00'],
  ])('当日内, reported %s', (_case, start, expected) => {
    expect(due(c, start, eod(1))).toBe(expected);
  });

  it('counts further working days: 2 is the next working day close', () => {
    expect(due(c, '2026-03-02T10:00', eod(2))).toBe('2026-03-03T17:30:00.000+08:00');
    expect(due(c, '2026-03-06T10:00', eod(2))).toBe('2026-03-09T17:30:00.000+08:00');
  });

  it('skips holidays and works make-up days (调休)', () => {
    const holidays = cal(SH, ['2026-03-03']);
    expect(due(holidays, '2026-03-02T18:00', eod(1))).toBe('2026-03-04T17:30:00.000+08:00');
    const makeUp = BusinessCalendar.of({
      zone: SH,
      week: FIVE_BY_EIGHT,
      holidays: [],
      extraWorkingDays: [{ date: '2026-03-07', windows: [{ open: '09:00', close: '16:00' }] }],
    });
    expect(due(makeUp, '2026-03-06T18:00', eod(1))).toBe('2026-03-07T16:00:00.000+08:00');
  });

  it('keeps the local close across a DST change', () => {
    // 2026-03-08 02:00 New York springs forward: Monday's close is 17:30 EDT (21:30 UTC), Friday's 17:30 EST (22:30 UTC).
    const ny = cal(NY);
    expect(new Date(deadlineOf(ny, at('2026-03-06T18:00', NY), eod(1))!).toISOString()).toBe('2026-03-09T21:30:00.000Z');
    expect(new Date(deadlineOf(ny, at('2026-03-06T10:00', NY), eod(1))!).toISOString()).toBe('2026-03-06T22:30:00.000Z');
  });

  it('on a 7×24 calendar, the close is local midnight', () => {
    const c24 = BusinessCalendar.of({ ...CALENDAR_24X7, zone: SH });
    expect(due(c24, '2026-03-02T23:00', eod(1))).toBe('2026-03-03T00:00:00.000+08:00');
  });

  it('a pause moves it later by the working time it took', () => {
    const pause = { from: at('2026-03-02T14:00', SH), to: at('2026-03-02T15:00', SH) };
    expect(due(c, '2026-03-02T10:00', eod(1), [pause])).toBe('2026-03-03T09:30:00.000+08:00');
  });

  it('is refused with a wall-clock or working-hours unit, naming the field', () => {
    expect(() => validateDuration({ amount: 1, unit: 'hours', endOfDay: true }, 'x.')).toThrow(DomainValidationError);
    try {
      validateDuration({ amount: 1, unit: 'hours', endOfDay: true }, 'x.');
    } catch (e) {
      expect((e as DomainValidationError).issues).toEqual([
        { path: 'x.endOfDay', message: expect.stringMatching(/needs unit workingDays/) },
      ]);
    }
    const policy = secondsPolicy();
    (policy.severities.urgent.penalty as Record<string, unknown>).restoreWithin = { amount: 1, unit: 'hours', endOfDay: true };
    let issues: unknown;
    try {
      parseInput(PolicyDefinitionSchema, policy);
    } catch (e) {
      issues = (e as DomainValidationError).issues;
    }
    expect(issues).toEqual([
      { path: 'severities.urgent.penalty.restoreWithin.endOfDay', message: expect.stringMatching(/needs unit workingDays .*, not hours/) },
    ]);
  });

  it('is accepted in a policy with workingDays and kept', () => {
    const policy = secondsPolicy();
    (policy.severities.urgent.penalty as Record<string, unknown>).restoreWithin = { amount: 1, unit: 'workingDays', endOfDay: true };
    const parsed = parseInput(PolicyDefinitionSchema, policy) as typeof policy;
    expect(parsed.severities.urgent.penalty!.restoreWithin).toEqual({ amount: 1, unit: 'workingDays', endOfDay: true, anchor: 'report' });
  });
});
