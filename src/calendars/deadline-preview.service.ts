import { Injectable } from '@nestjs/common';
import { parseInstant } from '../admin/time-input';
import { deadlineOf, toUtcIso, toZonedIso, validateDuration } from '../domain/clock/engine';
import type { Pause } from '../domain/clock/types';
import { DomainValidationError, type FieldIssue } from '../domain/errors';
import { CalendarsService } from './calendars.service';
import type { DeadlinePreviewDto, DeadlinePreviewResponse } from './dto/deadline-preview.dto';

/** POST /calendars/{id}/deadline: when a target on this calendar's clock falls due. */
@Injectable()
export class DeadlinePreviewService {
  constructor(private readonly calendars: CalendarsService) {}

  async preview(calendarId: string, dto: DeadlinePreviewDto): Promise<DeadlinePreviewResponse> {
    const { entity, calendar } = await this.calendars.business(calendarId);
    const duration = validateDuration(dto.duration, 'duration.');
    const start = parseInstant(dto.start);
    const pauses = this.pauses(dto);
    const due = deadlineOf(calendar, start, duration, pauses);
    return {
      deadline: due === null ? null : toUtcIso(due),
      deadlineLocal: due === null ? null : toZonedIso(due, calendar.zone),
      calendarId: entity.id,
      zone: calendar.zone,
      start: toUtcIso(start),
      duration,
    };
  }

  private pauses(dto: DeadlinePreviewDto): Pause[] {
    const issues: FieldIssue[] = [];
    const pauses = (dto.pauses ?? []).map((p, i) => {
      const pause: Pause = { from: parseInstant(p.from), to: p.to == null ? null : parseInstant(p.to) };
      if (pause.to !== null && pause.to < pause.from)
        issues.push({ path: `pauses[${i}].to`, message: `must not be before from (${p.from})` });
      return pause;
    });
    if (issues.length > 0) throw new DomainValidationError(issues);
    return pauses;
  }
}
