import { Module } from '@nestjs/common';
import { IncidentSnapshotRepository } from './incident-snapshot.repository';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';
import { PinnedSnapshotBackfill } from './pinned-snapshot-backfill';

@Module({
  controllers: [IncidentsController],
  providers: [IncidentsService, IncidentSnapshotRepository, PinnedSnapshotBackfill],
})
export class IncidentsModule {}
