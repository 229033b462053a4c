import { Injectable } from '@nestjs/common';
import { parseInstant } from '../admin/time-input';
import { CalendarsService } from '../calendars/calendars.service';
import { deadlineOf, toUtcIso, toZonedIso } from '../domain/clock/engine';
import { listTargets, type PolicyDefinition, type TargetKey } from '../domain/policy/policy';
import type { PolicyPreviewDto, PreviewRowResponse } from './dto/policy-preview.dto';
import { PoliciesService } from './policies.service';
import { RUNG_OPENED_BY } from './rung-openings';

/** POST /policies/{id}/preview: every target's due instant for an incident reported now-ish. */
@Injectable()
export class PolicyPreviewService {
  constructor(
    private readonly policies: PoliciesService,
    private readonly calendars: CalendarsService,
  ) {}

  async preview(policyId: string, dto: PolicyPreviewDto): Promise<PreviewRowResponse[]> {
    const { version } = await this.policies.get(policyId, dto.version);
    const { calendar } = await this.calendars.business(dto.calendarId);
    return previewLadder(version.definition, dto.severity, parseInstant(dto.reportedAt), calendar);
  }
}

/** Due instants of every target of `severity`, in ladder order (no pauses). */
export function previewLadder(
  def: PolicyDefinition,
  severity: string,
  t0: number,
  calendar: Parameters<typeof deadlineOf>[0],
): PreviewRowResponse[] {
  const due = new Map<TargetKey, number>();
  return listTargets(def, severity).map(({ key, rung, target }) => {
    let anchorAt = t0;
    let assumption: string | null = null;
    if (target.anchor === 'rungStart') {
      const opener = RUNG_OPENED_BY[rung];
      const openerDue = opener === null ? undefined : due.get(opener);
      if (opener === null || opener === key || openerDue === undefined) {
        assumption = `assumes the ${rung} rung opens at the report (${toUtcIso(t0)})`;
      } else {
        anchorAt = openerDue;
        assumption = `assumes the ${rung} rung opens when ${opener} falls due (${toUtcIso(openerDue)})`;
      }
    }
    const dueAt = deadlineOf(calendar, anchorAt, { amount: target.amount, unit: target.unit }) as number;
    due.set(key, dueAt);
    return {
      key,
      rung,
      target,
      anchor: target.anchor,
      anchorAt: toUtcIso(anchorAt),
      dueAt: toUtcIso(dueAt),
      dueAtLocal: toZonedIso(dueAt, calendar.zone),
      assumption,
    };
  });
}
