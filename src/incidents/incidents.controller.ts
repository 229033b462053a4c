import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ACCESS } from '../auth/access-matrix';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ListIncidentsQuery } from './dto/list-incidents.dto';
import { ReportedIncidentDto, ReportIncidentDto } from './dto/report-incident.dto';
import { IncidentsService } from './incidents.service';

@ApiTags('incidents')
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Post()
  @Roles(...ACCESS.incidentWrite)
  @ApiOperation({ summary: 'Report a fault: starts its escalation workflow' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried report with the same key returns the same incident' })
  @ApiCreatedResponse({ type: ReportedIncidentDto })
  @ApiBadRequestResponse({ description: 'Invalid body, or a severity the policy does not know' })
  @ApiNotFoundResponse({ description: 'Unknown contract' })
  report(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: ReportIncidentDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<ReportedIncidentDto> {
    return this.incidents.report(dto, key, principal);
  }

  @Get()
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: 'List incidents (read model), soonest due first' })
  list(@Query() query: ListIncidentsQuery) {
    return this.incidents.list(query);
  }

  @Get(':id')
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: 'Incident state (live from its workflow), every clock, the timeline' })
  @ApiNotFoundResponse({ description: 'Unknown incident' })
  get(@Param('id') id: string) {
    return this.incidents.get(id);
  }

  @Get(':id/report')
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: 'The fault report written at close (JSON, or Markdown with ?format=markdown)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'markdown'] })
  @ApiProduces('application/json', 'text/markdown')
  @ApiConflictResponse({ description: 'Not written yet (written after the customer signs off)' })
  async report_(@Param('id') id: string, @Query('format') format: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { report, markdown } = await this.incidents.faultReport(id);
    if (format === 'markdown') {
      res.type('text/markdown; charset=utf-8');
      return markdown;
    }
    return report;
  }
}
