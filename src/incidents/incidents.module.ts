import { Module } from '@nestjs/common';
import { IncidentSnapshotRepository } from './incident-snapshot.repository';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

@Module({
  controllers: [IncidentsController],
  providers: [IncidentsService, IncidentSnapshotRepository],
})
export class IncidentsModule {}
