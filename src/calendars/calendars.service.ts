import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { assertNameFree, translateUniqueViolation } from '../admin/db-errors';
import { isStorableText } from '../admin/ids';
import { Page, PageQuery, pageOf } from '../admin/pagination';
import { ConflictError, NotFoundError } from '../common/errors';
import { BusinessCalendar } from '../domain/clock/calendar';
import { CalendarEntity } from './calendar.entity';
import type { CalendarResponse } from './dto/calendar.response';
import type { CreateCalendarDto, UpdateCalendarDto } from './dto/create-calendar.dto';

export function toCalendarResponse(c: CalendarEntity): CalendarResponse {
  return {
    id: c.id,
    name: c.name,
    builtIn: c.builtIn,
    definition: c.definition,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

function uniqueName(name: string) {
  return { calendars_name_key: { field: 'name', value: name } };
}

@Injectable()
export class CalendarsService {
  constructor(@InjectRepository(CalendarEntity) private readonly calendars: Repository<CalendarEntity>) {}

  /** `manager`: run inside a caller's transaction (the change with its audit row; template import). */
  async create(dto: CreateCalendarDto, manager?: EntityManager): Promise<CalendarEntity> {
    const repo = manager ? manager.getRepository(CalendarEntity) : this.calendars;
    await assertNameFree(repo.manager, CalendarEntity, 'calendar', dto.name);
    const entity = repo.create({ id: randomUUID(), name: dto.name, definition: dto.definition, builtIn: false });
    return translateUniqueViolation('calendar', uniqueName(dto.name), () => repo.save(entity));
  }

  /** `manager`: read inside a caller's transaction (the row locked until it ends). */
  async get(id: string, manager?: EntityManager): Promise<CalendarEntity> {
    const repo = manager ? manager.getRepository(CalendarEntity) : this.calendars;
    const found = isStorableText(id)
      ? await repo.findOne({ where: { id }, ...(manager ? { lock: { mode: 'pessimistic_write' } } : {}) })
      : null;
    if (!found) throw new NotFoundError('calendar', id);
    return found;
  }

  /** The calendar as the clock engine uses it. */
  async business(id: string): Promise<{ entity: CalendarEntity; calendar: BusinessCalendar }> {
    const entity = await this.get(id);
    return { entity, calendar: BusinessCalendar.of(entity.definition) };
  }

  async list(query: PageQuery): Promise<Page<CalendarEntity>> {
    const [items, total] = await this.calendars.findAndCount({
      order: { name: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return pageOf(items, total, query);
  }

  async update(id: string, dto: UpdateCalendarDto, manager?: EntityManager): Promise<CalendarEntity> {
    const repo = manager ? manager.getRepository(CalendarEntity) : this.calendars;
    const existing = await this.get(id, manager);
    if (existing.builtIn) {
      throw new ConflictError(`calendar ${id} is built in and cannot be updated; create a calendar of your own instead`, 'built_in');
    }
    if (dto.definition !== undefined) existing.definition = dto.definition;
    if (dto.name !== undefined) {
      await assertNameFree(repo.manager, CalendarEntity, 'calendar', dto.name, id);
      existing.name = dto.name;
    }
    return translateUniqueViolation('calendar', uniqueName(existing.name), () => repo.save(existing));
  }
}
