import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../harness/context';

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const day = [{ open: '09:00', close: '18:00' }];
const shanghai5x8 = () => ({
  zone: 'Asia/Shanghai',
  week: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day },
  holidays: [] as string[],
  extraWorkingDays: [] as unknown[],
});

/** The field paths of a 400 answer. */
function paths(body: { fieldErrors?: Array<{ path: string }> }): string[] {
  return (body.fieldErrors ?? []).map((e) => e.path);
}

describe('admin API: calendars', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(async () => t?.close());

  const create = (body: unknown) => t.http.post('/api/v1/calendars').send(body as object);

  describe('CRUD', () => {
    it('creates, reads, updates and lists a calendar; the definition comes back normalized', async () => {
      const name = unique('cal');
      const def = shanghai5x8();
      def.week.monday = [
        { open: '13:30', close: '18:00' },
        { open: '09:00', close: '12:00' },
      ];
      const created = await create({ name, definition: def });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name,
        builtIn: false,
        definition: { zone: 'Asia/Shanghai', holidays: [], extraWorkingDays: [] },
      });
      expect(created.body.definition.week.monday).toEqual([
        { open: '09:00', close: '12:00' },
        { open: '13:30', close: '18:00' },
      ]);
      expect(typeof created.body.id).toBe('string');
      expect(Date.parse(created.body.createdAt)).not.toBeNaN();
      const id = created.body.id as string;

      const read = await t.http.get(`/api/v1/calendars/${id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);

      const renamed = unique('cal-renamed');
      const updated = await t.http.put(`/api/v1/calendars/${id}`).send({
        name: renamed,
        definition: { ...shanghai5x8(), holidays: ['2026-10-01'] },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ id, name: renamed, definition: { holidays: ['2026-10-01'] } });

      const nameOnly = await t.http.put(`/api/v1/calendars/${id}`).send({ name: `${renamed}-2` });
      expect(nameOnly.status).toBe(200);
      expect(nameOnly.body.name).toBe(`${renamed}-2`);
      expect(nameOnly.body.definition.holidays).toEqual(['2026-10-01']);

      let found: { id: string } | undefined;
      for (let offset = 0; !found; offset += 200) {
        const page = await t.http.get(`/api/v1/calendars?limit=200&offset=${offset}`);
        expect(page.status).toBe(200);
        expect(page.body).toMatchObject({ limit: 200, offset });
        found = page.body.items.find((c: { id: string }) => c.id === id);
        if (offset > page.body.total) break;
      }
      expect(found).toMatchObject({ id, name: `${renamed}-2` });
    });

    it('lists with pagination: default limit 50, limit and offset honoured, bad values refused', async () => {
      for (let i = 0; i < 3; i++) expect((await create({ name: unique('cal-page'), definition: shanghai5x8() })).status).toBe(201);
      const all = await t.http.get('/api/v1/calendars');
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ limit: 50, offset: 0 });
      expect(all.body.total).toBeGreaterThanOrEqual(4);

      const one = await t.http.get('/api/v1/calendars?limit=1&offset=1');
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ limit: 1, offset: 1 });
      expect(one.body.items).toHaveLength(1);

      for (const [query, path] of [
        ['limit=0', 'limit'],
        ['limit=201', 'limit'],
        ['limit=abc', 'limit'],
        ['offset=-1', 'offset'],
        ['offset=100000000000000000000', 'offset'],
        ['sort=name', 'sort'],
      ]) {
        const res = await t.http.get(`/api/v1/calendars?${query}`);
        expect(res.status).toBe(400);
        expect(paths(res.body)).toContain(path);
      }
    });

    it('has the built-in 24x7 calendar, which cannot be updated (409)', async () => {
      const res = await t.http.get('/api/v1/calendars/24x7');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: '24x7', builtIn: true, definition: { zone: 'UTC' } });
      const put = await t.http.put('/api/v1/calendars/24x7').send({ name: unique('not-24x7') });
      expect(put.status).toBe(409);
      expect(put.body).toMatchObject({ statusCode: 409, error: 'built_in' });
      expect((await t.http.get('/api/v1/calendars/24x7')).body.name).toBe('24x7');
    });

    it('404 for an unknown calendar (read, update, deadline)', async () => {
      const id = unique('nope');
      const get = await t.http.get(`/api/v1/calendars/${id}`);
      expect(get.status).toBe(404);
      expect(get.body).toMatchObject({ statusCode: 404, error: 'not_found' });
      expect(get.body.message).toContain(id);
      expect((await t.http.put(`/api/v1/calendars/${id}`).send({ name: unique('x') })).status).toBe(404);
      expect((await t.http.get('/api/v1/calendars/a%00b')).status).toBe(404);
      const deadline = await t.http
        .post(`/api/v1/calendars/${id}/deadline`)
        .send({ start: '2026-11-20T09:00:00Z', duration: { amount: 1, unit: 'hours' } });
      expect(deadline.status).toBe(404);
    });

    it('409 for a duplicate name, on create and on rename', async () => {
      const name = unique('cal-dup');
      expect((await create({ name, definition: shanghai5x8() })).status).toBe(201);
      const dup = await create({ name, definition: shanghai5x8() });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ statusCode: 409, error: 'duplicate' });
      expect(dup.body.message).toContain('name');
      expect(dup.body.message).toContain(name);

      const other = await create({ name: unique('cal-dup'), definition: shanghai5x8() });
      const rename = await t.http.put(`/api/v1/calendars/${other.body.id}`).send({ name });
      expect(rename.status).toBe(409);
      expect(rename.body.message).toContain('name');
      expect((await create({ name: '24x7', definition: shanghai5x8() })).status).toBe(409);
    });
  });

  describe('validation (400 with the field path)', () => {
    const cases: Array<[string, () => unknown, string]> = [
      ['unknown zone', () => ({ ...shanghai5x8(), zone: 'Mars/Olympus_Mons' }), 'definition.zone'],
      [
        'inverted window',
        () => ({ ...shanghai5x8(), week: { monday: [{ open: '18:00', close: '09:00' }] } }),
        'definition.week.monday[0].close',
      ],
      [
        'empty window',
        () => ({ ...shanghai5x8(), week: { monday: [{ open: '09:00', close: '09:00' }] } }),
        'definition.week.monday[0].close',
      ],
      [
        'overlapping windows',
        () => ({
          ...shanghai5x8(),
          week: {
            monday: [
              { open: '09:00', close: '12:00' },
              { open: '11:00', close: '18:00' },
            ],
          },
        }),
        'definition.week.monday[1]',
      ],
      [
        'malformed time',
        () => ({ ...shanghai5x8(), week: { monday: [{ open: '9am', close: '18:00' }] } }),
        'definition.week.monday[0].open',
      ],
      ['unknown weekday', () => ({ ...shanghai5x8(), week: { funday: day } }), 'definition.week.funday'],
      ['no working time', () => ({ ...shanghai5x8(), week: {} }), 'definition.week'],
      ['malformed holiday', () => ({ ...shanghai5x8(), holidays: ['2026-02-30'] }), 'definition.holidays[0]'],
      [
        'extra working day also a holiday',
        () => ({ ...shanghai5x8(), holidays: ['2026-10-10'], extraWorkingDays: [{ date: '2026-10-10', windows: day }] }),
        'definition.extraWorkingDays[0].date',
      ],
      ['unknown field in the definition', () => ({ ...shanghai5x8(), timezone: 'UTC' }), 'definition.timezone'],
      [
        'unknown field in a window',
        () => ({ ...shanghai5x8(), week: { monday: [{ open: '09:00', close: '18:00', lunch: true }] } }),
        'definition.week.monday[0].lunch',
      ],
      ['definition not an object', () => 'weekdays', 'definition'],
    ];
    it.each(cases)('%s', async (_label, definition, path) => {
      const res = await create({ name: unique('cal-bad'), definition: definition() });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'validation_failed' });
      expect(paths(res.body)).toContain(path);
    });

    it('refuses unknown, missing and mistyped body fields', async () => {
      const extra = await create({ name: unique('cal'), definition: shanghai5x8(), colour: 'blue' });
      expect(extra.status).toBe(400);
      expect(paths(extra.body)).toEqual(['colour']);
      const missing = await create({ definition: shanghai5x8() });
      expect(missing.status).toBe(400);
      expect(paths(missing.body)).toContain('name');
      const blank = await create({ name: '   ', definition: shanghai5x8() });
      expect(blank.status).toBe(400);
      expect(paths(blank.body)).toContain('name');
      const control = await create({ name: 'tab\there', definition: shanghai5x8() });
      expect(control.status).toBe(400);
      expect(paths(control.body)).toContain('name');
      const long = await create({ name: 'x'.repeat(201), definition: shanghai5x8() });
      expect(long.status).toBe(400);
      expect(paths(long.body)).toContain('name');
    });

    it('validates updates the same way (and wants name or definition)', async () => {
      const created = await create({ name: unique('cal'), definition: shanghai5x8() });
      const id = created.body.id as string;
      const bad = await t.http.put(`/api/v1/calendars/${id}`).send({ definition: { ...shanghai5x8(), zone: 'Nowhere/Land' } });
      expect(bad.status).toBe(400);
      expect(paths(bad.body)).toEqual(['definition.zone']);
      const empty = await t.http.put(`/api/v1/calendars/${id}`).send({});
      expect(empty.status).toBe(400);
      expect(paths(empty.body)).toContain('definition');
      const unknown = await t.http.put(`/api/v1/calendars/${id}`).send({ name: unique('c'), builtIn: true });
      expect(unknown.status).toBe(400);
      expect(paths(unknown.body)).toEqual(['builtIn']);
      expect((await t.http.get(`/api/v1/calendars/${id}`)).body).toEqual(created.body);
    });
  });

  describe('POST /calendars/{id}/deadline', () => {
    let id5x8: string;
    beforeAll(async () => {
      const res = await create({ name: unique('cal-5x8'), definition: shanghai5x8() });
      id5x8 = res.body.id;
    });
    const deadline = (id: string, body: object) => t.http.post(`/api/v1/calendars/${id}/deadline`).send(body);

    it('5x8 Asia/Shanghai: Friday 17:00 + 2 working hours = Monday 10:00', async () => {
      const res = await deadline(id5x8, { start: '2026-11-20T17:00:00+08:00', duration: { amount: 2, unit: 'workingHours' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        deadline: '2026-11-23T02:00:00.000Z',
        deadlineLocal: '2026-11-23T10:00:00.000+08:00',
        calendarId: id5x8,
        zone: 'Asia/Shanghai',
        start: '2026-11-20T09:00:00.000Z',
        duration: { amount: 2, unit: 'workingHours' },
      });
    });

    it('accepts a start given in UTC (Z) or any offset: same instant, same deadline', async () => {
      const res = await deadline(id5x8, { start: '2026-11-20T09:00:00Z', duration: { amount: 2, unit: 'workingHours' } });
      expect(res.body.deadline).toBe('2026-11-23T02:00:00.000Z');
      const res2 = await deadline(id5x8, { start: '2026-11-20T04:00:00-05:00', duration: { amount: 2, unit: 'workingHours' } });
      expect(res2.body.deadline).toBe('2026-11-23T02:00:00.000Z');
    });

    it('working days: Friday 17:00 + 2 working days = Tuesday 17:00', async () => {
      const res = await deadline(id5x8, { start: '2026-11-20T17:00:00+08:00', duration: { amount: 2, unit: 'workingDays' } });
      expect(res.status).toBe(200);
      expect(res.body.deadlineLocal).toBe('2026-11-24T17:00:00.000+08:00');
    });

    it('the built-in 24x7: wall and working time are the same, shown in UTC', async () => {
      const res = await deadline('24x7', { start: '2026-11-20T17:00:00+08:00', duration: { amount: 2, unit: 'workingHours' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ deadline: '2026-11-20T11:00:00.000Z', deadlineLocal: '2026-11-20T11:00:00.000Z', zone: 'UTC' });
      const days = await deadline('24x7', { start: '2026-11-20T09:00:00Z', duration: { amount: 3, unit: 'days' } });
      expect(days.body.deadline).toBe('2026-11-23T09:00:00.000Z');
    });

    it('a closed pause moves the deadline by the paused working time', async () => {
      // paused Friday 17:30–Monday 09:30: 30 working minutes of Friday and 30 of Monday lost
      const res = await deadline(id5x8, {
        start: '2026-11-20T17:00:00+08:00',
        duration: { amount: 2, unit: 'workingHours' },
        pauses: [{ from: '2026-11-20T17:30:00+08:00', to: '2026-11-23T09:30:00+08:00' }],
      });
      expect(res.status).toBe(200);
      expect(res.body.deadlineLocal).toBe('2026-11-23T11:00:00.000+08:00');
      const wall = await deadline('24x7', {
        start: '2026-11-20T00:00:00Z',
        duration: { amount: 4, unit: 'hours' },
        pauses: [{ from: '2026-11-20T01:00:00Z', to: '2026-11-20T02:30:00Z' }],
      });
      expect(wall.body.deadline).toBe('2026-11-20T05:30:00.000Z');
    });

    it('an open pause before the target makes the deadline unknown (null)', async () => {
      const res = await deadline(id5x8, {
        start: '2026-11-20T17:00:00+08:00',
        duration: { amount: 2, unit: 'workingHours' },
        pauses: [{ from: '2026-11-20T17:30:00+08:00' }],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ deadline: null, deadlineLocal: null });
      const nullTo = await deadline(id5x8, {
        start: '2026-11-20T17:00:00+08:00',
        duration: { amount: 2, unit: 'workingHours' },
        pauses: [{ from: '2026-11-23T12:00:00+08:00', to: null }],
      });
      // the pause starts after the deadline: the deadline stands
      expect(nullTo.body.deadlineLocal).toBe('2026-11-23T10:00:00.000+08:00');
    });

    const bad: Array<[string, object, string]> = [
      ['local time without offset', { start: '2026-11-20T17:00:00', duration: { amount: 1, unit: 'hours' } }, 'start'],
      ['malformed start', { start: '2026-13-45T17:00:00Z', duration: { amount: 1, unit: 'hours' } }, 'start'],
      ['start a number', { start: 1763629200000, duration: { amount: 1, unit: 'hours' } }, 'start'],
      ['missing duration', { start: '2026-11-20T17:00:00Z' }, 'duration'],
      ['unknown unit', { start: '2026-11-20T17:00:00Z', duration: { amount: 1, unit: 'fortnights' } }, 'duration.unit'],
      ['negative amount', { start: '2026-11-20T17:00:00Z', duration: { amount: -1, unit: 'hours' } }, 'duration.amount'],
      ['fractional working days', { start: '2026-11-20T17:00:00Z', duration: { amount: 1.5, unit: 'workingDays' } }, 'duration.amount'],
      [
        'unknown field in duration',
        { start: '2026-11-20T17:00:00Z', duration: { amount: 1, unit: 'hours', anchor: 'report' } },
        'duration.anchor',
      ],
      [
        'pause without offset',
        { start: '2026-11-20T17:00:00Z', duration: { amount: 1, unit: 'hours' }, pauses: [{ from: '2026-11-20T18:00:00' }] },
        'pauses[0].from',
      ],
      [
        'inverted pause',
        {
          start: '2026-11-20T17:00:00Z',
          duration: { amount: 1, unit: 'hours' },
          pauses: [{ from: '2026-11-20T18:00:00Z', to: '2026-11-20T17:30:00Z' }],
        },
        'pauses[0].to',
      ],
      ['unknown body field', { start: '2026-11-20T17:00:00Z', duration: { amount: 1, unit: 'hours' }, zone: 'UTC' }, 'zone'],
    ];
    it.each(bad)('400 for %s', async (_label, body, path) => {
      const res = await deadline(id5x8, body);
      expect(res.status).toBe(400);
      expect(paths(res.body)).toContain(path);
    });

    it('names the missing offset in the message', async () => {
      const res = await deadline(id5x8, { start: '2026-11-20T17:00:00', duration: { amount: 1, unit: 'hours' } });
      expect(res.body.fieldErrors[0].message).toMatch(/offset/);
    });
  });
});
