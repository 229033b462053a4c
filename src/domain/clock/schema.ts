/**
 * The calendar and duration input shapes: one zod schema each gives validation (field paths,
 * unknown fields), the TypeScript type and the OpenAPI schema.
 */
import { IANAZone } from 'luxon';
import { PARENT, refineAlways, z } from '../validation';
import { isoDateToDayNumber } from './dates';
import { WEEKDAYS, type Weekday, type WorkingWindow } from './types';

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since local midnight of "HH:mm" (00:00–23:59, or 24:00 when allowed), else null. */
export function parseTime(value: unknown, allow24: boolean): number | null {
  if (typeof value !== 'string') return null;
  if (allow24 && value === '24:00') return 1440;
  const m = TIME_RE.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

const isoDate = (message: string) =>
  z
    .string({ error: message })
    .refine((v) => isoDateToDayNumber(v) !== null, { error: message })
    .meta({ format: 'date', example: '2026-10-01' });

export const WorkingWindowSchema = z
  .strictObject(
    {
      open: z.string().refine((v) => parseTime(v, false) !== null, { error: 'must be a time "HH:mm" between 00:00 and 23:59' }),
      close: z.string().refine((v) => parseTime(v, true) !== null, { error: 'must be a time "HH:mm" between 00:00 and 24:00' }),
    },
    { error: (iss) => (iss.code === 'invalid_type' ? 'must be an object { open: "HH:mm", close: "HH:mm" }' : undefined) },
  )
  .superRefine((w, ctx) => {
    const open = parseTime(w.open, false);
    const close = parseTime(w.close, true);
    if (open !== null && close !== null && open >= close) {
      ctx.addIssue({ code: 'custom', path: ['close'], message: `must be after open (${w.open}); a window cannot be empty or inverted` });
    }
  })
  .meta({ id: 'WorkingWindow', description: 'Half-open working window [open, close) in local wall time; close may be "24:00"' });

/** The windows of one day, sorted by opening; overlapping windows are refused. */
const windowsSchema = (message: string, min?: { count: number; message: string }) =>
  z
    .array(WorkingWindowSchema, { error: message })
    .min(min?.count ?? 0, { error: min?.message })
    .superRefine((windows, ctx) => {
      const parsed = windows
        .map((w, index) => ({ index, w, open: parseTime(w.open, false), close: parseTime(w.close, true) }))
        .filter((x): x is typeof x & { open: number; close: number } => x.open !== null && x.close !== null && x.open < x.close)
        .sort((a, b) => a.open - b.open || a.close - b.close);
      for (let i = 1; i < parsed.length; i++) {
        const prev = parsed[i - 1];
        const cur = parsed[i];
        if (cur.open < prev.close) {
          ctx.addIssue({
            code: 'custom',
            path: [cur.index],
            message: `overlaps ${PARENT}[${prev.index}] (${prev.w.open}–${prev.w.close})`,
          });
        }
      }
    })
    .transform((windows): WorkingWindow[] =>
      [...windows].sort(
        (a, b) => parseTime(a.open, false)! - parseTime(b.open, false)! || parseTime(a.close, true)! - parseTime(b.close, true)!,
      ),
    );

const weekShape = Object.fromEntries(WEEKDAYS.map((d) => [d, windowsSchema('must be an array of working windows').nullish()])) as Record<
  (typeof WEEKDAYS)[number],
  z.ZodOptional<z.ZodNullable<ReturnType<typeof windowsSchema>>>
>;

export const ExtraWorkingDaySchema = z
  .strictObject(
    {
      date: isoDate('must be a valid ISO date "YYYY-MM-DD"'),
      windows: windowsSchema('must be an array of working windows', {
        count: 1,
        message: 'an extra working day needs at least one working window',
      }),
    },
    { error: (iss) => (iss.code === 'invalid_type' ? 'must be an object { date: "YYYY-MM-DD", windows: [...] }' : undefined) },
  )
  .meta({
    id: 'ExtraWorkingDay',
    description: 'A date worked although the weekly pattern says otherwise (e.g. a Chinese make-up Saturday)',
  });

/** A region's public-holiday feed (see feed.ts): read when the calendar is saved, materialised into its dates. */
export const HolidayFeedSchema = z
  .strictObject(
    {
      region: z
        .string({ error: 'must be a region code such as "CN", "DE" or "DE-BY"' })
        .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, {
          error: 'must be a region code such as "CN", "DE" or "DE-BY" (ISO 3166 country, optional subdivision)',
        })
        .meta({
          example: 'CN',
          description: 'CN: China with its make-up working days (调休, chinese-days); others: public holidays (date-holidays)',
        }),
      years: z
        .array(z.number().int({ error: 'must be a whole year' }).min(2000).max(2100), { error: 'must be an array of years' })
        .min(1, { error: 'must name at least one year' })
        .max(10)
        .meta({ example: [2026], description: 'The years whose dates are materialised when the calendar is saved' }),
      overrides: z
        .array(
          z.strictObject({
            date: isoDate('must be a valid ISO date "YYYY-MM-DD"'),
            as: z.enum(['holiday', 'working', 'weekly'], { error: 'must be one of holiday, working, weekly' }),
          }),
          { error: 'must be an array of { date, as }' },
        )
        .default([])
        .meta({
          description:
            "Single dates the admin decides: a holiday, a working day, or 'weekly' (ignore the feed: the weekly pattern decides)",
        }),
      makeUpWindows: windowsSchema('must be an array of working windows')
        .optional()
        .meta({ description: "Windows of a make-up working day; default: the first worked weekday's" }),
      dates: z
        .array(
          z.strictObject({
            date: isoDate('must be a valid ISO date "YYYY-MM-DD"'),
            kind: z.enum(['holiday', 'workday']),
            name: z.string(),
            source: z.enum(['feed', 'override']),
          }),
        )
        .optional()
        .meta({
          description: 'Output: the dates taken from the feed (or overridden), as materialised at the last save; recomputed on every save',
        }),
    },
    { error: (iss) => (iss.code === 'invalid_type' ? 'must be an object { region, years, overrides? }' : undefined) },
  )
  .meta({ id: 'HolidayFeed' });

export const CalendarDefinitionSchema = z
  .strictObject(
    {
      zone: z
        .string({ error: 'must be an IANA time zone name, e.g. "Asia/Shanghai"' })
        .superRefine((zone, ctx) => {
          if (zone.trim() === '') ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone name, e.g. "Asia/Shanghai"' });
          else if (!IANAZone.isValidZone(zone)) ctx.addIssue({ code: 'custom', message: `unknown IANA time zone "${zone}"` });
        })
        .meta({ example: 'Asia/Shanghai', description: 'IANA time zone' }),
      week: z
        .strictObject(weekShape, {
          error: (iss) =>
            iss.code === 'invalid_type'
              ? 'must be an object mapping weekdays (monday…sunday) to working windows'
              : iss.code === 'unrecognized_keys'
                ? `unknown weekday; expected one of ${WEEKDAYS.join(', ')}`
                : undefined,
        })
        .transform(
          (week) =>
            Object.fromEntries(Object.entries(week).filter(([, v]) => v !== undefined && v !== null)) as Partial<
              Record<Weekday, WorkingWindow[]>
            >,
        )
        .meta({ description: 'Working windows per weekday; a missing or empty day is not worked' }),
      holidays: z
        .array(isoDate('must be a valid ISO date "YYYY-MM-DD"'), { error: 'must be an array of ISO dates "YYYY-MM-DD"' })
        .default([])
        .meta({ description: 'ISO local dates that are not worked whatever the weekday' }),
      extraWorkingDays: z.array(ExtraWorkingDaySchema, { error: 'must be an array of { date, windows }' }).default([]),
      holidayFeed: HolidayFeedSchema.optional(),
    },
    { error: (iss) => (iss.code === 'invalid_type' ? 'must be an object' : undefined) },
  )
  .check(refineAlways<unknown>(calendarRules))
  .meta({
    id: 'CalendarDefinition',
    description: 'IANA zone, working windows per weekday, holidays, and extra working days (make-up days) with their windows',
  });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Rules across fields, reported beside the fields' own problems (so they read the value as given). */
function calendarRules(def: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (!isObject(def)) return;
  if (isObject(def.week)) {
    const windows = WEEKDAYS.reduce(
      (n, d) => n + (Array.isArray((def.week as Record<string, unknown>)[d]) ? (def.week as Record<string, unknown[]>)[d].length : 0),
      0,
    );
    if (windows === 0) ctx.addIssue({ code: 'custom', path: ['week'], message: 'must have at least one working window in the week' });
  }
  const holidayIndex = new Map<number, number>();
  if (Array.isArray(def.holidays)) {
    def.holidays.forEach((h: unknown, i) => {
      const n = typeof h === 'string' ? isoDateToDayNumber(h) : null;
      if (n === null) return;
      const dup = holidayIndex.get(n);
      if (dup !== undefined)
        ctx.addIssue({ code: 'custom', path: ['holidays', i], message: `duplicate of holidays[${dup}] (${h as string})` });
      else holidayIndex.set(n, i);
    });
  }
  const extraIndex = new Map<number, number>();
  if (Array.isArray(def.extraWorkingDays)) {
    def.extraWorkingDays.forEach((x: unknown, i) => {
      const n = isObject(x) && typeof x.date === 'string' ? isoDateToDayNumber(x.date) : null;
      if (n === null) return;
      const path = ['extraWorkingDays', i, 'date'];
      if (extraIndex.has(n))
        ctx.addIssue({
          code: 'custom',
          path,
          message: `duplicate of extraWorkingDays[${extraIndex.get(n)}] (${String((x as { date: string }).date)})`,
        });
      else if (holidayIndex.has(n))
        ctx.addIssue({ code: 'custom', path, message: `also listed as a holiday (holidays[${holidayIndex.get(n)}])` });
      else extraIndex.set(n, i);
    });
  }
}

export { DurationSchema } from './duration-schema';
