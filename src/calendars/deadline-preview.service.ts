import { Injectable } from '@nestjs/common';
import { deadlineOf, toUtcIso, toZonedIso } from '../domain/clock/engine';
import type { Duration } from '../domain/clock/types';
import { parseInstant } from '../domain/fields';
import { CalendarsService } from './calendars.service';
import type { DeadlinePreviewDto, DeadlinePreviewResponse } from './dto/deadline-preview.dto';

/** POST /calendars/{id}/deadline: when a target on this calendar's clock falls due. */
@Injectable()
export class DeadlinePreviewService {
  constructor(private readonly calendars: CalendarsService) {}

  async preview(calendarId: string, dto: DeadlinePreviewDto): Promise<DeadlinePreviewResponse> {
    const { entity, calendar } = await this.calendars.business(calendarId);
    const start = parseInstant(dto.start);
    const pauses = (dto.pauses ?? []).map((p) => ({ from: parseInstant(p.from), to: p.to == null ? null : parseInstant(p.to) }));
    const due = deadlineOf(calendar, start, dto.duration as Duration, pauses);
    return {
      deadline: due === null ? null : toUtcIso(due),
      deadlineLocal: due === null ? null : toZonedIso(due, calendar.zone),
      calendarId: entity.id,
      zone: calendar.zone,
      start: toUtcIso(start),
      duration: dto.duration,
    };
  }
}
