import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
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
import type { ContractAction } from '../domain/contract/life';
import { ContractsService } from './contracts.service';
import { ContractActionDto } from './dto/contract-action.dto';
import { ContractResponse } from './dto/contract.response';
import { CreateContractDto, UpdateContractDto } from './dto/contract.dto';
import { ExclusionsQuery, ExclusionsResponse } from './dto/exclusions.dto';

const ID = { name: 'id', format: 'uuid', description: 'Contract id' };
const LIFE =
  'suspend: active → suspended; resume: suspended → active; terminate: active or suspended → terminated (final). While suspended or ' +
  'terminated no incident can be reported under it; incidents already running go on. The reason is kept on the contract and audited.';

@ApiTags('admin: contracts')
@ApiBadRequestResponse({ description: 'Invalid input: fieldErrors name each field path and the reason' })
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @Roles(...ACCESS.admin)
  @ApiOperation({ summary: 'Create a contract', description: 'calendarId and policyId must exist (404 otherwise).' })
  @ApiCreatedResponse({ type: ContractResponse })
  @ApiNotFoundResponse({ description: 'No such calendar or policy' })
  @ApiConflictResponse({ description: 'A contract with this name exists' })
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateContractDto): Promise<ContractResponse> {
    return this.audit.withAudit(principal, async (m) => {
      const created = await this.contracts.respond(await this.contracts.create(dto, m));
      const { id, createdAt, updatedAt, extension, effectiveEndsOn, statusChangedAt, ...terms } = created;
      return { result: created, action: 'contract.create', entity: { type: 'contract', id }, details: terms };
    });
  }

  @Get()
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: 'List contracts (by name)' })
  @ApiOkResponse({ type: PageOf(ContractResponse) })
  async list(@Query() query: PageQuery): Promise<Page<ContractResponse>> {
    const page = await this.contracts.list(query);
    return { ...page, items: await this.contracts.respondAll(page.items) };
  }

  @Get(':id')
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: 'Read a contract' })
  @ApiParam(ID)
  @ApiOkResponse({ type: ContractResponse })
  @ApiNotFoundResponse({ description: 'No such contract' })
  async get(@Param('id') id: string): Promise<ContractResponse> {
    return this.contracts.respond(await this.contracts.get(id));
  }

  @Get(':id/exclusions')
  @Roles(...ACCESS.read)
  @ApiOperation({
    summary: "Excluded incidents per cause over a period (the contract's customer-caused exclusions)",
    description:
      "Counts the exclusions taken in [from, to) by the cause their exclude step named: the contract's listed causes first " +
      '(zeros included), then "other", causes given without a list, and "unspecified" (no cause named). No money: readable by every role.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: ExclusionsResponse })
  @ApiNotFoundResponse({ description: 'No such contract' })
  exclusions(@Param('id') id: string, @Query() query: ExclusionsQuery): Promise<ExclusionsResponse> {
    return this.contracts.exclusions(id, query);
  }

  @Put(':id')
  @Roles(...ACCESS.admin)
  @ApiOperation({
    summary: 'Update a contract',
    description:
      'Fields left out keep their value; null clears startsOn, endsOn or webhookUrl. The merged contract is validated as a whole.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ type: ContractResponse })
  @ApiNotFoundResponse({ description: 'No such contract, calendar or policy' })
  @ApiConflictResponse({ description: 'The new name is taken' })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() dto: UpdateContractDto,
  ): Promise<ContractResponse> {
    return this.audit.withAudit(principal, async (m) => {
      const before = await this.contracts.respond(await this.contracts.get(id, m));
      const after = await this.contracts.respond(await this.contracts.update(id, dto, m));
      const details = { changes: changes(before, after, givenFields(dto)) };
      return { result: after, action: 'contract.update', entity: { type: 'contract', id }, details };
    });
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles(...ACCESS.admin)
  @ApiOperation({ summary: 'Suspend a contract: no incident can be reported under it until it is resumed', description: LIFE })
  @ApiParam(ID)
  @ApiOkResponse({ type: ContractResponse })
  @ApiNotFoundResponse({ description: 'No such contract' })
  @ApiConflictResponse({ description: 'Not active' })
  suspend(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: ContractActionDto): Promise<ContractResponse> {
    return this.transition(principal, id, 'suspend', dto.reason);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles(...ACCESS.admin)
  @ApiOperation({ summary: 'Resume a suspended contract', description: LIFE })
  @ApiParam(ID)
  @ApiOkResponse({ type: ContractResponse })
  @ApiNotFoundResponse({ description: 'No such contract' })
  @ApiConflictResponse({ description: 'Not suspended' })
  resume(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: ContractActionDto): Promise<ContractResponse> {
    return this.transition(principal, id, 'resume', dto.reason);
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @Roles(...ACCESS.admin)
  @ApiOperation({ summary: 'Terminate a contract (final; never deleted: its ledger and history stay)', description: LIFE })
  @ApiParam(ID)
  @ApiOkResponse({ type: ContractResponse })
  @ApiNotFoundResponse({ description: 'No such contract' })
  @ApiConflictResponse({ description: 'Already terminated' })
  terminate(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: ContractActionDto): Promise<ContractResponse> {
    return this.transition(principal, id, 'terminate', dto.reason);
  }

  /** The status change and its audit row in one transaction, the contract row locked meanwhile. */
  private transition(principal: Principal, id: string, action: ContractAction, reason: string): Promise<ContractResponse> {
    return this.audit.withAudit(principal, async (m) => {
      const existing = await this.contracts.get(id, m);
      const from = existing.status;
      const after = await this.contracts.respond(await this.contracts.transition(existing, action, reason, m));
      return {
        result: after,
        action: `contract.${action}`,
        entity: { type: 'contract', id: after.id },
        details: { reason, from, to: after.status },
      };
    });
  }
}
