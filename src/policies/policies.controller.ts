import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Page, PageOf, PageQuery } from '../admin/pagination';
import { ACCESS } from '../auth/access-matrix';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuditService } from '../audit/audit.service';
import { CreatePolicyDto, UpdatePolicyDto } from './dto/create-policy.dto';
import { PolicyPreviewDto, PreviewRowResponse } from './dto/policy-preview.dto';
import { PolicyResponse, PolicyVersionResponse } from './dto/policy.response';
import { PoliciesService, toPolicyResponse, toPolicyVersionResponse } from './policies.service';
import { PolicyPreviewService } from './policy-preview.service';
import { RUNG_OPENING_NOTE } from '../domain/ladder';
import { REFUSED_STEP_RULE } from '../domain/simulation';
import { MAX_SIMULATED_INCIDENTS, SimulatePolicyDto, SimulateQuery } from './dto/simulate-policy.dto';
import { SimulationResponse, toSimulationResponse } from './dto/simulation.response';
import { PolicySimulationService } from './policy-simulation.service';
import { SIMULATION_CSV_COLUMNS, simulationCsv } from './simulation-csv';

const ID = { name: 'id', format: 'uuid', description: 'Policy id' };

const versionPipe = new ParseIntPipe({
  exceptionFactory: () => new BadRequestException({ fieldErrors: [{ path: 'version', message: 'version must be a positive integer' }] }),
});

@ApiTags('admin: policies')
@ApiBadRequestResponse({ description: 'Invalid input: fieldErrors name each field path and the reason' })
@Controller('policies')
export class PoliciesController {
  constructor(
    private readonly policies: PoliciesService,
    private readonly previews: PolicyPreviewService,
    private readonly simulations: PolicySimulationService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @Roles(...ACCESS.admin)
  @ApiOperation({ summary: 'Create an escalation policy (version 1)' })
  @ApiCreatedResponse({ type: PolicyResponse })
  @ApiConflictResponse({ description: 'A policy with this name exists' })
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreatePolicyDto): Promise<PolicyResponse> {
    return this.audit.withAudit(principal, async (m) => {
      const created = toPolicyResponse(await this.policies.create(dto, m));
      const details = { name: created.name, version: created.version };
      return { result: created, action: 'policy.create', entity: { type: 'policy', id: created.id }, details };
    });
  }

  @Get()
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: 'List policies (by name), each with its current version' })
  @ApiOkResponse({ type: PageOf(PolicyResponse) })
  async list(@Query() query: PageQuery): Promise<Page<PolicyResponse>> {
    const page = await this.policies.list(query);
    return { ...page, items: page.items.map(toPolicyResponse) };
  }

  @Get(':id')
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: 'Read a policy: its current version' })
  @ApiParam(ID)
  @ApiOkResponse({ type: PolicyResponse })
  @ApiNotFoundResponse({ description: 'No such policy' })
  async get(@Param('id') id: string): Promise<PolicyResponse> {
    return toPolicyResponse(await this.policies.get(id));
  }

  @Put(':id')
  @Roles(...ACCESS.admin)
  @ApiOperation({
    summary: 'Update a policy: creates version n+1',
    description:
      'Versions are immutable: the definition given becomes a new version (and the current one); earlier versions stay readable and running incidents keep theirs.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: PolicyResponse })
  @ApiNotFoundResponse({ description: 'No such policy' })
  @ApiConflictResponse({ description: 'The new name is taken' })
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: UpdatePolicyDto): Promise<PolicyResponse> {
    return this.audit.withAudit(principal, async (m) => {
      const updated = await this.policies.update(id, dto, m);
      const [before, after] = [toPolicyResponse(updated.previous), toPolicyResponse(updated)];
      const details = {
        previousVersion: before.version,
        version: after.version,
        ...(before.name === after.name ? {} : { name: { from: before.name, to: after.name } }),
      };
      return { result: after, action: 'policy.update', entity: { type: 'policy', id }, details };
    });
  }

  @Get(':id/versions')
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: 'List the versions of a policy (oldest first)' })
  @ApiParam(ID)
  @ApiOkResponse({ type: PageOf(PolicyVersionResponse) })
  @ApiNotFoundResponse({ description: 'No such policy' })
  async versions(@Param('id') id: string, @Query() query: PageQuery): Promise<Page<PolicyVersionResponse>> {
    const page = await this.policies.listVersions(id, query);
    return { ...page, items: page.items.map(toPolicyVersionResponse) };
  }

  @Get(':id/versions/:version')
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: 'Read one version of a policy' })
  @ApiParam(ID)
  @ApiParam({ name: 'version', type: Number, example: 1 })
  @ApiOkResponse({ type: PolicyVersionResponse })
  @ApiNotFoundResponse({ description: 'No such policy or version' })
  async version(@Param('id') id: string, @Param('version', versionPipe) n: number): Promise<PolicyVersionResponse> {
    const { version } = await this.policies.get(id, n);
    return toPolicyVersionResponse(version);
  }

  @Post(':id/preview')
  @HttpCode(HttpStatus.OK)
  @Roles(...ACCESS.read)
  @ApiOperation({
    summary: "Preview every target's due instant for an incident",
    description:
      'For an incident of `severity` reported at `reportedAt`, on calendar `calendarId`, under the current version (or `version`): ' +
      'every target of the ladder in order with the instant it falls due, UTC (`dueAt`) and in the calendar zone (`dueAtLocal`), no pauses. ' +
      RUNG_OPENING_NOTE,
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: [PreviewRowResponse] })
  @ApiNotFoundResponse({ description: 'No such policy, version or calendar' })
  async preview(@Param('id') id: string, @Body() dto: PolicyPreviewDto): Promise<PreviewRowResponse[]> {
    return this.previews.preview(id, dto);
  }

  @Post(':id/simulate')
  @HttpCode(HttpStatus.OK)
  @ApiExtraModels(SimulationResponse)
  @Roles(...ACCESS.finance)
  @ApiOperation({
    summary: "What would this policy have cost? Replay a contract's past incidents under a candidate policy",
    description:
      'Replays the recorded steps of the incidents of `contractId` reported in [period.from, period.to) through the ladder engine, each ' +
      'on its pinned calendar, under its pinned policy and terms ("actual") and under the candidate (a saved version of this policy or an ' +
      'unsaved definition; `terms` optionally replaces the pinned penalty terms). Each run posts into a simulated ledger that applies the ' +
      "cap as the ledger does, in the order postings fell due (it starts empty: entries of incidents outside the period don't count " +
      'toward a contract cap). Incidents still open are replayed up to now (`asOf`). Returns per incident and in total the breaches and ' +
      `the penalty under both and the difference. ${REFUSED_STEP_RULE} At most ${MAX_SIMULATED_INCIDENTS} incidents per simulation. ` +
      `CSV (Accept: text/csv or format=csv): columns ${SIMULATION_CSV_COLUMNS.join(',')}.`,
  })
  @ApiParam(ID)
  @ApiOkResponse({
    description: 'JSON, or CSV with Accept: text/csv or format=csv',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(SimulationResponse) } },
      'text/csv': { schema: { type: 'string', example: `${SIMULATION_CSV_COLUMNS.join(',')}\r\n` } },
    },
  })
  @ApiNotFoundResponse({ description: 'No such policy, version or contract' })
  async simulate(
    @Param('id') id: string,
    @Body() dto: SimulatePolicyDto,
    @Query() query: SimulateQuery,
    @Headers('accept') accept: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const response = toSimulationResponse(await this.simulations.simulate(id, dto), REFUSED_STEP_RULE);
    const csv = query.format === 'csv' || (query.format === undefined && /\btext\/csv\b/i.test(accept ?? ''));
    if (!csv) {
      res.status(200).json(response);
      return;
    }
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment(`simulation-${response.contractId}-${response.candidateVersion ?? 'unsaved'}.csv`)
      .send(simulationCsv(response));
  }
}
