import type { Type } from '@nestjs/common';
import { CalendarsModule } from './calendars/calendars.module';
import { ContractsModule } from './contracts/contracts.module';
import { IncidentsModule } from './incidents/incidents.module';
import { LedgerModule } from './ledger/ledger.module';
import { PoliciesModule } from './policies/policies.module';
import { TemplatesModule } from './templates/templates.module';

/** Every feature module of the API (admin, incidents, finance). */
export const FEATURE_MODULES: Type<unknown>[] = [
  IncidentsModule,
  CalendarsModule,
  PoliciesModule,
  ContractsModule,
  TemplatesModule,
  LedgerModule,
];
