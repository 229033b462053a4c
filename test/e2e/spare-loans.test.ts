/**
 * Spare loans (Hengzhong: "备品备件…直至故障设备修复"): lend, the repaired unit's return, the
 * spare's recovery, in that order, each once, audited; the open loans per contract.
 */
import { startTestApp, type TestApp } from '../harness/context';
import { createContract } from '../harness/fixtures';
import { report } from '../harness/incidents';

describe('spare loans', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('lends, returns the repaired unit, recovers the spare; lists the open loans', async () => {
    const { contractId } = await createContract(t.dataSource);
    const incidentId = await report(t, contractId);
    const lent = await t.http
      .post(`/api/v1/contracts/${contractId}/spare-loans`)
      .send({ spareUnit: 'Encoder S/N 2026-11', faultyUnit: 'Encoder S/N 2024-17', incidentId, at: '2026-11-20T10:00:00+08:00' });
    expect(lent.status).toBe(201);
    expect(lent.body).toMatchObject({
      contractId,
      incidentId,
      status: 'lent',
      lentAt: '2026-11-20T02:00:00.000Z',
      repairedReturnedAt: null,
    });
    const other = await t.http
      .post(`/api/v1/contracts/${contractId}/spare-loans`)
      .send({ spareUnit: 'Decoder S/N 2026-3', faultyUnit: 'Decoder S/N 2023-9' });
    expect(other.status).toBe(201);

    const early = await t.http.post(`/api/v1/spare-loans/${lent.body.id}/spare-recovered`).send({});
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/until the repaired unit is returned/);

    const returned = await t.http
      .post(`/api/v1/spare-loans/${lent.body.id}/repaired-returned`)
      .send({ at: '2026-11-25T09:00:00+08:00', note: 'board replaced' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      status: 'repairedReturned',
      repairedReturnedAt: '2026-11-25T01:00:00.000Z',
      note: 'board replaced',
    });
    const twice = await t.http.post(`/api/v1/spare-loans/${lent.body.id}/repaired-returned`).send({});
    expect(twice.status).toBe(409);

    const recovered = await t.http.post(`/api/v1/spare-loans/${lent.body.id}/spare-recovered`).send({ at: '2026-11-26T09:00:00+08:00' });
    expect(recovered.status).toBe(200);
    expect(recovered.body.status).toBe('recovered');

    const open = await t.http.get(`/api/v1/contracts/${contractId}/spare-loans`).query({ open: 'true' });
    expect(open.body.items.map((l: { id: string }) => l.id)).toEqual([other.body.id]);
    const all = await t.http.get(`/api/v1/contracts/${contractId}/spare-loans`);
    expect(all.body.items).toHaveLength(2);

    const audit = await t.http.get('/api/v1/audit').query({ entityType: 'spareLoan', entityId: lent.body.id });
    expect(audit.body.items.map((a: { action: string }) => a.action).sort()).toEqual([
      'spareLoan.lend',
      'spareLoan.repairedReturned',
      'spareLoan.spareRecovered',
    ]);
  });

  it('refuses bad input with field names and changes nothing', async () => {
    const { contractId } = await createContract(t.dataSource);
    const { contractId: otherContract } = await createContract(t.dataSource);
    const foreignIncident = await report(t, otherContract);
    const bad = await t.http
      .post(`/api/v1/contracts/${contractId}/spare-loans`)
      .send({ spareUnit: ' ', faultyUnit: 'x', at: '2999-01-01T00:00:00Z', colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'spareUnit']);
    const future = await t.http
      .post(`/api/v1/contracts/${contractId}/spare-loans`)
      .send({ spareUnit: 'a', faultyUnit: 'b', at: '2999-01-01T00:00:00Z' });
    expect(future.status).toBe(400);
    expect(future.body.fieldErrors).toEqual([{ path: 'at', message: 'must not be in the future' }]);
    const foreign = await t.http
      .post(`/api/v1/contracts/${contractId}/spare-loans`)
      .send({ spareUnit: 'a', faultyUnit: 'b', incidentId: foreignIncident });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fieldErrors[0]).toEqual({ path: 'incidentId', message: 'the incident belongs to another contract' });
    expect((await t.http.get(`/api/v1/contracts/${contractId}/spare-loans`)).body.items).toEqual([]);

    const lent = await t.http
      .post(`/api/v1/contracts/${contractId}/spare-loans`)
      .send({ spareUnit: 'a', faultyUnit: 'b', at: '2026-11-20T10:00:00+08:00' });
    const backwards = await t.http.post(`/api/v1/spare-loans/${lent.body.id}/repaired-returned`).send({ at: '2026-11-19T10:00:00+08:00' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.fieldErrors[0].message).toMatch(/must not be before the loan/);
    expect((await t.http.get(`/api/v1/contracts/${contractId}/spare-loans`)).body.items[0].status).toBe('lent');
    expect((await t.http.post('/api/v1/spare-loans/00000000-0000-4000-8000-000000000000/spare-recovered').send({})).status).toBe(404);
  });

  it('only engineers record loans; everyone who reads may list them', async () => {
    const { contractId } = await createContract(t.dataSource);
    const viewer = await t.as(['viewer']);
    expect((await viewer.post(`/api/v1/contracts/${contractId}/spare-loans`).send({ spareUnit: 'a', faultyUnit: 'b' })).status).toBe(403);
    expect((await viewer.get(`/api/v1/contracts/${contractId}/spare-loans`)).status).toBe(200);
  });
});
