/**
 * A year of a busy contract for the simulation benchmark: recorded incidents (pinned snapshot and
 * steps) generated with a seeded PRNG, so every run replays the same history. Two service hours as
 * in the letters: urgent on wall-clock hours, general on a 5×8 calendar (Asia/Shanghai, lunch break,
 * working-hours and working-days targets), where calendar arithmetic costs the most.
 */
import type { CalendarDefinition } from '../../src/domain/clock/types';
import type { PinnedSnapshot } from '../../src/domain/ladder';
import { validatePenaltyTerms } from '../../src/domain/penalty/terms';
import { validatePolicyDefinition, type PolicyDefinition } from '../../src/domain/policy/policy';
import type { RecordedIncident, RecordedStep } from '../../src/domain/simulation';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const YEAR_START = Date.UTC(2025, 10, 1);

const h = (amount: number, anchor: 'report' | 'rungStart' = 'report') => ({ amount, unit: 'hours' as const, anchor });
const wh = (amount: number, anchor: 'report' | 'rungStart' = 'report') => ({ amount, unit: 'workingHours' as const, anchor });
const wd = (amount: number, anchor: 'report' | 'rungStart' = 'report') => ({ amount, unit: 'workingDays' as const, anchor });

const day = [
  { open: '09:00', close: '12:00' },
  { open: '13:30', close: '18:00' },
];
export const BENCH_CALENDAR: CalendarDefinition = {
  zone: 'Asia/Shanghai',
  week: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day },
  holidays: ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-05-01', '2026-10-01', '2026-10-02'],
  extraWorkingDays: [],
};

/** The letters' ladder: urgent on site within `onsiteHours` of the dispatch decision, restored within `restoreHours`. */
export function benchPolicy(onsiteHours = 2, restoreHours = 8): PolicyDefinition {
  return validatePolicyDefinition({
    severities: {
      urgent: {
        triage: { respondWithin: { amount: 30, unit: 'minutes' } },
        remote: { startWithin: h(1), resolveWithin: h(4) },
        onsite: { arriveWithin: h(onsiteHours, 'rungStart') },
        spare: { triggerAfter: h(8), deliverWithin: h(24, 'rungStart') },
        expert: { triggerAfter: h(24), conveneWithin: h(4, 'rungStart') },
        penalty: { restoreWithin: h(restoreHours) },
        signOff: { within: h(24, 'rungStart') },
        faultReport: { deliverWithin: h(48, 'rungStart') },
      },
      general: {
        triage: { respondWithin: wh(1) },
        remote: { startWithin: wh(2), resolveWithin: wh(8) },
        onsite: { arriveWithin: wh(16, 'rungStart') },
        spare: { triggerAfter: wd(2), deliverWithin: wd(1, 'rungStart') },
        expert: { triggerAfter: wd(3), conveneWithin: wh(8, 'rungStart') },
        penalty: { restoreWithin: wd(3) },
        signOff: { within: wd(1, 'rungStart') },
        faultReport: { deliverWithin: wd(2, 'rungStart') },
      },
    },
  });
}

export function benchSnapshot(): PinnedSnapshot {
  return {
    policy: { id: 'bench-policy', version: 1, definition: benchPolicy() },
    calendar: { id: 'bench-5x8', definition: BENCH_CALENDAR },
    contract: {
      id: 'bench-contract',
      customer: 'Bench hospital',
      totalValue: '10000000.00',
      currency: 'CNY',
      penalty: validatePenaltyTerms({ ratePerPeriod: '0.0025', capFraction: '0.05', capScope: 'incident' }),
      webhookUrl: null,
    },
  };
}

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` incidents reported over a year, each walked to its end (a few excluded, paused or reclassified). */
export function benchIncidents(count: number, seed = 20261128): RecordedIncident[] {
  const random = prng(seed);
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const pinned = benchSnapshot();
  const incidents: RecordedIncident[] = [];
  for (let i = 0; i < count; i++) {
    const reportedAt = Math.floor(YEAR_START + random() * 365 * DAY);
    const severity = random() < 0.3 ? 'urgent' : 'general';
    const steps: RecordedStep[] = [];
    let at = reportedAt;
    const take = (step: RecordedStep['step'], after: number, payload: Record<string, unknown> = {}) => {
      at += Math.floor(after);
      steps.push({ step, at, payload: step === 'close' ? {} : { actor: 'eng:li.na', ...payload }, seq: steps.length + 1 });
    };
    take('acknowledge', between(2, 90) * MIN);
    take('remoteSession', between(5, 60) * MIN);
    if (random() < 0.1) {
      take('pause', between(5, 60) * MIN, { reason: 'waiting_on_customer' });
      take('resume', between(1, 30) * HOUR);
    }
    if (random() < 0.4) {
      take('diagnosis', between(10, 120) * MIN, { outcome: 'resolved_remotely', cause: 'config', method: 'rolled back' });
    } else {
      take('diagnosis', between(10, 120) * MIN, { outcome: 'needs_onsite' });
      take('dispatch', between(5, 60) * MIN, { engineer: 'eng:wang.fang' });
      take('arrive', between(30, 600) * MIN);
      if (random() < 0.05) take('reclassify', between(5, 60) * MIN, { severity: severity === 'urgent' ? 'general' : 'urgent' });
      if (random() < 0.03) {
        take('exclude', between(1, 48) * HOUR, { reason: 'customer UPS failure' });
        incidents.push({ id: `inc-${i}`, workflowId: `incident-inc-${i}`, reportedAt, severity, pinned, steps });
        continue;
      }
      take('restore', between(0.5, 96) * HOUR, { cause: 'PSU failure', method: 'replaced PSU' });
    }
    take('signOff', between(1, 40) * HOUR, { signer: 'customer:liu' });
    take('close', between(1, 30) * MIN);
    incidents.push({ id: `inc-${i}`, workflowId: `incident-inc-${i}`, reportedAt, severity, pinned, steps });
  }
  return incidents.sort((a, b) => a.reportedAt - b.reportedAt);
}
