import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, type LogEntry } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import type { SendNotificationInput } from '../../activities/notification.activities';
import { calendar24x7 } from '../../src/domain/templates/types';
import { openDataSource } from '../harness/context';
import { createContract } from '../harness/fixtures';
import { insertIncident } from './helpers';

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on 127.0.0.1: records every request and answers what `answer` says. */
class Receiver {
  readonly received: Received[] = [];
  answer: (r: Received) => number | 'hang' = () => 200;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r: Received = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.received.push(r);
        const status = this.answer(r);
        if (status === 'hang') return; // never answers: the caller's timeout must fire
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'boom');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** sendNotification against a real local HTTP server and the real PostgreSQL, run inside an activity context. */
describe('sendNotification', () => {
  let ds: DataSource;
  const receiver = new Receiver();
  beforeAll(async () => {
    ds = await openDataSource();
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await ds?.destroy();
  });
  beforeEach(() => {
    receiver.answer = () => 200;
  });

  /** What the activity logged (captured instead of printed). */
  const logged: LogEntry[] = [];
  const logger = new DefaultLogger('INFO', (entry) => logged.push(entry));
  const send = (input: SendNotificationInput, deps: { webhookTimeoutMs?: number } = {}) =>
    new MockActivityEnvironment(undefined, { logger }).run(createActivities({ dataSource: ds, ...deps }).sendNotification, input);

  function input(overrides: Partial<SendNotificationInput> = {}): SendNotificationInput {
    const incidentId = randomUUID();
    return {
      idempotencyKey: `incident-${incidentId}:breach:triage.respondWithin:${randomUUID()}`,
      incidentId,
      contractId: randomUUID(),
      webhookUrl: `${receiver.url}/hooks/${randomUUID()}`,
      kind: 'breach',
      payload: { clock: 'triage.respondWithin', dueAt: 1767225600123, severity: 'urgent', note: 'ünïcødé ✓' },
      ...overrides,
    };
  }

  const forUrl = (url: string) => receiver.received.filter((r) => url.endsWith(r.path));

  async function recorded(key: string) {
    return ds.query(
      `SELECT incident_id::text AS incident_id, kind, channel, target, payload FROM notifications WHERE idempotency_key = $1`,
      [key],
    );
  }

  it('POSTs the JSON body with the idempotency-key header and records the delivery', async () => {
    const n = input();
    expect(await send(n)).toEqual({ delivered: true, channel: 'webhook' });
    const [req] = forUrl(n.webhookUrl!);
    expect(forUrl(n.webhookUrl!)).toHaveLength(1);
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['idempotency-key']).toBe(n.idempotencyKey);
    // No incident row (the activity only needs the workflow's data): the default language, times in UTC.
    const body = {
      kind: 'breach',
      incidentId: n.incidentId,
      contractId: n.contractId,
      ...n.payload,
      language: 'zh-CN',
      title: '【逾期】—:电话响应',
      text: `故障“${n.incidentId}”(urgent):电话响应应于 2026年1月1日 00:00:00(UTC)前完成,现已逾期。`,
    };
    expect(JSON.parse(req.body)).toEqual(body);
    expect(await recorded(n.idempotencyKey)).toEqual([
      { incident_id: n.incidentId, kind: 'breach', channel: 'webhook', target: n.webhookUrl, payload: body },
    ]);
  });

  it('a 500 answer throws (Temporal retries) and records nothing; the retry delivers with the same key', async () => {
    const n = input({ kind: 'escalation' });
    receiver.answer = () => 500;
    await expect(send(n)).rejects.toThrow(/HTTP 500/);
    expect(await recorded(n.idempotencyKey)).toEqual([]);

    receiver.answer = () => 204;
    expect(await send(n)).toEqual({ delivered: true, channel: 'webhook' });
    const requests = forUrl(n.webhookUrl!);
    expect(requests).toHaveLength(2);
    expect(requests.map((r) => r.headers['idempotency-key'])).toEqual([n.idempotencyKey, n.idempotencyKey]);
    expect(requests[0].body).toBe(requests[1].body);
    expect((await recorded(n.idempotencyKey)).map((r: { channel: string }) => r.channel)).toEqual(['webhook']);
  });

  it('other refusals (404, 429) also throw and record nothing', async () => {
    for (const status of [404, 429]) {
      const n = input();
      receiver.answer = () => status;
      await expect(send(n)).rejects.toThrow(new RegExp(`HTTP ${status}`));
      expect(await recorded(n.idempotencyKey)).toEqual([]);
    }
  });

  it('a receiver that never answers times out, throws and records nothing', async () => {
    const n = input();
    receiver.answer = () => 'hang';
    const started = Date.now();
    await expect(send(n, { webhookTimeoutMs: 300 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await recorded(n.idempotencyKey)).toEqual([]);
  });

  it('a second call after delivery does not POST again', async () => {
    const n = input();
    expect(await send(n)).toEqual({ delivered: true, channel: 'webhook' });
    expect(await send(n)).toEqual({ delivered: false, channel: 'already-delivered' });
    expect(await send(n)).toEqual({ delivered: false, channel: 'already-delivered' });
    expect(forUrl(n.webhookUrl!)).toHaveLength(1);
    expect(await recorded(n.idempotencyKey)).toHaveLength(1);
  });

  it('without a webhook the notice goes to the log and is recorded with channel "log"', async () => {
    const before = receiver.received.length;
    const n = input({ webhookUrl: null, kind: 'closed' });
    expect(await send(n)).toEqual({ delivered: true, channel: 'log' });
    expect(receiver.received.length).toBe(before);
    const entry = logged.find((e) => e.meta?.incidentId === n.incidentId);
    expect(entry).toMatchObject({
      level: 'INFO',
      message: 'incident closed',
      meta: expect.objectContaining({ kind: 'closed', contractId: n.contractId }),
    });
    const [row] = await recorded(n.idempotencyKey);
    expect(row).toEqual({
      incident_id: n.incidentId,
      kind: 'closed',
      channel: 'log',
      target: null,
      payload: expect.objectContaining({ kind: 'closed', incidentId: n.incidentId, contractId: n.contractId, ...n.payload }),
    });
    expect(await send(n)).toEqual({ delivered: false, channel: 'already-delivered' });
  });

  it("speaks the language the incident's contract names, with the customer, the fault and times in the calendar's zone", async () => {
    const shanghai = calendar24x7('Asia/Shanghai');
    for (const [language, customer, title, text] of [
      [
        'en',
        'ACME Bank',
        '[Breach] ACME Bank: Arrival on site',
        'Incident “activity test” (urgent): Arrival on site was due by Jan 1, 2026, 08:00:00 (Asia/Shanghai) and is breached.',
      ],
      [
        'zh-CN',
        '天津市大港医院',
        '【逾期】天津市大港医院:到达现场',
        '故障“activity test”(urgent):到达现场应于 2026年1月1日 08:00:00(Asia/Shanghai)前完成,现已逾期。',
      ],
    ] as const) {
      const contract = await createContract(ds, { language, customer, calendar: shanghai });
      const incident = await insertIncident(ds, contract);
      const n = input({
        incidentId: incident.incidentId,
        contractId: contract.contractId,
        payload: { clock: 'onsite.arriveWithin', rung: 'onsite', dueAt: 1767225600123, severity: 'urgent', status: 'open' },
      });
      await send(n);
      expect(JSON.parse(forUrl(n.webhookUrl!)[0].body)).toMatchObject({ language, title, text });
    }
    const escalation = await createContract(ds, { language: 'zh-CN', customer: '宁夏高速公路监控中心', calendar: shanghai });
    const incident = await insertIncident(ds, escalation);
    const n = input({
      incidentId: incident.incidentId,
      contractId: escalation.contractId,
      kind: 'escalation',
      payload: { rung: 'expert', at: 1767225600123, severity: 'urgent', status: 'open' },
    });
    await send(n);
    expect(JSON.parse(forUrl(n.webhookUrl!)[0].body)).toMatchObject({
      title: '【升级】宁夏高速公路监控中心:专家会诊',
      text: '故障“activity test”(urgent)已于 2026年1月1日 08:00:00(Asia/Shanghai)升级至专家会诊。',
    });
  });
});
