import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/calendars.module';
import { ContractsModule } from '../contracts/contracts.module';
import { PoliciesModule } from '../policies/policies.module';
import { DraftsController } from './drafts.controller';
import { DraftsService } from './drafts.service';

@Module({
  imports: [CalendarsModule, PoliciesModule, ContractsModule],
  controllers: [DraftsController],
  providers: [DraftsService],
})
export class DraftsModule {}
