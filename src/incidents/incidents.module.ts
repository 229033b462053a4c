import { DynamicModule, Module } from '@nestjs/common';
import { CatalogueController } from './catalogue.controller';
import { IncidentSnapshotRepository } from './incident-snapshot.repository';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';
import { PinnedSnapshotBackfill } from './pinned-snapshot-backfill';
import { buildStepsController } from './steps.controller';

@Module({})
export class IncidentsModule {
  /** The step routes are built from the catalogue when the app is. */
  static forRoot(): DynamicModule {
    return {
      module: IncidentsModule,
      controllers: [IncidentsController, CatalogueController, buildStepsController()],
      providers: [IncidentsService, IncidentSnapshotRepository, PinnedSnapshotBackfill],
    };
  }
}
