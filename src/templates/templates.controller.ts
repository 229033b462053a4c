import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
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
import { ImportTemplateDto } from './dto/import-template.dto';
import { TemplateImportResponse, TemplateResponse, TemplateSummaryResponse } from './dto/template.response';
import { TemplatesService } from './templates.service';

const ID = { name: 'id', description: 'Template id', example: 'xinbei-service-commitment' };

@ApiTags('admin: templates')
@ApiBadRequestResponse({ description: 'Invalid input: fieldErrors name each field path and the reason' })
@Controller('templates')
export class TemplatesController {
  constructor(
    private readonly templates: TemplatesService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Roles(...ACCESS.read)
  @ApiOperation({
    summary: 'List the seed templates',
    description: "Each customer letter: id, name, the letter's quotes, the template's assumptions.",
  })
  @ApiOkResponse({ type: PageOf(TemplateSummaryResponse) })
  list(@Query() query: PageQuery): Page<TemplateSummaryResponse> {
    return this.templates.list(query);
  }

  @Get(':id')
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: 'Read a seed template, with its calendar and policy definitions' })
  @ApiParam(ID)
  @ApiOkResponse({ type: TemplateResponse })
  @ApiNotFoundResponse({ description: 'No such template' })
  get(@Param('id') id: string): TemplateResponse {
    return this.templates.get(id);
  }

  @Post(':id/import')
  @Roles(...ACCESS.admin)
  @ApiOperation({
    summary: "Create the template's calendar and policy",
    description:
      "Both are named `name` (default: the template's name) and created together or not at all. The response's contractTerms " +
      '(calendarId, policyId, currency, penaltyTerms) are what POST /api/v1/contracts needs besides name, customer and totalValue.',
  })
  @ApiParam(ID)
  @ApiCreatedResponse({ type: TemplateImportResponse })
  @ApiNotFoundResponse({ description: 'No such template' })
  @ApiConflictResponse({ description: 'A calendar or a policy with that name exists' })
  async import(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() dto: ImportTemplateDto,
  ): Promise<TemplateImportResponse> {
    return this.audit.withAudit(principal, async (m) => {
      const imported = await this.templates.import(id, dto, m);
      const details = {
        name: imported.calendar.name,
        calendarId: imported.calendar.id,
        policyId: imported.policy.id,
        policyVersion: imported.policy.version,
      };
      return { result: imported, action: 'template.import', entity: { type: 'template', id }, details };
    });
  }
}
