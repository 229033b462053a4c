import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page, PageOf } from '../admin/pagination';
import { ACCESS } from '../auth/access-matrix';
import { Roles } from '../auth/roles.decorator';
import { AuditService } from './audit.service';
import { AuditQuery } from './dto/audit-query.dto';
import { AuditEntryResponse } from './dto/audit.response';

@ApiTags('admin: audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles(...ACCESS.admin)
  @ApiOperation({
    summary: 'The audit trail: admin changes and incident steps, newest first',
    description:
      'Every admin change (calendars, policies, contracts, template imports, tokens) and every incident report and step, with the token that did it.',
  })
  @ApiOkResponse({ type: PageOf(AuditEntryResponse) })
  @ApiBadRequestResponse({ description: 'Invalid filter: fieldErrors name each parameter' })
  list(@Query() query: AuditQuery): Promise<Page<AuditEntryResponse>> {
    return this.audit.list(query);
  }
}
