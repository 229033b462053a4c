/**
 * Per-class calendars (issue 14 item 2): one contract runs its emergency class on 7×24 and its
 * standard class on 5×8 (Jinwei, Seeyon). The contract maps severity classes to calendars; a class
 * not listed runs on the contract's calendarId. Pure (the workflow's validator uses it).
 */
import type { CalendarDefinition } from '../clock/types';
import { z } from '../validation';

const CLASSES_MAX = 50;

/** The contract's map: class name → an existing calendar id (checked by the service). */
export const ClassCalendarsSchema = z
  .record(z.string().min(1).max(100), z.string().min(1, { error: 'must name a calendar' }).max(200))
  .refine((m) => Object.keys(m).length <= CLASSES_MAX, { error: `must map at most ${CLASSES_MAX} classes` })
  .meta({
    example: { urgent: '24x7' },
    description:
      "Severity class → calendar id: the class's clocks run on that calendar (classes not listed run on calendarId). null or absent: every class runs on calendarId",
  });

export type ClassCalendars = Record<string, string>;

export interface PinnedCalendar {
  id: string;
  definition: CalendarDefinition;
}

/** The calendar id a class runs on under the contract. */
export function calendarIdOf(classCalendars: ClassCalendars | null | undefined, contractCalendarId: string, severity: string): string {
  return classCalendars?.[severity] ?? contractCalendarId;
}

/**
 * Why a reclassification to `severity` cannot be taken (null when it can): the incident's clocks run
 * on the calendar pinned for its class at report time; moving them to another calendar is not
 * supported, so a reclassification to a class pinned on another calendar is refused. Incidents
 * pinned without the map (older ones, contracts without classCalendars) are never refused here.
 */
export function classCalendarRefusal(
  pinned: Readonly<Record<string, PinnedCalendar>> | undefined,
  current: PinnedCalendar,
  severity: string,
): string | null {
  const target = pinned?.[severity];
  if (!target || target.id === current.id) return null;
  return `severity ${severity} runs on calendar ${target.id}, but this incident's clocks run on calendar ${current.id}: a reclassification across calendars is not supported (report a new incident in class ${severity})`;
}
