import Decimal from 'decimal.js';
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
  /** Rungs the contract does not promise for this class: never opened, never breached. */
  notPromised: string[];
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
  /** The rungs the contract's policy does not promise for this class (shown as "not promised"). */
  notPromised?: string[];
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
    notPromised: src.notPromised ?? [],
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

/**
 * What rendering needs from the language layer (src/i18n/report-language.ts): catalogue texts, the
 * labels of the domain's identifiers, event descriptions, and the language's way of writing times
 * and durations. Keeps this module free of any i18n library.
 */
export interface ReportLanguage {
  t(key: string, values?: Record<string, unknown>): string;
  label(group: 'target' | 'clockStatus' | 'pauseReason' | 'rung', id: string): string;
  event(kind: string, data: Record<string, unknown>): string;
  dateTime(zonedIso: string, zone: string, withOffset: boolean): string;
  duration(ms: number): string;
  zoneName(zone: string): string;
  money(amount: string, currency: string): string;
}

const cell = (v: unknown) =>
  String(v ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');

/** The customer's document (Markdown), in the contract's language; times in the calendar's zone. */
export function renderFaultReportMarkdown(r: FaultReport, lang: ReportLanguage): string {
  const { t } = lang;
  const none = t('report:none');
  const instants = [
    r.reportedAt,
    r.restoredAt,
    r.closedAt,
    ...r.targets.flatMap((x) => [x.dueAt, x.settledAt]),
    ...r.pauses.flatMap((p) => [p.from, p.to]),
    ...r.timeline.map((e) => e.at),
  ].filter((x): x is string => x !== null);
  // The offset is written out only when it changes within the report (a DST change): otherwise the zone line says it.
  const withOffset = new Set(instants.map((x) => /(Z|[+-]\d{2}:?\d{2})$/.exec(x)?.[1])).size > 1;
  const time = (x: string | null) => (x === null ? none : lang.dateTime(x, r.zone, withOffset));
  const margin = (ms: number | null) =>
    ms === null ? '' : t(ms < 0 ? 'report:marginLate' : 'report:marginSpare', { duration: lang.duration(Math.abs(ms)) });
  const col = (name: string) => t(`report:column.${name}`);
  const field = (name: string, value: string) => `- ${t('report:field', { label: t(`report:${name}`), value })}`;
  const row = (cells: unknown[]) => `| ${cells.map(cell).join(' | ')} |`;
  const header = (names: string[]) => [row(names.map(col)), `|${names.map(() => '---|').join('')}`];

  const lines = [
    `# ${t('report:title')}`,
    '',
    `**${t('report:incident', { description: r.description })}**`,
    '',
    field('incidentId', r.incidentId),
    field('customer', r.contract.customer),
    field('contract', r.contract.id),
    field('severity', r.severity),
    `- ${t('report:zone', { zone: r.zone, zoneName: lang.zoneName(r.zone) })}`,
    field('reported', time(r.reportedAt)),
    field('restored', time(r.restoredAt)),
    field('signedOffBy', r.signedOffBy ?? none),
    field('closed', time(r.closedAt)),
    '',
    `## ${t('report:fault')}`,
    '',
    r.description,
    '',
    `## ${t('report:cause')}`,
    '',
    r.cause ?? none,
    '',
    `## ${t('report:method')}`,
    '',
    r.method ?? none,
    '',
    `## ${t('report:commitments')}`,
    '',
    r.breachCount > 0 ? t('report:breachCount', { count: r.breachCount }) : t('report:noBreach'),
    '',
    ...header(['target', 'outcome', 'due', 'settled', 'margin']),
    ...r.targets.map((x) =>
      row([lang.label('target', x.key), lang.label('clockStatus', x.status), time(x.dueAt), time(x.settledAt), margin(x.marginMs)]),
    ),
    '',
  ];
  if (r.notPromised.length > 0) {
    lines.push(
      t('report:notPromised', { rungs: r.notPromised.map((rung) => lang.label('rung', rung)).join(t('report:listSeparator')) }),
      '',
    );
  }
  if (r.pauses.length > 0) {
    lines.push(`## ${t('report:pauses')}`, '', ...header(['from', 'to', 'reason', 'note']));
    lines.push(
      ...r.pauses.map((p) =>
        row([time(p.from), p.to === null ? t('report:pauseOpen') : time(p.to), lang.label('pauseReason', p.reason), p.note]),
      ),
      '',
    );
  }
  lines.push(`## ${t('report:timeline')}`, '', ...header(['seq', 'when', 'what', 'who']));
  for (const group of foldAccruals(r.timeline)) {
    const [first, last] = [group[0], group[group.length - 1]];
    if (group.length === 1) {
      lines.push(row([first.seq, time(first.at), lang.event(first.kind, first.data), first.actor ?? '']));
      continue;
    }
    const total = group.reduce((sum, e) => sum.plus(String(e.data.nominalAmount ?? '0')), new Decimal(0));
    const what = t('report:accruals', {
      count: group.length,
      from: first.data.periodIndex,
      to: last.data.periodIndex,
      total: lang.money(total.toFixed(), String(first.data.currency ?? '')),
    });
    lines.push(row([`${first.seq}–${last.seq}`, `${time(first.at)} – ${time(last.at)}`, what, '']));
  }
  lines.push('');
  return lines.join('\n');
}

type ReportEvent = FaultReport['timeline'][number];

/**
 * Accrual periods as one line each run (a 30-day outage is one line, not 30), placed where accrual
 * started even when steps come in between; numbering restarting (a reclassification changed what is
 * owed) starts a new run. The console folds its timeline by the same rule.
 */
export function foldAccruals(timeline: ReportEvent[]): ReportEvent[][] {
  const groups: ReportEvent[][] = [];
  let run: ReportEvent[] | null = null;
  for (const e of timeline) {
    if (e.kind !== 'penalty_period_due') {
      groups.push([e]);
      continue;
    }
    const previous = run?.[run.length - 1];
    if (run && previous && Number(e.data.periodIndex) > Number(previous.data.periodIndex)) {
      run.push(e);
      continue;
    }
    run = [e];
    groups.push(run);
  }
  return groups;
}
