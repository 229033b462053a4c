/** The simulation's per-incident rows as RFC 4180 CSV (the console's before/after table, for a spreadsheet). */
import { csvRecord } from '../ledger/csv';
import type { SimulationResponse } from './dto/simulation.response';

export const SIMULATION_CSV_COLUMNS = [
  'incidentId',
  'reportedAt',
  'severity',
  'comparable',
  'flagged',
  'actualBreaches',
  'actualBreachedTargets',
  'actualPenalty',
  'candidateBreaches',
  'candidateBreachedTargets',
  'candidatePenalty',
  'differenceBreaches',
  'differencePenalty',
  'ledgerPenalty',
  'currency',
  'notes',
] as const;

export function simulationCsv(response: SimulationResponse): string {
  const lines = [csvRecord(SIMULATION_CSV_COLUMNS)];
  for (const r of response.incidents) {
    lines.push(
      csvRecord([
        r.incidentId,
        r.reportedAt,
        r.severity,
        r.comparable,
        r.flagged,
        r.actual?.breaches.length,
        r.actual?.breaches.join(' '),
        r.actual?.penalty,
        r.candidate?.breaches.length,
        r.candidate?.breaches.join(' '),
        r.candidate?.penalty,
        r.difference?.breaches,
        r.difference?.penalty,
        r.ledgerPenalty,
        response.currency,
        r.notes.join('; '),
      ]),
    );
  }
  return lines.join('');
}
