import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ACCESS } from '../auth/access-matrix';
import { Roles } from '../auth/roles.decorator';
import { LedgerQuery, ReconciliationQuery } from './dto/ledger-query.dto';
import { LedgerPageResponse, LedgerTotals, ROUNDING_RULE } from './dto/ledger.response';
import { PenaltiesResponse } from './dto/penalties.response';
import { RECONCILIATION_RULES, ReconciliationResponse } from './dto/reconciliation.response';
import { LedgerService, LEDGER_CSV_COLUMNS } from './ledger.service';
import { PenaltiesService } from './penalties.service';
import { ReconciliationService } from './reconciliation.service';

const CONTRACT_ID = { name: 'id', format: 'uuid', description: 'Contract id' };

@ApiTags('finance')
@ApiExtraModels(LedgerTotals, LedgerPageResponse)
@ApiBadRequestResponse({ description: 'Invalid query: fieldErrors name each parameter and the reason; unknown parameters are refused' })
@Controller()
export class LedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly penalties: PenaltiesService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  @Get('ledger')
  @Roles(...ACCESS.finance)
  @ApiOperation({
    summary: 'Penalty ledger entries (JSON page with totals, or a CSV export of every matching entry)',
    description:
      'Append-only entries in posting order (id ascending). Filters combine with AND; `from` is inclusive and `to` exclusive, on the ' +
      'instant the entry was created. JSON: one page (limit/offset) and totals over every matching entry; totals are never added across ' +
      'currencies (`totals` is null and `currency` null when the matching entries span several; `totalsByCurrency` always has them per currency). ' +
      `CSV (format=csv): RFC 4180 (CRLF, fields with comma/quote/CR/LF quoted, quotes doubled), UTF-8, header row ${LEDGER_CSV_COLUMNS.join(',')}; ` +
      'every matching entry, streamed (no pagination), same values as the JSON items. ' +
      ROUNDING_RULE,
  })
  @ApiOkResponse({
    description: 'JSON page (default), or with format=csv a text/csv attachment (Content-Disposition: attachment; filename="ledger-….csv")',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(LedgerPageResponse) } },
      'text/csv': { schema: { type: 'string', example: `${LEDGER_CSV_COLUMNS.join(',')}\r\n` } },
    },
  })
  async list(@Query() query: LedgerQuery, @Res() res: Response): Promise<void> {
    if (query.format === 'csv') {
      await this.ledger.streamCsv(query, res);
      return;
    }
    res.status(200).json(await this.ledger.list(query));
  }

  @Get('contracts/:id/penalties')
  @Roles(...ACCESS.finance)
  @ApiOperation({
    summary: "A contract's penalty position: accrued, reversed, corrected, net, cap and headroom, per incident",
    description: `Computed from the ledger in one aggregate query. ${ROUNDING_RULE}`,
  })
  @ApiParam(CONTRACT_ID)
  @ApiOkResponse({ type: PenaltiesResponse })
  @ApiNotFoundResponse({ description: 'No such contract' })
  summary(@Param('id') id: string): Promise<PenaltiesResponse> {
    return this.penalties.summary(id);
  }

  @Get('contracts/:id/reconciliation')
  @Roles(...ACCESS.finance)
  @ApiOperation({
    summary: "Recompute every incident's penalties from its facts and the terms, and compare with the ledger",
    description: RECONCILIATION_RULES.map((r, i) => `${i + 1}. ${r}`).join('\n\n'),
  })
  @ApiParam(CONTRACT_ID)
  @ApiOkResponse({ type: ReconciliationResponse })
  @ApiNotFoundResponse({ description: 'No such contract, or the incident is not one of its incidents' })
  reconcile(@Param('id') id: string, @Query() query: ReconciliationQuery): Promise<ReconciliationResponse> {
    return this.reconciliation.reconcile(id, query.incidentId);
  }
}
