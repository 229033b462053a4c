import { Module } from '@nestjs/common';
import { AdjustmentsController } from './adjustments.controller';
import { AdjustmentsService } from './adjustments.service';
import { LedgerController } from './ledger.controller';
import { LedgerService } from './ledger.service';
import { PenaltiesService } from './penalties.service';
import { ReconciliationService } from './reconciliation.service';

/** Finance API: the penalty ledger (JSON/CSV), per-contract penalty positions, reconciliation and manual adjustments. */
@Module({
  controllers: [LedgerController, AdjustmentsController],
  providers: [LedgerService, PenaltiesService, ReconciliationService, AdjustmentsService],
})
export class LedgerModule {}
