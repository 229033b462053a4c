import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/calendars.module';
import { PoliciesModule } from '../policies/policies.module';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

@Module({
  imports: [CalendarsModule, PoliciesModule],
  controllers: [TemplatesController],
  providers: [TemplatesService],
})
export class TemplatesModule {}
