import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { StepName } from '../domain/ladder';
import { ACCESS } from '../auth/access-matrix';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ListIncidentsQuery } from './dto/list-incidents.dto';
import { ReportedIncidentDto, ReportIncidentDto } from './dto/report-incident.dto';
import {
  DiagnosisDto,
  DispatchDto,
  ExpertsDto,
  PauseDto,
  ReasonDto,
  ReclassifyDto,
  RestoreDto,
  SignOffDto,
  SpareDto,
  StepDto,
} from './dto/steps.dto';
import { IncidentsService } from './incidents.service';

const STEP_DOC = {
  ok: ApiOkResponse({ description: 'The step was accepted: the incident state after it' }),
  refused: ApiConflictResponse({ description: "The step does not fit the incident's current state (reason in message)" }),
  missing: ApiNotFoundResponse({ description: 'Unknown incident' }),
  bad: ApiBadRequestResponse({ description: 'Malformed body (fieldErrors name each field)' }),
};
function StepDocs(summary: string): MethodDecorator {
  return (target, key, descriptor) => {
    for (const d of [ApiOperation({ summary }), HttpCode(200), Roles(...ACCESS.incidentWrite), ...Object.values(STEP_DOC)])
      d(target, key, descriptor);
  };
}

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

  /** The step is recorded under the authenticated token's name, whatever `actor` the body claims. */
  private step<S extends StepName>(principal: Principal, id: string, step: S, body: object) {
    return this.incidents.step(id, step, body as never, principal);
  }

  @Post(':id/acknowledge')
  @StepDocs('Phone triage: acknowledge the call')
  acknowledge(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: StepDto) {
    return this.step(p, id, 'acknowledge', b);
  }

  @Post(':id/remote-session')
  @StepDocs('Remote diagnosis: the remote session started')
  remoteSession(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: StepDto) {
    return this.step(p, id, 'remoteSession', b);
  }

  @Post(':id/diagnosis')
  @StepDocs('Record the remote diagnosis: resolved remotely, or needs on-site')
  diagnosis(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: DiagnosisDto) {
    return this.step(p, id, 'diagnosis', b);
  }

  @Post(':id/dispatch')
  @StepDocs('Dispatch an engineer on site')
  dispatch(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: DispatchDto) {
    return this.step(p, id, 'dispatch', b);
  }

  @Post(':id/arrive')
  @StepDocs('The dispatched engineer arrived on site')
  arrive(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: StepDto) {
    return this.step(p, id, 'arrive', b);
  }

  @Post(':id/spare')
  @StepDocs('Deliver a spare unit of no lower grade')
  spare(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: SpareDto) {
    return this.step(p, id, 'spare', b);
  }

  @Post(':id/major-problem')
  @StepDocs('Flag a major technical problem: opens expert consultation')
  majorProblem(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: StepDto) {
    return this.step(p, id, 'majorProblem', b);
  }

  @Post(':id/experts')
  @StepDocs('Experts convened')
  experts(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: ExpertsDto) {
    return this.step(p, id, 'experts', b);
  }

  @Post(':id/restore')
  @StepDocs('Service restored (stops penalty accrual)')
  restore(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: RestoreDto) {
    return this.step(p, id, 'restore', b);
  }

  @Post(':id/sign-off')
  @StepDocs("The customer's sign-off: writes the fault report and closes")
  signOff(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: SignOffDto) {
    return this.step(p, id, 'signOff', b);
  }

  @Post(':id/pause')
  @StepDocs('Pause every clock (force majeure, waiting on the customer)')
  pause(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: PauseDto) {
    return this.step(p, id, 'pause', b);
  }

  @Post(':id/resume')
  @StepDocs('Resume the clocks; deadlines move by the paused time')
  resume(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: StepDto) {
    return this.step(p, id, 'resume', b);
  }

  @Post(':id/reclassify')
  @StepDocs('Change severity: deadlines recomputed from t0 under the new class')
  reclassify(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: ReclassifyDto) {
    return this.step(p, id, 'reclassify', b);
  }

  @Post(':id/exclude')
  @StepDocs('Customer-caused: reverse accruals, stop every clock')
  exclude(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: ReasonDto) {
    return this.step(p, id, 'exclude', b);
  }

  @Post(':id/cancel')
  @StepDocs('Duplicate report: cancel')
  cancel(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: ReasonDto) {
    return this.step(p, id, 'cancel', b);
  }
}
