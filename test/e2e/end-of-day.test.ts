/**
 * End-of-day targets over HTTP on the real servers: "一般问题保证在当日内予以解决" is the close of
 * the same working day (or the next one's when reported after hours), previewed on a calendar,
 * accepted in a policy only with workingDays, and due on a running incident at that close.
 */
import { DateTime } from 'luxon';
import { CALENDAR_24X7 } from '../../src/domain/clock';
import { startTestApp, type TestApp } from '../harness/context';
import { createContract, secondsPolicy } from '../harness/fixtures';
import { clock, detail, report } from '../harness/incidents';

const SH = 'Asia/Shanghai';
const FIVE_BY_EIGHT = {
  zone: SH,
  week: Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [
      d,
      [
        { open: '09:00', close: '12:00' },
        { open: '13:00', close: '18:00' },
      ],
    ]),
  ),
  holidays: ['2026-10-01'],
  extraWorkingDays: [],
};
const EOD = { amount: 1, unit: 'workingDays', endOfDay: true };

describe('end-of-day targets', () => {
  let t: TestApp;
  let calendarId: string;
  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http.post('/api/v1/calendars').send({ name: `eod-${Date.now()}`, definition: FIVE_BY_EIGHT });
    expect(res.status).toBe(201);
    calendarId = res.body.id;
  });
  afterAll(async () => t?.close());

  it.each([
    ['during the day: that day at 18:00', '2026-09-29T10:00:00+08:00', '2026-09-29T18:00:00.000+08:00'],
    ['after hours: the next working day', '2026-09-29T19:00:00+08:00', '2026-09-30T18:00:00.000+08:00'],
    ['the evening before a holiday: past it', '2026-09-30T19:00:00+08:00', '2026-10-02T18:00:00.000+08:00'],
  ])('the deadline preview: reported %s', async (_case, start, expected) => {
    const res = await t.http.post(`/api/v1/calendars/${calendarId}/deadline`).send({ start, duration: EOD });
    expect(res.status).toBe(200);
    expect(res.body.deadlineLocal).toBe(expected);
  });

  it('refuses endOfDay with another unit, naming the field, and creates nothing', async () => {
    const policy = secondsPolicy();
    (policy.severities.urgent.penalty as Record<string, unknown>).restoreWithin = { amount: 4, unit: 'hours', endOfDay: true };
    const name = `eod-bad-${Date.now()}`;
    const res = await t.http.post('/api/v1/policies').send({ name, definition: policy });
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors).toEqual([
      { path: 'definition.severities.urgent.penalty.restoreWithin.endOfDay', message: expect.stringMatching(/needs unit workingDays/) },
    ]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM policies WHERE name = $1`, [name]);
    expect(n).toBe(0);
    const preview = await t.http
      .post(`/api/v1/calendars/${calendarId}/deadline`)
      .send({ start: '2026-09-29T10:00:00+08:00', duration: { amount: 1, unit: 'workingHours', endOfDay: true } });
    expect(preview.status).toBe(400);
    expect(preview.body.fieldErrors[0].path).toBe('duration.endOfDay');
  });

  it('a running incident is due at the close of the working day it was reported on (7×24: local midnight)', async () => {
    const policy = secondsPolicy();
    (policy.severities.urgent.penalty as Record<string, unknown>).restoreWithin = { ...EOD, anchor: 'report' };
    const created = await t.http.post('/api/v1/policies').send({ name: `eod-${Date.now()}`, definition: policy });
    expect(created.status).toBe(201);
    expect(created.body.definition.severities.urgent.penalty.restoreWithin).toEqual({ ...EOD, anchor: 'report' });

    const { contractId } = await createContract(t.dataSource, {
      policy: created.body.definition,
      calendar: { ...CALENDAR_24X7, zone: SH },
    });
    const id = await report(t, contractId);
    const d = await detail(t, id);
    const reportedAt = DateTime.fromISO(d.reportedAt).setZone(SH);
    const midnight = reportedAt.plus({ days: 1 }).startOf('day').toMillis();
    expect(clock(d.state, 'penalty.restoreWithin').dueAt).toBe(midnight);
  });
});
