/**
 * The simulation benchmark (`npm run bench:simulation`): a year of a busy contract (2,000
 * incidents by default, BENCH_SIM_INCIDENTS) replayed by the exposure simulator under the actual
 * policy and a candidate (urgent on site within 4 h instead of 2 h, restored within 12 h instead of 8 h), BENCH_SIM_ROUNDS times after a
 * warm-up. Pure CPU: no servers (the endpoint adds two indexed reads of the incidents and their
 * timelines). Prints the median and spread in seconds and what the run found.
 */
import { simulate } from '../src/domain/simulation';
import { benchIncidents, benchPolicy } from './lib/simulation-fixtures';

const count = Number(process.env.BENCH_SIM_INCIDENTS ?? 2000);
const rounds = Number(process.env.BENCH_SIM_ROUNDS ?? 5);

const incidents = benchIncidents(count);
const steps = incidents.reduce((n, i) => n + i.steps.length, 0);
const candidate = { policy: { id: 'bench-policy', version: 2, definition: benchPolicy(4, 12) } };
const asOf = Math.max(...incidents.flatMap((i) => i.steps.map((s) => s.at))) + 86_400_000;
const run = () => simulate({ incidents, candidate, currency: 'CNY', asOf });

const warm = run();
const seconds: number[] = [];
for (let r = 0; r < rounds; r++) {
  const started = process.hrtime.bigint();
  run();
  seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
}
seconds.sort((a, b) => a - b);
const median = seconds[Math.floor(seconds.length / 2)];
const { totals } = warm;
console.log(
  JSON.stringify(
    {
      incidents: count,
      recordedSteps: steps,
      rounds,
      secondsMedian: Number(median.toFixed(3)),
      secondsMin: Number(seconds[0].toFixed(3)),
      secondsMax: Number(seconds[seconds.length - 1].toFixed(3)),
      incidentsPerSecond: Math.round(count / median),
      node: process.version,
      found: {
        flagged: totals.flagged,
        actual: totals.actual,
        candidate: totals.candidate,
        onsiteBreaches: totals.breachesByTarget['onsite.arriveWithin'],
      },
    },
    null,
    2,
  ),
);
