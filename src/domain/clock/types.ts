/** Wall-clock units: elapsed time, whatever the calendar says. A wall day is 24 h. */
export const WALL_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
/** Calendar-clock units: only the calendar's working time counts. */
export const WORKING_UNITS = ['workingMinutes', 'workingHours', 'workingDays'] as const;
export const DURATION_UNITS = [...WALL_UNITS, ...WORKING_UNITS] as const;

export type WallUnit = (typeof WALL_UNITS)[number];
export type WorkingUnit = (typeof WORKING_UNITS)[number];
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Half-open working window [open, close) in local wall time, "HH:mm"; close may be "24:00". */
export interface WorkingWindow {
  open: string;
  close: string;
}

export interface ExtraWorkingDay {
  /** ISO local date "YYYY-MM-DD" (e.g. a Chinese make-up Saturday). */
  date: string;
  windows: WorkingWindow[];
}

export interface CalendarDefinition {
  /** IANA time zone, e.g. "Asia/Shanghai". */
  zone: string;
  /** Working windows per weekday; a missing or empty day is not worked. */
  week: Partial<Record<Weekday, WorkingWindow[]>>;
  /** ISO local dates that are not worked whatever the weekday. */
  holidays: string[];
  /** Dates worked although the weekly pattern says otherwise, with their windows. */
  extraWorkingDays: ExtraWorkingDay[];
}

/** An interval (epoch ms, UTC) during which every clock stops. `to` null = still paused. */
export interface Pause {
  from: number;
  to: number | null;
}
