import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import type { PersistTimelineInput } from '../../activities/timeline.activities';
import type { IncidentView, TimelineEvent } from '../../src/domain/ladder';
import { openDataSource } from '../harness/context';
import { createContract } from '../harness/fixtures';
import { insertIncident, type IncidentRow } from './helpers';

const T0 = Date.UTC(2026, 2, 8, 6, 59, 59, 999);

function event(seq: number, overrides: Partial<TimelineEvent> = {}): TimelineEvent {
  return {
    seq,
    kind: `kind-${seq}`,
    at: T0 + seq * 1001,
    actor: `eng:${seq}`,
    data: { n: seq, nested: { list: [seq, 'x'] } },
    ...overrides,
  };
}

type Projection = PersistTimelineInput['projection'];

function projection(seq: number, overrides: Partial<Projection> = {}): Projection {
  return {
    seq,
    status: 'open',
    stage: 'triage',
    rung: 'triage',
    severity: 'urgent',
    nextDueAt: T0 + 60_000,
    breachCount: 0,
    view: { seq, marker: `view-${seq}` } as unknown as IncidentView,
    ...overrides,
  };
}

interface TimelineRow {
  seq: number;
  kind: string;
  actor: string | null;
  data: Record<string, unknown>;
  at_ms: string;
  at_text: string;
}

/** persistTimeline against the real PostgreSQL: at-most-once events, a monotonic read model, exact instants. */
describe('persistTimeline', () => {
  let ds: DataSource;
  let contract: Awaited<ReturnType<typeof createContract>>;
  beforeAll(async () => {
    ds = await openDataSource();
    contract = await createContract(ds);
  });
  afterAll(async () => ds?.destroy());

  const persist = (incident: IncidentRow, events: TimelineEvent[], p: Projection) =>
    createActivities({ dataSource: ds }).persistTimeline({
      workflowId: incident.workflowId,
      runId: 'run-1',
      incidentId: incident.incidentId,
      contractId: incident.contractId,
      events,
      projection: p,
    });

  async function timeline(incident: IncidentRow): Promise<TimelineRow[]> {
    return ds.query(
      `SELECT seq, kind, actor, data,
         trim_scale(extract(epoch FROM at) * 1000)::text AS at_ms,
         to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at_text
       FROM incident_timeline WHERE workflow_id = $1 ORDER BY seq`,
      [incident.workflowId],
    );
  }

  async function readModel(incident: IncidentRow) {
    const [row] = await ds.query(
      `SELECT status, stage, rung, severity, breach_count, projection_seq, state,
         next_due_at, to_char(next_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS next_due_text
       FROM incidents WHERE id = $1`,
      [incident.incidentId],
    );
    return row;
  }

  /** "2026-03-08T07:00:01.000Z" → "2026-03-08T07:00:01.000000": what PostgreSQL must hold, to the microsecond. */
  const micro = (ms: number) => new Date(ms).toISOString().replace('Z', '000');

  it('a retried call inserts its events once', async () => {
    const incident = await insertIncident(ds, contract);
    const events = [event(1), event(2), event(3)];
    expect(await persist(incident, events, projection(3))).toEqual({ inserted: 3 });
    expect(await persist(incident, events, projection(3))).toEqual({ inserted: 0 });
    const rows = await timeline(incident);
    expect(rows.map((r) => [r.seq, r.kind, r.actor, r.data])).toEqual(events.map((e) => [e.seq, e.kind, e.actor, e.data]));
  });

  it('writes the audit row of a step or a report with its event, once, however often it is retried', async () => {
    const incident = await insertIncident(ds, contract);
    const tokenId = '11111111-2222-4333-8444-555555555555';
    const events = [
      event(1, {
        kind: 'reported',
        actor: 'hotline',
        data: { contractId: contract.contractId, severity: 'urgent', reporter: { tokenId, name: 'eng:li.na' } },
      }),
      event(2, {
        kind: 'step:dispatch',
        actor: 'eng:li.na',
        data: { engineer: 'eng:wang', actorTokenId: tokenId, claimedActor: 'someone' },
      }),
      event(3, { kind: 'breach', actor: undefined, data: { clock: 'triage.respondWithin' } }),
      // Taken before steps were audited with their events (the API audited those): no row here.
      event(4, { kind: 'step:arrive', actor: 'eng:old', data: {} }),
    ];
    for (let i = 0; i < 3; i++) await persist(incident, events, projection(4, { stage: 'en_route' }));
    const rows: Array<{ action: string; actor_token_id: string; actor_name: string; details: Record<string, unknown>; at: Date }> =
      await ds.query(`SELECT action, actor_token_id, actor_name, details, at FROM audit_log WHERE entity_id = $1 ORDER BY id`, [
        incident.incidentId,
      ]);
    expect(rows.map((r) => [r.action, r.actor_token_id, r.actor_name])).toEqual([
      ['incident.report', tokenId, 'eng:li.na'],
      ['incident.step.dispatch', tokenId, 'eng:li.na'],
    ]);
    expect(rows[0].details).toMatchObject({ contractId: contract.contractId, severity: 'urgent', reportedBy: 'hotline' });
    expect(rows[1].details).toEqual({ step: 'dispatch', engineer: 'eng:wang', claimedActor: 'someone', status: 'open', stage: 'en_route' });
    expect(rows[1].at.getTime()).toBe(events[1].at);
  });

  it('overlapping batches add only the new events and keep the first copy of the overlap', async () => {
    const incident = await insertIncident(ds, contract);
    await persist(incident, [event(1), event(2), event(3)], projection(3));
    const second = await persist(
      incident,
      [event(2, { kind: 'rewritten' }), event(3), event(4), event(5, { actor: undefined })],
      projection(5),
    );
    expect(second).toEqual({ inserted: 2 });
    const rows = await timeline(incident);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[1].kind).toBe('kind-2');
    expect(rows[4].actor).toBeNull();
    // The same seq of another workflow is another event.
    const other = await insertIncident(ds, contract);
    expect(await persist(other, [event(1), event(2)], projection(2))).toEqual({ inserted: 2 });
    expect((await timeline(incident)).length).toBe(5);
  });

  it('an empty batch still moves the read model forward', async () => {
    const incident = await insertIncident(ds, contract);
    await persist(incident, [event(1)], projection(1));
    expect(await persist(incident, [], projection(2, { status: 'paused' }))).toEqual({ inserted: 0 });
    const rm = await readModel(incident);
    expect([rm.status, rm.projection_seq]).toEqual(['paused', 2]);
  });

  it('the read model never moves backwards: an older projection after a newer one changes nothing', async () => {
    const incident = await insertIncident(ds, contract);
    const newer = projection(7, {
      status: 'restored',
      stage: 'restored',
      rung: 'onsite',
      severity: 'general',
      nextDueAt: null,
      breachCount: 2,
    });
    const older = projection(4, { status: 'open', stage: 'remote', rung: 'remote', severity: 'urgent', nextDueAt: T0 + 5, breachCount: 1 });
    await persist(incident, [event(1)], projection(1));
    await persist(incident, [event(5), event(6), event(7)], newer);
    // The delayed older call still delivers its events (they are missing), but not its projection.
    expect(await persist(incident, [event(2), event(3), event(4)], older)).toEqual({ inserted: 3 });
    // The same seq again (a retry of the newest) is no move either.
    await persist(incident, [], { ...newer, status: 'bogus' });

    const rm = await readModel(incident);
    expect({
      status: rm.status,
      stage: rm.stage,
      rung: rm.rung,
      severity: rm.severity,
      breach_count: rm.breach_count,
      projection_seq: rm.projection_seq,
      next_due_at: rm.next_due_at,
      state: rm.state,
    }).toEqual({
      status: 'restored',
      stage: 'restored',
      rung: 'onsite',
      severity: 'general',
      breach_count: 2,
      projection_seq: 7,
      next_due_at: null,
      state: { seq: 7, marker: 'view-7' },
    });
    expect((await timeline(incident)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('concurrent calls in any order leave the newest projection and every event once', async () => {
    const incident = await insertIncident(ds, contract);
    const seqs = fc.sample(
      fc.shuffledSubarray(
        Array.from({ length: 20 }, (_, i) => i + 1),
        { minLength: 20 },
      ),
      { numRuns: 1, seed: 7 },
    )[0];
    const results = await Promise.all(
      seqs.map((seq) =>
        persist(incident, [event(seq), event(Math.max(1, seq - 1))], projection(seq, { status: `status-${seq}`, breachCount: seq })),
      ),
    );
    expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(20);
    const rm = await readModel(incident);
    expect([rm.projection_seq, rm.status, rm.breach_count, rm.state]).toEqual([20, 'status-20', 20, { seq: 20, marker: 'view-20' }]);
    expect((await timeline(incident)).map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('keeps event instants and the next due instant exact to the millisecond', async () => {
    const incident = await insertIncident(ds, contract);
    const instants = [
      T0,
      T0 + 1,
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(2030, 0, 1, 0, 0, 0, 1),
      Date.UTC(2099, 5, 15, 12, 30, 45, 678),
    ];
    await persist(
      incident,
      instants.map((at, i) => event(i + 1, { at })),
      projection(instants.length, { nextDueAt: Date.UTC(2026, 2, 29, 1, 0, 0, 999) }),
    );
    const rows = await timeline(incident);
    expect(rows.map((r) => r.at_ms)).toEqual(instants.map(String));
    expect(rows.map((r) => r.at_text)).toEqual(instants.map(micro));
    const rm = await readModel(incident);
    expect(rm.next_due_text).toBe(micro(Date.UTC(2026, 2, 29, 1, 0, 0, 999)));
    expect((rm.next_due_at as Date).getTime()).toBe(Date.UTC(2026, 2, 29, 1, 0, 0, 999));
  });

  it('any millisecond instant from 1970 to 2200 round-trips exactly (property)', async () => {
    const incident = await insertIncident(ds, contract);
    const instants = fc.sample(fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) }), { numRuns: 300, seed: 20260308 });
    await persist(
      incident,
      instants.map((at, i) => event(i + 1, { at })),
      projection(instants.length),
    );
    const rows = await timeline(incident);
    const mismatches = rows.map((r, i) => ({ seq: r.seq, want: micro(instants[i]), got: r.at_text })).filter((m) => m.want !== m.got);
    expect(mismatches).toEqual([]);
    expect(rows).toHaveLength(instants.length);
  });
});
