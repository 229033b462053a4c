import { DomainValidationError } from '../../../src/domain/errors';
import {
  BUILT_IN_24X7_ID,
  BusinessCalendar,
  CALENDAR_24X7,
  dayNumberToIsoDate,
  isoDateToDayNumber,
  validateCalendar,
} from '../../../src/domain/clock';

const ok = () => ({
  zone: 'Asia/Shanghai',
  week: { monday: [{ open: '09:00', close: '18:00' }] },
  holidays: [] as unknown[],
  extraWorkingDays: [] as unknown[],
});

/** The issues thrown by validateCalendar, as "path: message" lines. */
function issuesOf(def: unknown, path?: string): Array<{ path: string; message: string }> {
  try {
    validateCalendar(def, path);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainValidationError);
    return (e as DomainValidationError).issues;
  }
  throw new Error('expected a DomainValidationError');
}
const paths = (def: unknown, path?: string) => issuesOf(def, path).map((i) => i.path);

describe('validateCalendar', () => {
  it('accepts a valid definition and returns a normalized copy with windows sorted', () => {
    const input = {
      zone: 'Asia/Shanghai',
      week: {
        monday: [
          { open: '13:30', close: '18:00' },
          { open: '09:00', close: '12:00' },
        ],
        saturday: [],
      },
      holidays: ['2026-10-01'],
      extraWorkingDays: [
        {
          date: '2026-09-27',
          windows: [
            { open: '13:30', close: '18:00' },
            { open: '09:00', close: '12:00' },
          ],
        },
      ],
    };
    const snapshot = JSON.parse(JSON.stringify(input));
    const out = validateCalendar(input);
    expect(out).toEqual({
      zone: 'Asia/Shanghai',
      week: {
        monday: [
          { open: '09:00', close: '12:00' },
          { open: '13:30', close: '18:00' },
        ],
        saturday: [],
      },
      holidays: ['2026-10-01'],
      extraWorkingDays: [
        {
          date: '2026-09-27',
          windows: [
            { open: '09:00', close: '12:00' },
            { open: '13:30', close: '18:00' },
          ],
        },
      ],
    });
    expect(input).toEqual(snapshot); // the input is not mutated
    expect(out.week.monday).not.toBe(input.week.monday);
  });

  it('accepts the built-in 24x7 calendar, 24:00 closes and touching windows', () => {
    expect(validateCalendar(CALENDAR_24X7)).toEqual(CALENDAR_24X7);
    expect(BUILT_IN_24X7_ID).toBe('24x7');
    expect(Object.isFrozen(CALENDAR_24X7)).toBe(true);
    expect(Object.isFrozen(CALENDAR_24X7.week.monday)).toBe(true);
    const def = {
      ...ok(),
      week: {
        friday: [
          { open: '00:00', close: '12:00' },
          { open: '12:00', close: '24:00' },
        ],
      },
    };
    expect(() => validateCalendar(def)).not.toThrow();
  });

  it('fills in missing holidays and extraWorkingDays as empty', () => {
    expect(validateCalendar({ zone: 'UTC', week: { monday: [{ open: '09:00', close: '10:00' }] } })).toEqual({
      zone: 'UTC',
      week: { monday: [{ open: '09:00', close: '10:00' }] },
      holidays: [],
      extraWorkingDays: [],
    });
  });

  it('refuses an unknown zone', () => {
    expect(issuesOf({ ...ok(), zone: 'Mars/Olympus_Mons' })).toEqual([
      { path: 'zone', message: expect.stringContaining('unknown IANA time zone') },
    ]);
    expect(paths({ ...ok(), zone: '' })).toEqual(['zone']);
    expect(paths({ ...ok(), zone: 42 })).toEqual(['zone']);
    expect(paths({ ...ok(), zone: undefined })).toEqual(['zone']);
  });

  it('refuses an inverted or empty window', () => {
    expect(paths({ ...ok(), week: { monday: [{ open: '18:00', close: '09:00' }] } })).toEqual(['week.monday[0].close']);
    expect(paths({ ...ok(), week: { monday: [{ open: '09:00', close: '09:00' }] } })).toEqual(['week.monday[0].close']);
  });

  it('refuses overlapping windows of one day, naming the original indexes', () => {
    const def = {
      ...ok(),
      week: {
        tuesday: [
          { open: '13:00', close: '18:00' },
          { open: '09:00', close: '13:30' },
        ],
      },
    };
    const issues = issuesOf(def);
    expect(issues).toEqual([{ path: 'week.tuesday[0]', message: expect.stringContaining('week.tuesday[1]') }]);
  });

  it('refuses bad times: "25:00", "24:00" as an opening, "9:00", "12:60", non-strings', () => {
    expect(paths({ ...ok(), week: { tuesday: [{ open: '25:00', close: '26:00' }] } })).toEqual([
      'week.tuesday[0].open',
      'week.tuesday[0].close',
    ]);
    expect(paths({ ...ok(), week: { monday: [{ open: '24:00', close: '24:00' }] } })).toEqual(['week.monday[0].open']);
    expect(paths({ ...ok(), week: { monday: [{ open: '9:00', close: '12:60' }] } })).toEqual([
      'week.monday[0].open',
      'week.monday[0].close',
    ]);
    expect(paths({ ...ok(), week: { monday: [{ open: 900, close: null }] } })).toEqual(['week.monday[0].open', 'week.monday[0].close']);
    expect(paths({ ...ok(), week: { monday: ['09:00-18:00'] } })).toEqual(['week.monday[0]']);
    expect(paths({ ...ok(), week: { monday: { open: '09:00', close: '18:00' } } })).toEqual(['week.monday', 'week']);
  });

  it('refuses unknown weekday keys and a week with no working time', () => {
    expect(paths({ ...ok(), week: { monday: [{ open: '09:00', close: '18:00' }], funday: [] } })).toEqual(['week.funday']);
    expect(paths({ ...ok(), week: { Monday: [{ open: '09:00', close: '18:00' }] } })).toEqual(['week.Monday', 'week']);
    expect(paths({ ...ok(), week: {} })).toEqual(['week']);
    expect(paths({ ...ok(), week: { monday: [] } })).toEqual(['week']);
    expect(paths({ ...ok(), week: null })).toEqual(['week']);
    expect(paths({ ...ok(), week: [] })).toEqual(['week']);
  });

  it('refuses bad and duplicate holiday dates', () => {
    const def = { ...ok(), holidays: ['2026-10-01', '2026-10-02', '2026-02-30', '2026-10-01', '2026/10/03', 20261004, '2026-13-01'] };
    expect(issuesOf(def)).toEqual([
      { path: 'holidays[2]', message: expect.stringContaining('ISO date') },
      { path: 'holidays[3]', message: expect.stringContaining('duplicate of holidays[0]') },
      { path: 'holidays[4]', message: expect.stringContaining('ISO date') },
      { path: 'holidays[5]', message: expect.stringContaining('ISO date') },
      { path: 'holidays[6]', message: expect.stringContaining('ISO date') },
    ]);
    expect(paths({ ...ok(), holidays: '2026-10-01' })).toEqual(['holidays']);
    expect(() => validateCalendar({ ...ok(), holidays: ['2024-02-29'] })).not.toThrow();
    expect(paths({ ...ok(), holidays: ['2026-02-29'] })).toEqual(['holidays[0]']);
  });

  it('refuses bad extra working days', () => {
    const w = [{ open: '09:00', close: '18:00' }];
    const def = {
      ...ok(),
      holidays: ['2026-10-01'],
      extraWorkingDays: [
        { date: '2026-09-31', windows: w },
        { date: '2026-09-27', windows: [] },
        { date: '2026-10-10', windows: w },
        { date: '2026-10-10', windows: w },
        { date: '2026-10-01', windows: w },
        { date: '2026-10-11', windows: [{ open: '10:00', close: '09:00' }] },
        { date: '2026-10-12' },
        'x',
      ],
    };
    expect(issuesOf(def)).toEqual([
      { path: 'extraWorkingDays[0].date', message: expect.stringContaining('ISO date') },
      { path: 'extraWorkingDays[1].windows', message: expect.stringContaining('at least one') },
      { path: 'extraWorkingDays[3].date', message: expect.stringContaining('duplicate of extraWorkingDays[2]') },
      { path: 'extraWorkingDays[4].date', message: expect.stringContaining('also listed as a holiday') },
      { path: 'extraWorkingDays[5].windows[0].close', message: expect.any(String) },
      { path: 'extraWorkingDays[6].windows', message: expect.any(String) },
      { path: 'extraWorkingDays[7]', message: expect.any(String) },
    ]);
  });

  it('collects every problem at once and prefixes the paths', () => {
    const def = {
      zone: 'Nowhere/City',
      week: { monday: [{ open: '25:00', close: '18:00' }], tuesday: [{ open: '10:00', close: '09:00' }] },
      holidays: ['bad'],
      extraWorkingDays: [{ date: 'bad', windows: [{ open: '09:00', close: '18:00' }] }],
    };
    const err = (() => {
      try {
        validateCalendar(def, 'definition.');
      } catch (e) {
        return e as DomainValidationError;
      }
      throw new Error('no error');
    })();
    expect(err.issues.map((i) => i.path)).toEqual([
      'definition.zone',
      'definition.week.monday[0].open',
      'definition.week.tuesday[0].close',
      'definition.holidays[0]',
      'definition.extraWorkingDays[0].date',
    ]);
    expect(err.message).toContain('definition.zone: ');
  });

  it('refuses a non-object', () => {
    expect(paths(null)).toEqual(['calendar']);
    expect(paths('24x7')).toEqual(['calendar']);
    expect(paths([], 'definition.')).toEqual(['definition']);
  });

  it('BusinessCalendar.of validates too and freezes its definition', () => {
    expect(() => BusinessCalendar.of({ ...ok(), zone: 'Bad/Zone' })).toThrow(DomainValidationError);
    const cal = BusinessCalendar.of(ok());
    expect(cal.zone).toBe('Asia/Shanghai');
    expect(Object.isFrozen(cal.definition)).toBe(true);
    expect(BusinessCalendar.twentyFourSeven().definition).toEqual(CALENDAR_24X7);
  });
});

describe('ISO date day numbers', () => {
  it('round-trips and rejects non-dates', () => {
    expect(isoDateToDayNumber('1970-01-01')).toBe(0);
    expect(isoDateToDayNumber('2026-10-01')).toBe(20727);
    expect(isoDateToDayNumber('1969-12-31')).toBe(-1);
    for (const d of ['2000-02-29', '2026-12-31', '1900-03-01', '2400-02-29']) {
      expect(dayNumberToIsoDate(isoDateToDayNumber(d) as number)).toBe(d);
    }
    for (const d of ['1900-02-29', '2026-04-31', '2026-00-10', '2026-1-1', ' 2026-01-01']) {
      expect(isoDateToDayNumber(d)).toBeNull();
    }
  });
});
