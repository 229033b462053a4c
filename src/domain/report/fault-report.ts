import { toZonedIso } from '../clock/engine';

/** The report the letters require after every fix: cause, method, timeline, every target's outcome. */
export interface FaultReport {
  incidentId: string;
  contract: { id: string; customer: string };
  zone: string;
  severity: string;
  description: string;
  reportedAt: string;
  restoredAt: string | null;
  closedAt: string | null;
  signedOffBy: string | null;
  cause: string | null;
  method: string | null;
  breachCount: number;
  targets: Array<{ key: string; status: string; dueAt: string | null; settledAt: string | null; marginMs: number | null }>;
  pauses: Array<{ from: string; to: string | null; reason: string; note?: string }>;
  timeline: Array<{ seq: number; kind: string; at: string; actor: string | null; data: Record<string, unknown> }>;
}

interface ReportSource {
  incidentId: string;
  zone: string;
  contract: { id: string; customer: string };
  description: string;
  reportedAt: number;
  view: {
    severity: string;
    restoredAt?: number;
    closedAt?: number;
    signedOffBy?: string;
    resolution?: { cause: string; method: string };
    breachCount: number;
    clockViews: Array<{ key: string; status: string; dueAt: number | null; settledAt?: number; marginMs?: number }>;
    pauses: Array<{ from: number; to: number | null; reason: string; note?: string }>;
  };
  timeline: Array<{ seq: number; kind: string; at: number; actor?: string; data: Record<string, unknown> }>;
}

export function buildFaultReport(src: ReportSource): FaultReport {
  const local = (t: number | null | undefined) => (t === null || t === undefined ? null : toZonedIso(t, src.zone));
  const v = src.view;
  return {
    incidentId: src.incidentId,
    contract: src.contract,
    zone: src.zone,
    severity: v.severity,
    description: src.description,
    reportedAt: local(src.reportedAt)!,
    restoredAt: local(v.restoredAt),
    closedAt: local(v.closedAt),
    signedOffBy: v.signedOffBy ?? null,
    cause: v.resolution?.cause ?? null,
    method: v.resolution?.method ?? null,
    breachCount: v.breachCount,
    targets: v.clockViews.map((c) => ({
      key: c.key,
      status: c.status,
      dueAt: local(c.dueAt),
      settledAt: local(c.settledAt),
      marginMs: c.marginMs ?? null,
    })),
    pauses: v.pauses.map((p) => ({ from: local(p.from)!, to: local(p.to), reason: p.reason, note: p.note })),
    timeline: src.timeline.map((e) => ({ seq: e.seq, kind: e.kind, at: local(e.at)!, actor: e.actor ?? null, data: e.data })),
  };
}

function formatMargin(ms: number | null): string {
  if (ms === null) return '';
  const sign = ms < 0 ? 'late by ' : 'with ';
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  return `${sign}${h}h ${m}m ${s}s${ms < 0 ? '' : ' to spare'}`;
}

const cell = (v: unknown) =>
  String(v ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');

/** A readable rendering for the customer (Markdown). */
export function renderFaultReportMarkdown(r: FaultReport): string {
  const lines = [
    `# Fault report — incident ${r.incidentId}`,
    '',
    `- Customer: ${r.contract.customer} (contract ${r.contract.id})`,
    `- Severity: ${r.severity}`,
    `- Times shown in: ${r.zone}`,
    `- Reported: ${r.reportedAt}`,
    `- Restored: ${r.restoredAt ?? '—'}`,
    `- Signed off by: ${r.signedOffBy ?? '—'}`,
    `- Closed: ${r.closedAt ?? '—'}`,
    '',
    '## Fault',
    '',
    r.description,
    '',
    '## Cause',
    '',
    r.cause ?? '—',
    '',
    '## Method',
    '',
    r.method ?? '—',
    '',
    `## Commitments (${r.breachCount} breached)`,
    '',
    '| target | outcome | due | settled | margin |',
    '|---|---|---|---|---|',
    ...r.targets.map(
      (t) =>
        `| ${cell(t.key)} | ${cell(t.status)} | ${cell(t.dueAt ?? '—')} | ${cell(t.settledAt ?? '—')} | ${cell(formatMargin(t.marginMs))} |`,
    ),
    '',
  ];
  if (r.pauses.length > 0) {
    lines.push('## Clock pauses', '', '| from | to | reason | note |', '|---|---|---|---|');
    lines.push(...r.pauses.map((p) => `| ${cell(p.from)} | ${cell(p.to ?? 'open')} | ${cell(p.reason)} | ${cell(p.note)} |`), '');
  }
  lines.push('## Timeline', '', '| # | when | what | who |', '|---|---|---|---|');
  lines.push(...r.timeline.map((e) => `| ${e.seq} | ${cell(e.at)} | ${cell(e.kind)} | ${cell(e.actor ?? '')} |`), '');
  return lines.join('\n');
}
