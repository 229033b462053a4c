import { Module } from '@nestjs/common';
import { LedgerController } from './ledger.controller';
import { LedgerService } from './ledger.service';
import { PenaltiesService } from './penalties.service';
import { ReconciliationService } from './reconciliation.service';

/** Finance API: the penalty ledger (JSON/CSV), per-contract penalty positions and reconciliation. */
@Module({
  controllers: [LedgerController],
  providers: [LedgerService, PenaltiesService, ReconciliationService],
})
export class LedgerModule {}
