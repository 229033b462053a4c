/**
 * A calendar as iCalendar (RFC 5545), for people to subscribe to: one all-day event per holiday and
 * per extra working day, named after the feed where the date came from one. Pure.
 */
import type { CalendarDefinition } from '../domain/clock/types';

const CRLF = '\r\n';

/** RFC 5545 §3.3.11 text escaping. */
function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (§3.1): continuation lines start with a space. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const ch of line) {
    const limit = parts.length === 0 ? 75 : 74;
    if (Buffer.byteLength(current + ch, 'utf8') > limit) {
      parts.push(current);
      current = ch;
    } else current += ch;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const compact = (date: string) => date.replace(/-/g, '');

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function calendarToIcs(calendar: { id: string; name: string; definition: CalendarDefinition; updatedAt: Date }): string {
  const { definition } = calendar;
  const stamp = calendar.updatedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  const fromFeed = new Map((definition.holidayFeed?.dates ?? []).map((d) => [d.date, d]));
  const label = (date: string, fallback: string) => {
    const d = fromFeed.get(date);
    return d ? `${fallback}: ${d.name}${d.source === 'override' ? ' (override)' : ''}` : fallback;
  };
  const events: Array<{ date: string; summary: string; kind: string; transparent: boolean }> = [
    ...definition.holidays.map((date) => ({ date, summary: label(date, 'Holiday'), kind: 'holiday', transparent: true })),
    ...definition.extraWorkingDays.map((x) => ({
      date: x.date,
      summary: `${label(x.date, 'Working day')} ${x.windows.map((w) => `${w.open}-${w.close}`).join(' ')}`,
      kind: 'workday',
      transparent: false,
    })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//escalation-orchestrator//calendars//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${definition.zone}`,
    ...events.flatMap((e) => [
      'BEGIN:VEVENT',
      `UID:${e.kind}-${e.date}@${escapeText(calendar.id)}.calendars.escalation-orchestrator`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(e.date)}`,
      `DTEND;VALUE=DATE:${compact(nextDay(e.date))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `CATEGORIES:${e.kind === 'holiday' ? 'HOLIDAY' : 'WORKING-DAY'}`,
      `TRANSP:${e.transparent ? 'TRANSPARENT' : 'OPAQUE'}`,
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return lines.map(fold).join(CRLF) + CRLF;
}
