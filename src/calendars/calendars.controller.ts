import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Page, PageOf, PageQuery } from '../admin/pagination';
import { ACCESS } from '../auth/access-matrix';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuditService, changes, givenFields } from '../audit/audit.service';
import { CalendarsService, toCalendarResponse } from './calendars.service';
import { DeadlinePreviewService } from './deadline-preview.service';
import { CalendarResponse } from './dto/calendar.response';
import { CreateCalendarDto, UpdateCalendarDto } from './dto/create-calendar.dto';
import { DeadlinePreviewDto, DeadlinePreviewResponse } from './dto/deadline-preview.dto';

const ID = { name: 'id', description: 'Calendar id ("24x7" is the built-in round-the-clock UTC calendar)', example: '24x7' };

@ApiTags('admin: calendars')
@ApiBadRequestResponse({ description: 'Invalid input: fieldErrors name each field path and the reason' })
@Controller('calendars')
export class CalendarsController {
  constructor(
    private readonly calendars: CalendarsService,
    private readonly deadlines: DeadlinePreviewService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @Roles(...ACCESS.admin)
  @ApiOperation({ summary: 'Create a business calendar' })
  @ApiCreatedResponse({ type: CalendarResponse })
  @ApiConflictResponse({ description: 'A calendar with this name exists' })
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateCalendarDto): Promise<CalendarResponse> {
    return this.audit.withAudit(principal, async (m) => {
      const created = toCalendarResponse(await this.calendars.create(dto, m));
      const details = { name: created.name, definition: created.definition };
      return { result: created, action: 'calendar.create', entity: { type: 'calendar', id: created.id }, details };
    });
  }

  @Get()
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: 'List calendars (by name)' })
  @ApiOkResponse({ type: PageOf(CalendarResponse) })
  async list(@Query() query: PageQuery): Promise<Page<CalendarResponse>> {
    const page = await this.calendars.list(query);
    return { ...page, items: page.items.map(toCalendarResponse) };
  }

  @Get(':id')
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: 'Read a calendar' })
  @ApiParam(ID)
  @ApiOkResponse({ type: CalendarResponse })
  @ApiNotFoundResponse({ description: 'No such calendar' })
  async get(@Param('id') id: string): Promise<CalendarResponse> {
    return toCalendarResponse(await this.calendars.get(id));
  }

  @Put(':id')
  @Roles(...ACCESS.admin)
  @ApiOperation({
    summary: 'Update a calendar (name and/or definition)',
    description: 'The built-in 24x7 calendar cannot be updated (409).',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: CalendarResponse })
  @ApiNotFoundResponse({ description: 'No such calendar' })
  @ApiConflictResponse({ description: 'Built-in calendar, or the new name is taken' })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() dto: UpdateCalendarDto,
  ): Promise<CalendarResponse> {
    return this.audit.withAudit(principal, async (m) => {
      const before = toCalendarResponse(await this.calendars.get(id, m));
      const after = toCalendarResponse(await this.calendars.update(id, dto, m));
      return {
        result: after,
        action: 'calendar.update',
        entity: { type: 'calendar', id },
        details: { changes: changes(before, after, givenFields(dto)) },
      };
    });
  }

  @Post(':id/deadline')
  @HttpCode(HttpStatus.OK)
  @Roles(...ACCESS.read)
  @ApiOperation({
    summary: 'Preview a deadline on this calendar',
    description:
      'When a target of `duration` started at `start` falls due on this calendar, with the given pauses cut out. ' +
      'Working units skip non-working time (a start outside working time begins at the next opening); N working days land on the same ' +
      'working-time position of the N-th following working day. `deadline` is UTC, `deadlineLocal` the same instant in the calendar zone; ' +
      'both are null when an open pause (no `to`) stops the clock before the target is reached.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: DeadlinePreviewResponse })
  @ApiNotFoundResponse({ description: 'No such calendar' })
  async deadline(@Param('id') id: string, @Body() dto: DeadlinePreviewDto): Promise<DeadlinePreviewResponse> {
    return this.deadlines.preview(id, dto);
  }
}
