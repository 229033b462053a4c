import { hasSeverity, unpromisedRungs, type PolicyDefinition } from '../src/domain/policy/policy';
import type { DataSource } from 'typeorm';
import { buildFaultReport, renderFaultReportMarkdown } from '../src/domain/report/fault-report';
import type { IncidentView } from '../src/domain/ladder';
import { reportLanguage } from '../src/i18n/report-language';
import { documentContext } from './document-context';

export interface WriteFaultReportInput {
  incidentId: string;
  workflowId: string;
  zone: string;
  contract: { id: string; customer: string };
  description: string;
  reportedAt: number;
  view: IncidentView;
}

export function createReportActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /** Writes the fault report (JSON + Markdown in the incident's language) from the persisted timeline; the first write wins. */
    async writeFaultReport(input: WriteFaultReportInput): Promise<void> {
      const timeline: Array<{ seq: number; kind: string; at: Date; actor: string | null; data: Record<string, unknown> }> =
        await dataSource.query(`SELECT seq, kind, at, actor, data FROM incident_timeline WHERE workflow_id = $1 ORDER BY seq`, [
          input.workflowId,
        ]);
      // The rungs the incident's pinned policy does not promise, shown as such (never as missed).
      const [pinned]: Array<{ definition: PolicyDefinition | null }> = await dataSource.query(
        `SELECT pinned->'policy'->'definition' AS definition FROM incidents WHERE id = $1`,
        [input.incidentId],
      );
      const definition = pinned?.definition;
      const notPromised =
        definition && hasSeverity(definition, input.view.severity) ? unpromisedRungs(definition, input.view.severity) : [];
      const report = buildFaultReport({
        ...input,
        notPromised,
        timeline: timeline.map((e) => ({ seq: e.seq, kind: e.kind, at: e.at.getTime(), actor: e.actor ?? undefined, data: e.data })),
      });
      const { language } = await documentContext(dataSource, input.incidentId);
      await dataSource.query(
        `INSERT INTO fault_reports (incident_id, report, markdown) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (incident_id) DO NOTHING`,
        [input.incidentId, JSON.stringify(report), renderFaultReportMarkdown(report, reportLanguage(language))],
      );
    },
  };
}
