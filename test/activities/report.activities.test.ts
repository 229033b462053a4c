import type { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import type { WriteFaultReportInput } from '../../activities/report.activities';
import type { FaultReport } from '../../src/domain/report/fault-report';
import type { IncidentView } from '../../src/domain/ladder';
import { openDataSource } from '../harness/context';
import { createContract } from '../harness/fixtures';
import { insertIncident, type IncidentRow } from './helpers';

const accrual = (periodIndex: number) => ({ periodIndex, nominalAmount: '2500.00', currency: 'CNY' });

// 2026-03-08 06:59:59.999 UTC: 14:59:59.999 in Shanghai; one millisecond before New York moves to daylight time.
const T0 = Date.UTC(2026, 2, 8, 6, 59, 59, 999);

async function insertEvents(
  ds: DataSource,
  incident: IncidentRow,
  events: Array<{ seq: number; kind: string; at: number; actor: string | null; data: object }>,
) {
  for (const e of events) {
    await ds.query(
      `INSERT INTO incident_timeline (incident_id, workflow_id, seq, kind, at, actor, data)
       VALUES ($1, $2, $3, $4, timestamptz 'epoch' + $5::bigint * interval '1 millisecond', $6, $7::jsonb)`,
      [incident.incidentId, incident.workflowId, e.seq, e.kind, e.at, e.actor, JSON.stringify(e.data)],
    );
  }
}

function view(overrides: Partial<IncidentView> = {}): IncidentView {
  return {
    severity: 'urgent',
    restoredAt: T0 + 3_600_000,
    closedAt: T0 + 7_200_000,
    signedOffBy: 'customer:wang',
    resolution: { cause: 'failed PSU', method: 'swapped the PSU' },
    breachCount: 1,
    clockViews: [
      { key: 'triage.respondWithin', status: 'met', dueAt: T0 + 900_000, settledAt: T0 + 60_000, marginMs: 840_000 },
      { key: 'remote.startWithin', status: 'breached', dueAt: T0 + 1_800_000, settledAt: T0 + 1_800_000, marginMs: -5_000 },
      { key: 'onsite.arriveWithin', status: 'running', dueAt: null },
    ],
    pauses: [{ from: T0 + 100_000, to: T0 + 160_001, reason: 'waiting_on_customer', note: 'no access', actor: 'eng:li.na' }],
    ...overrides,
  } as unknown as IncidentView;
}

/**
 * writeFaultReport against the real PostgreSQL: reads the persisted timeline, writes once, renders in
 * the calendar's zone and in the language the incident's contract names.
 */
describe('writeFaultReport', () => {
  let ds: DataSource;
  let contract: Awaited<ReturnType<typeof createContract>>;
  let chineseContract: Awaited<ReturnType<typeof createContract>>;
  beforeAll(async () => {
    ds = await openDataSource();
    contract = await createContract(ds, { language: 'en' });
    chineseContract = await createContract(ds, { language: 'zh-CN' });
  });
  afterAll(async () => ds?.destroy());

  const write = (input: WriteFaultReportInput) => createActivities({ dataSource: ds }).writeFaultReport(input);
  const inputFor = (incident: IncidentRow, zone: string, overrides: Partial<WriteFaultReportInput> = {}): WriteFaultReportInput => ({
    incidentId: incident.incidentId,
    workflowId: incident.workflowId,
    zone,
    contract: { id: incident.contractId, customer: 'ACME Bank' },
    description: 'Billing system unreachable',
    reportedAt: T0,
    view: view(),
    ...overrides,
  });

  async function stored(incident: IncidentRow): Promise<Array<{ report: FaultReport; markdown: string }>> {
    return ds.query(`SELECT report, markdown FROM fault_reports WHERE incident_id = $1`, [incident.incidentId]);
  }

  it('builds the report from the persisted timeline (in seq order, this workflow only), times in the zone', async () => {
    const incident = await insertIncident(ds, contract, T0);
    const other = await insertIncident(ds, contract, T0);
    // Stored out of order: the report must still follow seq.
    await insertEvents(ds, incident, [
      { seq: 3, kind: 'step:restore', at: T0 + 3_600_000, actor: 'eng:li.na', data: { cause: 'failed PSU' } },
      { seq: 1, kind: 'reported', at: T0, actor: 'hotline', data: {} },
      { seq: 2, kind: 'breach', at: T0 + 1_800_000, actor: null, data: { clock: 'remote.startWithin' } },
    ]);
    await insertEvents(ds, other, [{ seq: 1, kind: 'someone-else', at: T0, actor: null, data: {} }]);

    await write(inputFor(incident, 'Asia/Shanghai'));
    const rows = await stored(incident);
    expect(rows).toHaveLength(1);
    const { report, markdown } = rows[0];

    expect(report.timeline).toEqual([
      { seq: 1, kind: 'reported', at: '2026-03-08T14:59:59.999+08:00', actor: 'hotline', data: {} },
      { seq: 2, kind: 'breach', at: '2026-03-08T15:29:59.999+08:00', actor: null, data: { clock: 'remote.startWithin' } },
      { seq: 3, kind: 'step:restore', at: '2026-03-08T15:59:59.999+08:00', actor: 'eng:li.na', data: { cause: 'failed PSU' } },
    ]);
    expect(report).toMatchObject({
      incidentId: incident.incidentId,
      contract: { id: incident.contractId, customer: 'ACME Bank' },
      zone: 'Asia/Shanghai',
      severity: 'urgent',
      reportedAt: '2026-03-08T14:59:59.999+08:00',
      restoredAt: '2026-03-08T15:59:59.999+08:00',
      closedAt: '2026-03-08T16:59:59.999+08:00',
      signedOffBy: 'customer:wang',
      cause: 'failed PSU',
      method: 'swapped the PSU',
      breachCount: 1,
    });
    expect(report.targets).toEqual([
      {
        key: 'triage.respondWithin',
        status: 'met',
        dueAt: '2026-03-08T15:14:59.999+08:00',
        settledAt: '2026-03-08T15:00:59.999+08:00',
        marginMs: 840_000,
      },
      {
        key: 'remote.startWithin',
        status: 'breached',
        dueAt: '2026-03-08T15:29:59.999+08:00',
        settledAt: '2026-03-08T15:29:59.999+08:00',
        marginMs: -5_000,
      },
      { key: 'onsite.arriveWithin', status: 'running', dueAt: null, settledAt: null, marginMs: null },
    ]);
    expect(report.pauses).toEqual([
      { from: '2026-03-08T15:01:39.999+08:00', to: '2026-03-08T15:02:40.000+08:00', reason: 'waiting_on_customer', note: 'no access' },
    ]);

    expect(markdown).toContain('# Fault report\n');
    expect(markdown).toContain('**Incident: Billing system unreachable**');
    expect(markdown).toContain(`- Incident number: ${incident.incidentId}`);
    expect(markdown).toContain('- Customer: ACME Bank');
    expect(markdown).toContain('- Times are given in Asia/Shanghai (China Standard Time)');
    expect(markdown).toContain('- Reported: Mar 8, 2026, 14:59:59');
    expect(markdown).toContain('| 1 | Mar 8, 2026, 14:59:59 | Incident reported | hotline |');
    expect(markdown).toContain('| 2 | Mar 8, 2026, 15:29:59 | Remote diagnosis started: breached |  |');
    expect(markdown).toContain('| 3 | Mar 8, 2026, 15:59:59 | Service restored | eng:li.na |');
    expect(markdown).toContain('1 commitment breached.');
    expect(markdown).toContain('| Remote diagnosis started | Breached | Mar 8, 2026, 15:29:59 | Mar 8, 2026, 15:29:59 | late by 0m 5s |');
    expect(markdown).toContain('| Phone response | Met | Mar 8, 2026, 15:14:59 | Mar 8, 2026, 15:00:59 | ahead by 14m 0s |');
    expect(markdown).toContain('| Mar 8, 2026, 15:01:39 | Mar 8, 2026, 15:02:40 | Waiting on the customer | no access |');
    expect(markdown).not.toContain('someone-else');
    expect(markdown).not.toMatch(/Z \|/); // no UTC instants leak into the customer's rendering
  });

  it('writes once: a second call (a retry, or after more events) keeps the first report', async () => {
    const incident = await insertIncident(ds, contract, T0);
    await insertEvents(ds, incident, [{ seq: 1, kind: 'reported', at: T0, actor: 'hotline', data: {} }]);
    await write(inputFor(incident, 'Asia/Shanghai'));
    const first = await stored(incident);

    await insertEvents(ds, incident, [{ seq: 2, kind: 'late-event', at: T0 + 1, actor: null, data: {} }]);
    await write(inputFor(incident, 'UTC', { description: 'changed', view: view({ breachCount: 9 }) }));
    const second = await stored(incident);
    expect(second).toHaveLength(1);
    expect(second).toEqual(first);
    expect(second[0].report.timeline.map((e) => e.kind)).toEqual(['reported']);
    expect(second[0].report.breachCount).toBe(1);
  });

  it('renders the offset each instant had in the zone (New York across the DST change)', async () => {
    const incident = await insertIncident(ds, contract, T0);
    await insertEvents(ds, incident, [
      { seq: 1, kind: 'reported', at: T0, actor: null, data: {} },
      { seq: 2, kind: 'breach', at: T0 + 1, actor: null, data: { clock: 'remote.startWithin' } },
    ]);
    await write(
      inputFor(incident, 'America/New_York', { view: view({ pauses: [], clockViews: [], restoredAt: undefined, closedAt: undefined }) }),
    );
    const [{ report, markdown }] = await stored(incident);
    expect(report.timeline.map((e) => e.at)).toEqual(['2026-03-08T01:59:59.999-05:00', '2026-03-08T03:00:00.000-04:00']);
    expect(report.restoredAt).toBeNull();
    expect(markdown).toContain('- Service restored: —');
    // The offset changes within this report: every time carries it.
    expect(markdown).toContain('| 1 | Mar 8, 2026, 01:59:59 GMT-5 | Incident reported |  |');
    expect(markdown).toContain('| 2 | Mar 8, 2026, 03:00:00 GMT-4 | Remote diagnosis started: breached |  |');
  });

  it("is written in Chinese for a contract whose customer reads Chinese, with the glossary's words", async () => {
    const incident = await insertIncident(ds, chineseContract, T0);
    await insertEvents(ds, incident, [
      { seq: 1, kind: 'reported', at: T0, actor: 'hotline', data: {} },
      { seq: 2, kind: 'breach', at: T0 + 1_800_000, actor: null, data: { clock: 'remote.startWithin' } },
      ...[1, 2].map((n) => ({ seq: 2 + n, kind: 'penalty_period_due', at: T0 + 2_000_000 + n * 1000, actor: null, data: accrual(n) })),
      { seq: 5, kind: 'step:arrive', at: T0 + 2_500_000, actor: 'eng:li.na', data: {} },
      { seq: 6, kind: 'penalty_period_due', at: T0 + 2_600_000, actor: null, data: accrual(3) },
      { seq: 7, kind: 'step:signOff', at: T0 + 3_700_000, actor: 'eng:li.na', data: { signer: '王主任' } },
    ]);
    await write(inputFor(incident, 'Asia/Shanghai', { contract: { id: incident.contractId, customer: '天津市大港医院' } }));
    const [{ report, markdown }] = await stored(incident);
    expect(report.timeline.map((e) => e.kind)).toEqual([
      'reported',
      'breach',
      'penalty_period_due',
      'penalty_period_due',
      'step:arrive',
      'penalty_period_due',
      'step:signOff',
    ]);
    expect(markdown).toContain('# 故障报告\n');
    expect(markdown).toContain('**故障:Billing system unreachable**');
    expect(markdown).toContain('- 客户:天津市大港医院');
    expect(markdown).toContain('- 文中时间均为 Asia/Shanghai(中国标准时间)');
    expect(markdown).toContain('- 报修时间:2026年3月8日 14:59:59');
    expect(markdown).toContain('## 故障原因\n\nfailed PSU');
    expect(markdown).toContain('## 故障排除方法\n\nswapped the PSU');
    expect(markdown).toContain('1 项承诺逾期。');
    expect(markdown).toContain('| 开始远程诊断 | 已逾期 | 2026年3月8日 15:29:59 | 2026年3月8日 15:29:59 | 逾期 0分钟5秒 |');
    expect(markdown).toContain('| 电话响应 | 已达成 | 2026年3月8日 15:14:59 | 2026年3月8日 15:00:59 | 提前 14分钟0秒 |');
    expect(markdown).toContain('| 2026年3月8日 15:01:39 | 2026年3月8日 15:02:40 | 等待客户 | no access |');
    expect(markdown).toContain('| 2 | 2026年3月8日 15:29:59 | 开始远程诊断:已逾期 |  |');
    // Three accrual periods are one line, where accrual started, with their nominal total.
    expect(markdown).toContain(
      '| 3–6 | 2026年3月8日 15:33:20 – 2026年3月8日 15:43:19 | 违约金计提,第 1–3 期:共 3 期,名义金额合计 ¥7,500.00 |  |',
    );
    expect(markdown).toContain('| 5 | 2026年3月8日 15:41:39 | 工程师已到达现场 | eng:li.na |');
    expect(markdown).toContain('| 7 | 2026年3月8日 16:01:39 | 已记录客户签字确认 | eng:li.na |');
    expect(markdown).not.toContain('第 2 期');
    expect(markdown).not.toMatch(/[A-Za-z]+ \d+, 2026/); // no English dates
  });

  it('an incident with no persisted timeline still gets a report with an empty timeline', async () => {
    const incident = await insertIncident(ds, contract, T0);
    await write(inputFor(incident, 'Asia/Shanghai'));
    const [{ report }] = await stored(incident);
    expect(report.timeline).toEqual([]);
  });
});
