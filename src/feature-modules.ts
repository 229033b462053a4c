import type { Type } from '@nestjs/common';
import { IncidentsModule } from './incidents/incidents.module';

/** Every feature module of the API (admin, incidents, finance). */
export const FEATURE_MODULES: Type<unknown>[] = [IncidentsModule];
