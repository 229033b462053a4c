import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ACCESS } from '../auth/access-matrix';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { LendSpareDto, LoanEventDto, SpareLoanListQuery, SpareLoanResponse } from './dto/spare-loan.dto';
import { SparesService } from './spares.service';

@ApiTags('spare loans')
@ApiBadRequestResponse({ description: 'Invalid input: fieldErrors name each field path and the reason' })
@ApiNotFoundResponse({ description: 'No such contract or loan' })
@Controller()
export class SparesController {
  constructor(private readonly spares: SparesService) {}

  @Post('contracts/:id/spare-loans')
  @Roles(...ACCESS.incidentWrite)
  @ApiOperation({ summary: 'Lend a spare while the faulty unit is repaired' })
  @ApiCreatedResponse({ type: SpareLoanResponse })
  lend(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: LendSpareDto) {
    return this.spares.lend(id, dto, principal);
  }

  @Get('contracts/:id/spare-loans')
  @Roles(...ACCESS.read)
  @ApiOperation({ summary: "A contract's spare loans, oldest first (open=true: the spares still out)" })
  @ApiOkResponse({ type: [SpareLoanResponse] })
  async list(@Param('id') id: string, @Query() query: SpareLoanListQuery) {
    return { items: await this.spares.list(id, query.open === undefined ? undefined : query.open === 'true') };
  }

  @Post('spare-loans/:id/repaired-returned')
  @HttpCode(200)
  @Roles(...ACCESS.incidentWrite)
  @ApiOperation({ summary: 'The repaired unit is back at the customer' })
  @ApiOkResponse({ type: SpareLoanResponse })
  @ApiConflictResponse({ description: 'Already recorded' })
  repairedReturned(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: LoanEventDto) {
    return this.spares.repairedReturned(id, dto, principal);
  }

  @Post('spare-loans/:id/spare-recovered')
  @HttpCode(200)
  @Roles(...ACCESS.incidentWrite)
  @ApiOperation({ summary: 'The spare is back with the vendor: the loan is closed' })
  @ApiOkResponse({ type: SpareLoanResponse })
  @ApiConflictResponse({ description: 'Already recovered, or the repaired unit is not returned yet' })
  spareRecovered(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: LoanEventDto) {
    return this.spares.spareRecovered(id, dto, principal);
  }
}
