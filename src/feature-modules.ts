import type { Type } from '@nestjs/common';

/** Every feature module of the API (admin, incidents, finance). */
export const FEATURE_MODULES: Type<unknown>[] = [];
