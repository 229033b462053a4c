import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
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
import { ACCESS } from '../auth/access-matrix';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { AdjustmentsService } from './adjustments.service';
import {
  AdjustmentListResponse,
  AdjustmentResponse,
  ApproveAdjustmentDto,
  ProposeAdjustmentDto,
  RejectAdjustmentDto,
} from './dto/adjustment.dto';

const CONTRACT_ID = { name: 'id', format: 'uuid', description: 'Contract id' };
const ADJUSTMENT_ID = { name: 'adjustmentId', format: 'uuid', description: 'Adjustment id' };

@ApiTags('finance')
@ApiBadRequestResponse({ description: 'Invalid input: fieldErrors name each field path and the reason' })
@Controller('contracts/:id/adjustments')
export class AdjustmentsController {
  constructor(private readonly adjustments: AdjustmentsService) {}

  @Post()
  @Roles(...ACCESS.adjustments)
  @ApiOperation({
    summary: 'Propose a manual ledger adjustment (compensation, damages, a cost deduction)',
    description:
      'Nothing is posted yet: a second, different finance user must approve it. countsAgainstCap needs penalty terms (a cap); ' +
      'with a per-incident cap it also needs incidentId.',
  })
  @ApiParam(CONTRACT_ID)
  @ApiCreatedResponse({ type: AdjustmentResponse })
  @ApiNotFoundResponse({ description: 'No such contract' })
  propose(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() dto: ProposeAdjustmentDto,
  ): Promise<AdjustmentResponse> {
    return this.adjustments.propose(id, dto, principal);
  }

  @Get()
  @Roles(...ACCESS.finance)
  @ApiOperation({ summary: "The contract's adjustments, proposed, approved and rejected (oldest first)" })
  @ApiParam(CONTRACT_ID)
  @ApiOkResponse({ type: AdjustmentListResponse })
  @ApiNotFoundResponse({ description: 'No such contract' })
  async list(@Param('id') id: string): Promise<AdjustmentListResponse> {
    return { items: await this.adjustments.list(id) };
  }

  @Get(':adjustmentId')
  @Roles(...ACCESS.finance)
  @ApiOperation({ summary: 'Read one adjustment' })
  @ApiParam(CONTRACT_ID)
  @ApiParam(ADJUSTMENT_ID)
  @ApiOkResponse({ type: AdjustmentResponse })
  @ApiNotFoundResponse({ description: 'No such contract or adjustment' })
  get(@Param('id') id: string, @Param('adjustmentId') adjustmentId: string): Promise<AdjustmentResponse> {
    return this.adjustments.get(id, adjustmentId);
  }

  @Post(':adjustmentId/approve')
  @HttpCode(200)
  @Roles(...ACCESS.adjustments)
  @ApiOperation({
    summary: 'Approve an adjustment: it is posted to the ledger (kind adjustment), append-only and audited',
    description:
      'Only by a finance user other than its proposer (400 naming approvedBy otherwise; nothing changes). Counted against the cap, a ' +
      'positive amount is cut to the headroom left, like an accrual; a decision is final (409 on a second one).',
  })
  @ApiParam(CONTRACT_ID)
  @ApiParam(ADJUSTMENT_ID)
  @ApiOkResponse({ type: AdjustmentResponse })
  @ApiNotFoundResponse({ description: 'No such contract or adjustment' })
  @ApiConflictResponse({ description: 'Already approved or rejected' })
  approve(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('adjustmentId') adjustmentId: string,
    @Body() dto: ApproveAdjustmentDto,
  ): Promise<AdjustmentResponse> {
    return this.adjustments.approve(id, adjustmentId, principal, dto.note);
  }

  @Post(':adjustmentId/reject')
  @HttpCode(200)
  @Roles(...ACCESS.adjustments)
  @ApiOperation({ summary: 'Reject an adjustment (by a finance user other than its proposer): nothing is posted' })
  @ApiParam(CONTRACT_ID)
  @ApiParam(ADJUSTMENT_ID)
  @ApiOkResponse({ type: AdjustmentResponse })
  @ApiNotFoundResponse({ description: 'No such contract or adjustment' })
  @ApiConflictResponse({ description: 'Already approved or rejected' })
  reject(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('adjustmentId') adjustmentId: string,
    @Body() dto: RejectAdjustmentDto,
  ): Promise<AdjustmentResponse> {
    return this.adjustments.reject(id, adjustmentId, principal, dto.note);
  }
}
