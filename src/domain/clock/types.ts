import type { z } from 'zod';
import type { CalendarDefinitionSchema, DurationSchema, ExtraWorkingDaySchema } from './schema';
/** Wall-clock units: elapsed time, whatever the calendar says. A wall day is 24 h. */
export const WALL_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
/** Calendar-clock units: only the calendar's working time counts. */
export const WORKING_UNITS = ['workingMinutes', 'workingHours', 'workingDays'] as const;
export const DURATION_UNITS = [...WALL_UNITS, ...WORKING_UNITS] as const;

export type WallUnit = (typeof WALL_UNITS)[number];
export type WorkingUnit = (typeof WORKING_UNITS)[number];
export type DurationUnit = (typeof DURATION_UNITS)[number];

export type Duration = z.output<typeof DurationSchema>;

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The calendar shapes are defined once, by their schemas (schema.ts). */
export type WorkingWindow = { open: string; close: string };
export type ExtraWorkingDay = z.output<typeof ExtraWorkingDaySchema>;
export type CalendarDefinition = z.output<typeof CalendarDefinitionSchema>;

/** An interval (epoch ms, UTC) during which every clock stops. `to` null = still paused. */
export interface Pause {
  from: number;
  to: number | null;
}
