import type { DynamicModule, Type } from '@nestjs/common';
import { CalendarsModule } from './calendars/calendars.module';
import { ContractsModule } from './contracts/contracts.module';
import { DraftsModule } from './drafts/drafts.module';
import { IncidentsModule } from './incidents/incidents.module';
import { LedgerModule } from './ledger/ledger.module';
import { PoliciesModule } from './policies/policies.module';
import { SparesModule } from './spares/spares.module';
import { TemplatesModule } from './templates/templates.module';

/** Every feature module of the API (admin, incidents, finance), built when the app is. */
export const featureModules = (): Array<Type<unknown> | DynamicModule> => [
  IncidentsModule.forRoot(),
  CalendarsModule,
  PoliciesModule,
  ContractsModule,
  TemplatesModule,
  DraftsModule,
  LedgerModule,
  SparesModule,
];
