/**
 * Issue 14 item 10 over HTTP on the real servers: a calendar follows China's holidays and make-up
 * days (chinese-days) or another region's (date-holidays), materialised when it is saved and marked
 * as the feed's; an admin overrides single dates; an unknown region is a field-named 400 that changes
 * nothing; the calendar exports as iCalendar; an incident pins the dates as they were at its start.
 */
import type { Agent } from '../harness/context';
import { startTestApp, type TestApp } from '../harness/context';
import { createContract, secondsPolicy } from '../harness/fixtures';
import { report } from '../harness/incidents';

const day = [{ open: '09:00', close: '18:00' }];
const WEEK = { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day };

describe('calendars that follow holiday feeds', () => {
  let t: TestApp;
  let admin: Agent;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as(['admin']);
  });
  afterAll(async () => t?.close());

  it('China with its make-up days: materialised, marked, overridden by date, exported as .ics, pinned by incidents', async () => {
    const name = `cn-5x8-${Date.now()}`;
    const created = await admin.post('/api/v1/calendars').send({
      name,
      definition: { zone: 'Asia/Shanghai', week: WEEK, holidays: ['2026-12-24'], holidayFeed: { region: 'CN', years: [2026] } },
    });
    expect(created.status).toBe(201);
    const def = created.body.definition;
    expect(def.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2026-12-24']));
    expect(def.extraWorkingDays).toContainEqual({ date: '2026-10-10', windows: day });
    expect(def.holidayFeed.dates).toContainEqual({
      date: '2026-10-01',
      kind: 'holiday',
      name: expect.stringContaining('国庆节'),
      source: 'feed',
    });
    expect(def.holidayFeed.dates.some((d: { date: string }) => d.date === '2026-12-24')).toBe(false); // the admin's own

    // A contract on it pins the dates at the report.
    const { contractId } = await createContract(t.dataSource, { policy: secondsPolicy({ urgent: {} }) });
    expect((await admin.put(`/api/v1/contracts/${contractId}`).send({ calendarId: created.body.id })).status).toBe(200);
    const before = await report(t, contractId);

    // Single dates overridden: 7 Oct worked, the 10 Oct make-up day dropped; the definition read back is re-sent as is.
    const updated = await admin.put(`/api/v1/calendars/${created.body.id}`).send({
      definition: {
        ...def,
        holidayFeed: {
          ...def.holidayFeed,
          overrides: [
            { date: '2026-10-07', as: 'working' },
            { date: '2026-10-10', as: 'weekly' },
          ],
        },
      },
    });
    expect(updated.status).toBe(200);
    const next = updated.body.definition;
    expect(next.holidays).not.toContain('2026-10-07');
    expect(next.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2026-12-24']));
    expect(next.extraWorkingDays.map((x: { date: string }) => x.date)).not.toContain('2026-10-10');
    expect(next.holidayFeed.dates).toContainEqual(expect.objectContaining({ date: '2026-10-07', kind: 'workday', source: 'override' }));

    const [pin] = await t.dataSource.query(`SELECT pinned FROM incidents WHERE id = $1`, [before]);
    expect(pin.pinned.calendar.definition.holidays).toContain('2026-10-07');
    const after = await report(t, contractId);
    const [pin2] = await t.dataSource.query(`SELECT pinned FROM incidents WHERE id = $1`, [after]);
    expect(pin2.pinned.calendar.definition.holidays).not.toContain('2026-10-07');

    const viewer = await t.as(['viewer']);
    const ics = await viewer.get(`/api/v1/calendars/${created.body.id}.ics`).buffer(true);
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(ics.text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.text).toContain('DTSTART;VALUE=DATE:20261001');
    expect(ics.text).not.toContain('DTSTART;VALUE=DATE:20261007');
    expect(ics.text).toContain('DTSTART;VALUE=DATE:20261224');
    expect((await viewer.get('/api/v1/calendars/no-such-calendar.ics')).status).toBe(404);
  });

  it('other regions through date-holidays; an unknown region is a field-named 400 and changes nothing', async () => {
    const de = await admin.post('/api/v1/calendars').send({
      name: `de-by-${Date.now()}`,
      definition: { zone: 'Europe/Berlin', week: WEEK, holidayFeed: { region: 'DE-BY', years: [2026] } },
    });
    expect(de.status).toBe(201);
    expect(de.body.definition.holidays).toEqual(expect.arrayContaining(['2026-01-06', '2026-12-25']));

    const name = `unknown-${Date.now()}`;
    const bad = await admin
      .post('/api/v1/calendars')
      .send({ name, definition: { zone: 'UTC', week: WEEK, holidayFeed: { region: 'XX', years: [2026] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual([
      { path: 'definition.holidayFeed.region', message: expect.stringContaining('unknown region "XX"') },
    ]);
    expect((await t.dataSource.query(`SELECT 1 FROM calendars WHERE name = $1`, [name])).length).toBe(0);

    const noData = await admin.put(`/api/v1/calendars/${de.body.id}`).send({
      definition: { zone: 'Asia/Shanghai', week: WEEK, holidayFeed: { region: 'CN', years: [2031] } },
    });
    expect(noData.status).toBe(400);
    expect(noData.body.fieldErrors.map((e: { path: string }) => e.path)).toEqual(['definition.holidayFeed.years[0]']);
    expect((await admin.get(`/api/v1/calendars/${de.body.id}`)).body.definition.zone).toBe('Europe/Berlin');
  });
});
