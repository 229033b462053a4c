import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarsModule } from '../calendars/calendars.module';
import { PoliciesController } from './policies.controller';
import { PoliciesService } from './policies.service';
import { PolicyPreviewService } from './policy-preview.service';
import { PolicySimulationService } from './policy-simulation.service';
import { PolicyVersionEntity } from './policy-version.entity';
import { PolicyEntity } from './policy.entity';

@Module({
  imports: [TypeOrmModule.forFeature([PolicyEntity, PolicyVersionEntity]), CalendarsModule],
  controllers: [PoliciesController],
  providers: [PoliciesService, PolicyPreviewService, PolicySimulationService],
  exports: [PoliciesService],
})
export class PoliciesModule {}
