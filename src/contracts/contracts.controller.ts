import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
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
import { ContractsService, toContractResponse } from './contracts.service';
import { ContractResponse } from './dto/contract.response';
import { CreateContractDto, UpdateContractDto } from './dto/contract.dto';

const ID = { name: 'id', format: 'uuid', description: 'Contract id' };

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
      const created = toContractResponse(await this.contracts.create(dto, m));
      const { id, createdAt, updatedAt, ...terms } = created;
      return { result: created, action: 'contract.create', entity: { type: 'contract', id }, details: terms };
    });
  }

  @Get()
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: 'List contracts (by name)' })
  @ApiOkResponse({ type: PageOf(ContractResponse) })
  async list(@Query() query: PageQuery): Promise<Page<ContractResponse>> {
    const page = await this.contracts.list(query);
    return { ...page, items: page.items.map(toContractResponse) };
  }

  @Get(':id')
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: 'Read a contract' })
  @ApiParam(ID)
  @ApiOkResponse({ type: ContractResponse })
  @ApiNotFoundResponse({ description: 'No such contract' })
  async get(@Param('id') id: string): Promise<ContractResponse> {
    return toContractResponse(await this.contracts.get(id));
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
      const before = toContractResponse(await this.contracts.get(id, m));
      const after = toContractResponse(await this.contracts.update(id, dto, m));
      const details = { changes: changes(before, after, givenFields(dto)) };
      return { result: after, action: 'contract.update', entity: { type: 'contract', id }, details };
    });
  }
}
