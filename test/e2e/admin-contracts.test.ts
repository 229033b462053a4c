import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../harness/context';
import { secondsPolicy } from '../harness/fixtures';

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const paths = (body: { fieldErrors?: Array<{ path: string }> }) => (body.fieldErrors ?? []).map((e) => e.path);

describe('admin API: contracts', () => {
  let t: TestApp;
  let policyId: string;
  let calendarId: string;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    const p = await t.http.post('/api/v1/policies').send({ name: unique('pol'), definition: secondsPolicy() });
    policyId = p.body.id;
    const day = [{ open: '09:00', close: '18:00' }];
    const c = await t.http
      .post('/api/v1/calendars')
      .send({ name: unique('cal'), definition: { zone: 'Asia/Shanghai', week: { monday: day } } });
    calendarId = c.body.id;
  });
  afterAll(async () => t?.close());

  const body = (overrides: Record<string, unknown> = {}) => ({
    name: unique('contract'),
    customer: 'Shanghai Dianji University',
    totalValue: '1000000.00',
    currency: 'CNY',
    calendarId: '24x7',
    policyId,
    penaltyTerms: { ratePerPeriod: '0.0025', capFraction: '0.05' },
    ...overrides,
  });
  const create = (b: object) => t.http.post('/api/v1/contracts').send(b);

  describe('CRUD', () => {
    it('creates a contract: money as a decimal string with the minor digits, terms normalized with defaults', async () => {
      const b = body({ totalValue: '1000000', startsOn: '2026-01-01', endsOn: '2026-12-31', webhookUrl: 'https://ops.example.com/hook' });
      const res = await create(b);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: b.name,
        customer: 'Shanghai Dianji University',
        totalValue: '1000000.00',
        currency: 'CNY',
        calendarId: '24x7',
        policyId,
        penaltyTerms: {
          ratePerPeriod: '0.0025',
          capFraction: '0.05',
          period: { amount: 1, unit: 'days' },
          capScope: 'contract',
          partialPeriod: 'started',
          countFrom: 'report',
        },
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        webhookUrl: 'https://ops.example.com/hook',
      });
      const read = await t.http.get(`/api/v1/contracts/${res.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(res.body);
      const [row] = await t.dataSource.query(`SELECT total_value::text AS v FROM contracts WHERE id = $1`, [res.body.id]);
      expect(row.v).toBe('1000000.0000');
    });

    it('keeps every digit of large amounts and honours each currency (JPY 0, BHD 3 digits)', async () => {
      const big = await create(body({ totalValue: '9999999999999999.99' }));
      expect(big.status).toBe(201);
      expect(big.body.totalValue).toBe('9999999999999999.99');
      expect((await t.http.get(`/api/v1/contracts/${big.body.id}`)).body.totalValue).toBe('9999999999999999.99');
      const jpy = await create(body({ totalValue: '1500000', currency: 'JPY' }));
      expect(jpy.body.totalValue).toBe('1500000');
      const bhd = await create(body({ totalValue: '12.5', currency: 'BHD' }));
      expect(bhd.body.totalValue).toBe('12.500');
    });

    it('optional fields default to null; a 5x8 calendar can be referenced', async () => {
      const res = await create(body({ calendarId }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ calendarId, startsOn: null, endsOn: null, webhookUrl: null });
    });

    it('updates: given fields change, others stay, null clears, the whole is re-validated', async () => {
      const created = await create(body({ startsOn: '2026-01-01', endsOn: '2026-12-31', webhookUrl: 'http://localhost:9000/hook' }));
      const id = created.body.id as string;
      const upd = await t.http.put(`/api/v1/contracts/${id}`).send({
        totalValue: '1200000.5',
        calendarId,
        penaltyTerms: { ratePerPeriod: '0.001', capFraction: '0.1', capScope: 'incident', period: { amount: 12, unit: 'hours' } },
        webhookUrl: null,
      });
      expect(upd.status).toBe(200);
      expect(upd.body).toMatchObject({
        id,
        name: created.body.name,
        totalValue: '1200000.50',
        calendarId,
        penaltyTerms: {
          ratePerPeriod: '0.001',
          capFraction: '0.1',
          capScope: 'incident',
          period: { amount: 12, unit: 'hours' },
          partialPeriod: 'started',
        },
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        webhookUrl: null,
      });
      // endsOn must stay after the (kept) startsOn
      const inverted = await t.http.put(`/api/v1/contracts/${id}`).send({ endsOn: '2025-12-31' });
      expect(inverted.status).toBe(400);
      expect(paths(inverted.body)).toEqual(['endsOn']);
      // switching to JPY re-checks the kept amount
      const jpy = await t.http.put(`/api/v1/contracts/${id}`).send({ currency: 'JPY' });
      expect(jpy.status).toBe(400);
      expect(paths(jpy.body)).toEqual(['totalValue']);
      const jpyOk = await t.http.put(`/api/v1/contracts/${id}`).send({ currency: 'JPY', totalValue: '1200000' });
      expect(jpyOk.body).toMatchObject({ currency: 'JPY', totalValue: '1200000' });
      const renamed = unique('contract-renamed');
      expect((await t.http.put(`/api/v1/contracts/${id}`).send({ name: renamed })).body.name).toBe(renamed);
      const nullName = await t.http.put(`/api/v1/contracts/${id}`).send({ name: null });
      expect(nullName.status).toBe(400);
      expect(paths(nullName.body)).toContain('name');
    });

    it('lists with pagination', async () => {
      const created = await create(body());
      const page = await t.http.get('/api/v1/contracts?limit=2&offset=0');
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ limit: 2, offset: 0 });
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      expect(page.body.total).toBeGreaterThanOrEqual(1);
      let found = false;
      for (let offset = 0; offset < page.body.total + 200 && !found; offset += 200) {
        const p = await t.http.get(`/api/v1/contracts?limit=200&offset=${offset}`);
        found = p.body.items.some((c: { id: string; totalValue: string }) => c.id === created.body.id && c.totalValue === '1000000.00');
      }
      expect(found).toBe(true);
      expect((await t.http.get('/api/v1/contracts?limit=500')).status).toBe(400);
    });

    it('404 for an unknown contract, calendar or policy', async () => {
      expect((await t.http.get(`/api/v1/contracts/${randomUUID()}`)).status).toBe(404);
      expect((await t.http.get('/api/v1/contracts/42')).status).toBe(404);
      expect((await t.http.put(`/api/v1/contracts/${randomUUID()}`).send({ customer: 'x' })).status).toBe(404);
      const noCal = await create(body({ calendarId: unique('nope') }));
      expect(noCal.status).toBe(404);
      expect(noCal.body.message).toContain('calendar');
      const noPolicy = await create(body({ policyId: randomUUID() }));
      expect(noPolicy.status).toBe(404);
      expect(noPolicy.body.message).toContain('policy');
      expect((await create(body({ policyId: 'not-a-uuid' }))).status).toBe(404);
      const created = await create(body());
      const badRef = await t.http.put(`/api/v1/contracts/${created.body.id}`).send({ policyId: randomUUID() });
      expect(badRef.status).toBe(404);
    });

    it('409 for a duplicate name', async () => {
      const b = body();
      expect((await create(b)).status).toBe(201);
      const dup = await create({ ...b, customer: 'someone else' });
      expect(dup.status).toBe(409);
      expect(dup.body.message).toContain('name');
      const other = await create(body());
      expect((await t.http.put(`/api/v1/contracts/${other.body.id}`).send({ name: b.name })).status).toBe(409);
    });
  });

  describe('validation (400 with the field path)', () => {
    const bad: Array<[string, Record<string, unknown>, string]> = [
      ['totalValue as a number', { totalValue: 1000000 }, 'totalValue'],
      ['negative totalValue', { totalValue: '-5.00' }, 'totalValue'],
      ['too many decimals for the currency', { totalValue: '100.005' }, 'totalValue'],
      ['decimals for a currency without minor unit', { totalValue: '100.5', currency: 'JPY' }, 'totalValue'],
      ['exponent notation', { totalValue: '1e6' }, 'totalValue'],
      ['more digits than the column holds', { totalValue: '12345678901234567.00' }, 'totalValue'],
      ['unknown currency', { currency: 'XYZ' }, 'currency'],
      ['lower-case currency', { currency: 'cny' }, 'currency'],
      ['rate as a number', { penaltyTerms: { ratePerPeriod: 0.0025, capFraction: '0.05' } }, 'penaltyTerms.ratePerPeriod'],
      ['cap above 1', { penaltyTerms: { ratePerPeriod: '0.0025', capFraction: '1.5' } }, 'penaltyTerms.capFraction'],
      ['missing rate', { penaltyTerms: { capFraction: '0.05' } }, 'penaltyTerms.ratePerPeriod'],
      ['bad cap scope', { penaltyTerms: { ratePerPeriod: '0.0025', capFraction: '0.05', capScope: 'world' } }, 'penaltyTerms.capScope'],
      [
        'working-time period',
        { penaltyTerms: { ratePerPeriod: '0.0025', capFraction: '0.05', period: { amount: 1, unit: 'workingDays' } } },
        'penaltyTerms.period.unit',
      ],
      ['unknown term', { penaltyTerms: { ratePerPeriod: '0.0025', capFraction: '0.05', grace: '1d' } }, 'penaltyTerms.grace'],
      ['penaltyTerms missing', { penaltyTerms: undefined }, 'penaltyTerms'],
      ['malformed startsOn', { startsOn: '2026-02-30' }, 'startsOn'],
      ['startsOn with a time', { startsOn: '2026-01-01T00:00:00Z' }, 'startsOn'],
      ['endsOn before startsOn', { startsOn: '2026-06-01', endsOn: '2026-05-31' }, 'endsOn'],
      ['webhook not http(s)', { webhookUrl: 'ftp://example.com/x' }, 'webhookUrl'],
      ['webhook not a URL', { webhookUrl: 'call me' }, 'webhookUrl'],
      ['missing customer', { customer: undefined }, 'customer'],
      ['unknown field', { discount: '10%' }, 'discount'],
    ];
    it.each(bad)('%s', async (_label, overrides, path) => {
      const res = await create(body(overrides));
      expect(res.status).toBe(400);
      expect(paths(res.body)).toContain(path);
    });

    it('reports every problem at once', async () => {
      const res = await create(
        body({
          totalValue: '1.234',
          startsOn: '2026-06-01',
          endsOn: '2026-01-01',
          penaltyTerms: { ratePerPeriod: '2', capFraction: '0.05' },
        }),
      );
      expect(res.status).toBe(400);
      expect(paths(res.body).sort()).toEqual(['endsOn', 'penaltyTerms.ratePerPeriod', 'totalValue']);
    });
  });
});
