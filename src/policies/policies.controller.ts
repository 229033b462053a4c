import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
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
import { AuditService } from '../audit/audit.service';
import { CreatePolicyDto, UpdatePolicyDto } from './dto/create-policy.dto';
import { PolicyPreviewDto, PreviewRowResponse } from './dto/policy-preview.dto';
import { PolicyResponse, PolicyVersionResponse } from './dto/policy.response';
import { PoliciesService, toPolicyResponse, toPolicyVersionResponse } from './policies.service';
import { PolicyPreviewService } from './policy-preview.service';
import { RUNG_OPENING_NOTE } from '../domain/ladder';

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
}
