/** Per-class calendars (issue 14 item 2): the contract's map validated, the class's calendar chosen, reclassification across calendars refused. */
import { CreateContractSchema, UpdateContractSchema } from '../../../src/contracts/dto/contract.dto';
import { calendarIdOf, classCalendarRefusal } from '../../../src/domain/contract/class-calendars';
import { LadderContext, payloadRefusal, initialState } from '../../../src/domain/ladder';
import { fieldIssues } from '../../../src/domain/validation';
import { CALENDAR_24X7 } from '../../../src/domain/clock';
import { CALENDAR_5X8, makeInput, payloadFor, WF } from '../ladder/helpers';

const BASE = {
  name: 'Jinwei',
  customer: 'Jinwei',
  totalValue: '1000.00',
  currency: 'CNY',
  calendarId: '5x8',
  policyId: 'p',
  penaltyTerms: null,
};

const issues = (input: unknown, schema: typeof CreateContractSchema | typeof UpdateContractSchema = CreateContractSchema) => {
  const r = schema.safeParse(input);
  return r.success ? [] : fieldIssues(r.error).map((i) => i.path);
};

describe('contract classCalendars', () => {
  it('keeps the map, and null when absent', () => {
    expect(CreateContractSchema.parse({ ...BASE, classCalendars: { urgent: '24x7' } }).classCalendars).toEqual({ urgent: '24x7' });
    expect(CreateContractSchema.parse(BASE).classCalendars).toBeNull();
    expect(UpdateContractSchema.parse({ classCalendars: null }).classCalendars).toBeNull();
  });

  it('names a bad entry by its class', () => {
    expect(issues({ ...BASE, classCalendars: { urgent: '' } })).toEqual(['classCalendars.urgent']);
    expect(issues({ ...BASE, classCalendars: { urgent: 7 } })).toEqual(['classCalendars.urgent']);
    expect(issues({ ...BASE, classCalendars: ['24x7'] })).toEqual(['classCalendars']);
  });

  it("a mapped class runs on its calendar, any other on the contract's", () => {
    expect(calendarIdOf({ urgent: '24x7' }, '5x8', 'urgent')).toBe('24x7');
    expect(calendarIdOf({ urgent: '24x7' }, '5x8', 'general')).toBe('5x8');
    expect(calendarIdOf(null, '5x8', 'urgent')).toBe('5x8');
  });
});

describe('reclassification across pinned class calendars', () => {
  const pinned = {
    urgent: { id: '24x7', definition: CALENDAR_24X7 },
    general: { id: '5x8', definition: CALENDAR_5X8 },
  };

  it('is refused to a class on another calendar, with both calendars named', () => {
    const input = { ...makeInput({ severity: 'urgent' }), classCalendars: pinned };
    const ctx = new LadderContext(input, WF);
    const { state } = initialState(ctx);
    expect(payloadRefusal(ctx, state, 'reclassify', payloadFor('reclassify', { severity: 'general' }))).toBe(
      "severity general runs on calendar 5x8, but this incident's clocks run on calendar 24x7: " +
        'a reclassification across calendars is not supported (report a new incident in class general)',
    );
  });

  it('is taken to a class on the same calendar, and for snapshots pinned without the map', () => {
    const same = { urgent: pinned.urgent, general: pinned.urgent };
    const ctx = new LadderContext({ ...makeInput({ severity: 'urgent' }), classCalendars: same }, WF);
    expect(payloadRefusal(ctx, initialState(ctx).state, 'reclassify', payloadFor('reclassify', { severity: 'general' }))).toBeNull();
    const old = new LadderContext(makeInput({ severity: 'urgent' }), WF);
    expect(payloadRefusal(old, initialState(old).state, 'reclassify', payloadFor('reclassify', { severity: 'general' }))).toBeNull();
    expect(classCalendarRefusal(undefined, pinned.urgent, 'general')).toBeNull();
  });
});
