/**
 * Issue 14 item 2, over HTTP on the real servers: a contract runs its 'urgent' class on 24x7 and its
 * 'general' class on a 5×8 calendar. Incidents reported on a Saturday pin their class's calendar:
 * the urgent one's "4 working hours" is due 4 hours later, the general one's on Monday. A
 * reclassification across the two calendars is refused; bad classCalendars are field-named 400s.
 */
import { randomUUID } from 'node:crypto';
import type { CalendarDefinition } from '../../src/domain/clock/types';
import { startTestApp, type TestApp } from '../harness/context';
import { createContract, secondsPolicy } from '../harness/fixtures';
import { clock, detail, report } from '../harness/incidents';

/** Monday–Friday 09:00–18:00 in Beijing time, no holidays. */
const FIVE_BY_EIGHT: CalendarDefinition = {
  zone: 'Asia/Shanghai',
  week: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, [{ open: '09:00', close: '18:00' }]])),
  holidays: [],
  extraWorkingDays: [],
} as CalendarDefinition;

const FOUR_WORKING_HOURS = { triage: { respondWithin: { amount: 4, unit: 'workingHours' as const, anchor: 'report' as const } } };
/** A Saturday (18:00 in Beijing), outside the 5×8 working hours. */
const SATURDAY = '2026-11-21T10:00:00.000Z';

describe('per-class calendars', () => {
  let t: TestApp;
  let contractId: string;
  let policyId: string;
  const calendarId = `5x8-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    t = await startTestApp();
    await t.dataSource.query(`INSERT INTO calendars (id, name, definition) VALUES ($1, $1, $2)`, [
      calendarId,
      JSON.stringify(FIVE_BY_EIGHT),
    ]);
    ({ policyId } = await createContract(t.dataSource, {
      policy: secondsPolicy({ urgent: FOUR_WORKING_HOURS, general: FOUR_WORKING_HOURS }),
    }));
    const admin = await t.as(['admin']);
    const created = await admin.post('/api/v1/contracts').send({
      name: `class-calendars-${policyId}`,
      customer: 'Jinwei',
      totalValue: '100000.00',
      currency: 'CNY',
      calendarId,
      policyId,
      penaltyTerms: null,
      classCalendars: { urgent: '24x7' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ calendarId, classCalendars: { urgent: '24x7' } });
    contractId = created.body.id;
  });
  afterAll(async () => t?.close());

  it("each class's clocks run on its calendar: 4 working hours on 24x7 are 4 hours, on 5×8 they start Monday", async () => {
    const urgent = await report(t, contractId, 'urgent', { reportedAt: SATURDAY });
    const general = await report(t, contractId, 'general', { reportedAt: SATURDAY });
    const dueOf = async (id: string) => new Date(clock((await detail(t, id)).state, 'triage.respondWithin').dueAt!).toISOString();
    expect(await dueOf(urgent)).toBe('2026-11-21T14:00:00.000Z');
    // Monday 09:00 + 4 working hours = 13:00 Beijing time.
    expect(await dueOf(general)).toBe('2026-11-23T05:00:00.000Z');
    // The list shows each incident in the zone of the calendar it pinned.
    const list = await t.http.get('/api/v1/incidents').query({ contractId });
    const zones = Object.fromEntries(list.body.items.map((i: { id: string; zone: string }) => [i.id, i.zone]));
    expect(zones).toEqual({ [urgent]: 'UTC', [general]: 'Asia/Shanghai' });
    expect((await detail(t, general)).zone).toBe('Asia/Shanghai');

    const pinned = async (id: string) => (await t.dataSource.query(`SELECT pinned FROM incidents WHERE id = $1`, [id]))[0].pinned;
    const p = await pinned(urgent);
    expect(p.calendar.id).toBe('24x7');
    expect({ urgent: p.classCalendars.urgent.id, general: p.classCalendars.general.id }).toEqual({ urgent: '24x7', general: calendarId });
    expect((await pinned(general)).calendar.id).toBe(calendarId);

    // Moving the clocks to the other calendar is not supported: refused, nothing changes.
    const refused = await t.http.post(`/api/v1/incidents/${urgent}/reclassify`).send({ actor: 'lead:chen', severity: 'general' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'step_refused', step: 'reclassify' });
    expect(refused.body.message).toContain(
      `severity general runs on calendar ${calendarId}, but this incident's clocks run on calendar 24x7`,
    );
    const after = await detail(t, urgent);
    expect(after.state.severity).toBe('urgent');
    expect(after.timeline.map((e: { kind: string }) => e.kind)).not.toContain('reclassified');
  });

  it('bad classCalendars are field-named 400s and change nothing; null clears the map', async () => {
    const admin = await t.as(['admin']);
    const bad = await admin.put(`/api/v1/contracts/${contractId}`).send({ classCalendars: { urgent: 'no-such-calendar', nope: '24x7' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors.map((e: { path: string }) => e.path).sort()).toEqual(['classCalendars.nope', 'classCalendars.urgent']);
    expect((await admin.get(`/api/v1/contracts/${contractId}`)).body.classCalendars).toEqual({ urgent: '24x7' });

    const name = `class-calendars-bad-${policyId}`;
    const badCreate = await admin.post('/api/v1/contracts').send({
      name,
      customer: 'Jinwei',
      totalValue: '1.00',
      currency: 'CNY',
      calendarId,
      policyId,
      penaltyTerms: null,
      classCalendars: { urgent: '' },
    });
    expect(badCreate.status).toBe(400);
    expect(badCreate.body.fieldErrors.map((e: { path: string }) => e.path)).toEqual(['classCalendars.urgent']);
    expect(await t.dataSource.query(`SELECT id FROM contracts WHERE name = $1`, [name])).toEqual([]);

    const { contractId: other } = await createContract(t.dataSource);
    const cleared = await admin.put(`/api/v1/contracts/${other}`).send({ classCalendars: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.classCalendars).toBeNull();
  });
  it("the term is read in the zone of the contract's calendar, whatever calendar the class runs on", async () => {
    const admin = await t.as(['admin']);
    expect((await admin.put(`/api/v1/contracts/${contractId}`).send({ endsOn: '2026-11-21' })).status).toBe(200);
    // 18:00 UTC (the urgent class's zone) on the last day is already 2026-11-22 in Beijing (the contract's).
    const late = await t.http
      .post('/api/v1/incidents')
      .send({ contractId, severity: 'urgent', description: 'Mail down', reportedAt: '2026-11-21T18:00:00.000Z' });
    expect(late.status).toBe(400);
    expect(late.body.fieldErrors.map((e: { path: string }) => e.path)).toEqual(['reportedAt']);
    expect((await admin.put(`/api/v1/contracts/${contractId}`).send({ endsOn: null })).status).toBe(200);
  });
});
