import { Injectable } from '@nestjs/common';
import { parseInstant } from '../domain/fields';
import { CalendarsService } from '../calendars/calendars.service';
import { toUtcIso, toZonedIso } from '../domain/clock/engine';
import { previewLadder } from '../domain/ladder';
import type { PolicyDefinition } from '../domain/policy/policy';
import type { PolicyPreviewDto, PreviewRowResponse } from './dto/policy-preview.dto';
import { PoliciesService } from './policies.service';

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
    return previewResponse(version.definition, dto.severity, parseInstant(dto.reportedAt), calendar);
  }
}

/** The preview rows as the API answers them (UTC and the calendar's zone). */
export function previewResponse(
  def: PolicyDefinition,
  severity: string,
  t0: number,
  calendar: Parameters<typeof previewLadder>[3],
): PreviewRowResponse[] {
  return previewLadder(def, severity, t0, calendar).map((row) => ({
    key: row.key,
    rung: row.rung,
    target: row.target,
    anchor: row.target.anchor,
    anchorAt: toUtcIso(row.anchorAt),
    dueAt: toUtcIso(row.dueAt),
    dueAtLocal: toZonedIso(row.dueAt, calendar.zone),
    assumption: row.assumption,
  }));
}
