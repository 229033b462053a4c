/**
 * The exposure simulator: what a contract's past incidents cost under their own pinned policy
 * ("actual") and under a candidate policy (and optionally candidate penalty terms), replayed through
 * the one ladder engine on each incident's pinned calendar, with a simulated ledger honouring the cap.
 *
 * Refused steps: a recorded step the candidate's ladder would not take at its instant (for example
 * a dispatch while, under a longer remote target, the remote diagnosis is still running) is skipped,
 * the rest of the incident is replayed without it, and the incident is flagged with the step and the
 * engine's reason. It stays in the totals. An incident that cannot be replayed at all (its severity
 * is not in the candidate, no pinned snapshot, another currency) is listed, flagged and left out of
 * every total ("not comparable").
 */
import { formatMoney, MoneyDecimal } from '../penalty/money';
import { postAll, type SimulatedLedger } from './memory-ledger';
import { breachedTargets, CalendarCache, replayIncident, replayProblem, type Replay, type ReplayPolicy } from './replay';
import type { CumulativePoint, IncidentSimulation, PolicyOutcome, RecordedIncident, SimulationInput, SimulationResult } from './types';

/** Points kept on the cumulative penalty curve (the last one of each stretch when there are more). */
export const MAX_CURVE_POINTS = 500;

export const REFUSED_STEP_RULE =
  'A recorded step the candidate ladder refuses at its instant is skipped, the rest of the incident is replayed without it, ' +
  'and the incident is flagged (step, instant, reason); it stays in the totals. An incident that cannot be replayed under ' +
  'one of the policies (severity not in it, no pinned snapshot, another currency) is flagged and left out of every total.';

const iso = (ms: number) => new Date(ms).toISOString();

function actualPolicy(incident: RecordedIncident): ReplayPolicy | null {
  return incident.pinned ? { policy: incident.pinned.policy, terms: incident.pinned.contract.penalty } : null;
}

function candidatePolicy(incident: RecordedIncident, input: SimulationInput): ReplayPolicy {
  const { policy, terms } = input.candidate;
  return {
    policy: { id: policy.id, version: policy.version ?? 0, definition: policy.definition },
    terms: terms ?? incident.pinned?.contract.penalty ?? null,
  };
}

interface Attempt {
  replay: Replay | null;
  problem: string | null;
}

function attempt(
  incident: RecordedIncident,
  policy: ReplayPolicy | null,
  currency: string,
  asOf: number,
  calendars: CalendarCache,
): Attempt {
  const problem =
    policy === null
      ? 'the incident has no pinned snapshot of its terms'
      : incident.pinned && incident.pinned.contract.currency !== currency
        ? `its pinned terms are in ${incident.pinned.contract.currency}, the contract's in ${currency}`
        : replayProblem(incident, policy);
  if (problem) return { replay: null, problem };
  return { replay: replayIncident(incident, policy!, asOf, calendars), problem: null };
}

function outcome(replay: Replay | null, ledger: SimulatedLedger, index: number, currency: string): PolicyOutcome | null {
  if (!replay) return null;
  return {
    breaches: breachedTargets(replay.state),
    penalty: ledger.net.get(index) ?? formatMoney('0', currency),
    periods: replay.state.penalty.periodsPosted,
    status: replay.state.status,
    refusedSteps: replay.refused,
  };
}

/** Runs the simulation in one go. */
export function simulate(input: SimulationInput): SimulationResult {
  const steps = simulation(input);
  for (let next = steps.next(); ; next = steps.next()) if (next.done) return next.value;
}

/**
 * The simulation as a generator that yields after each incident replay, so a server can hand the
 * event loop back between slices of a long run (the result is the generator's return value).
 */
export function* simulation(input: SimulationInput): Generator<void, SimulationResult, void> {
  const { currency, asOf } = input;
  const calendars = new CalendarCache();
  const actual: Attempt[] = [];
  const candidate: Attempt[] = [];
  for (const incident of input.incidents) {
    actual.push(attempt(incident, actualPolicy(incident), currency, asOf, calendars));
    candidate.push(attempt(incident, candidatePolicy(incident, input), currency, asOf, calendars));
    yield;
  }
  const actualLedger = postAll(
    actual.map((a) => a.replay),
    currency,
  );
  const candidateLedger = postAll(
    candidate.map((a) => a.replay),
    currency,
  );

  const rows: IncidentSimulation[] = input.incidents.map((incident, i) => {
    const a = outcome(actual[i].replay, actualLedger, i, currency);
    const c = outcome(candidate[i].replay, candidateLedger, i, currency);
    const notes: string[] = [];
    if (actual[i].problem) notes.push(`not replayed under its pinned policy: ${actual[i].problem}`);
    if (candidate[i].problem) notes.push(`not replayed under the candidate: ${candidate[i].problem}`);
    for (const r of a?.refusedSteps ?? []) notes.push(`${r.step} at ${iso(r.at)} refused under its pinned policy (${r.reason}): skipped`);
    for (const r of c?.refusedSteps ?? []) notes.push(`${r.step} at ${iso(r.at)} refused under the candidate (${r.reason}): skipped`);
    const comparable = a !== null && c !== null;
    return {
      incidentId: incident.id,
      reportedAt: incident.reportedAt,
      severity: incident.severity,
      actual: a,
      candidate: c,
      difference: comparable
        ? { breaches: c.breaches.length - a.breaches.length, penalty: formatMoney(new MoneyDecimal(c.penalty).minus(a.penalty), currency) }
        : null,
      flagged: notes.length > 0,
      notes,
      comparable,
    };
  });

  return {
    currency,
    asOf,
    incidents: rows,
    totals: totalsOf(rows, currency),
    cumulative: curve(rows, actualLedger, candidateLedger, currency),
  };
}

function totalsOf(rows: IncidentSimulation[], currency: string): SimulationResult['totals'] {
  const comparable = rows.filter((r) => r.comparable);
  const sum = (pick: (r: IncidentSimulation) => string) => comparable.reduce((acc, r) => acc.plus(pick(r)), new MoneyDecimal(0));
  const actualPenalty = sum((r) => r.actual!.penalty);
  const candidatePenalty = sum((r) => r.candidate!.penalty);
  const actualBreaches = comparable.reduce((n, r) => n + r.actual!.breaches.length, 0);
  const candidateBreaches = comparable.reduce((n, r) => n + r.candidate!.breaches.length, 0);
  const byTarget: Record<string, { actual: number; candidate: number }> = {};
  for (const r of comparable) {
    for (const key of r.actual!.breaches) (byTarget[key] ??= { actual: 0, candidate: 0 }).actual += 1;
    for (const key of r.candidate!.breaches) (byTarget[key] ??= { actual: 0, candidate: 0 }).candidate += 1;
  }
  return {
    incidents: rows.length,
    comparable: comparable.length,
    flagged: rows.filter((r) => r.flagged).length,
    actual: { breaches: actualBreaches, penalty: formatMoney(actualPenalty, currency) },
    candidate: { breaches: candidateBreaches, penalty: formatMoney(candidatePenalty, currency) },
    difference: { breaches: candidateBreaches - actualBreaches, penalty: formatMoney(candidatePenalty.minus(actualPenalty), currency) },
    breachesByTarget: byTarget,
  };
}

/** Cumulative penalty of the comparable incidents under both policies, one point per instant a row was posted. */
function curve(rows: IncidentSimulation[], actual: SimulatedLedger, candidate: SimulatedLedger, currency: string): CumulativePoint[] {
  const counted = (index: number) => rows[index].comparable;
  const moves = [
    ...actual.rows.filter((r) => counted(r.incident)).map((r) => ({ at: r.at, actual: r.amount, candidate: '0' })),
    ...candidate.rows.filter((r) => counted(r.incident)).map((r) => ({ at: r.at, actual: '0', candidate: r.amount })),
  ].sort((a, b) => a.at - b.at);
  const points: CumulativePoint[] = [];
  let a = new MoneyDecimal(0);
  let c = new MoneyDecimal(0);
  for (const move of moves) {
    a = a.plus(move.actual);
    c = c.plus(move.candidate);
    const point = { at: move.at, actual: formatMoney(a, currency), candidate: formatMoney(c, currency) };
    if (points.length > 0 && points[points.length - 1].at === move.at) points[points.length - 1] = point;
    else points.push(point);
  }
  if (points.length <= MAX_CURVE_POINTS) return points;
  // Thin evenly, keeping the last point (the totals).
  const step = points.length / MAX_CURVE_POINTS;
  return Array.from({ length: MAX_CURVE_POINTS }, (_, k) => points[Math.min(points.length - 1, Math.ceil((k + 1) * step) - 1)]);
}
