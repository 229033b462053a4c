/** Swagger schema of a calendar definition (documentation only: the domain validator checks it). */
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';

export class WorkingWindowSchema {
  @ApiProperty({ example: '09:00', description: 'Local opening time "HH:mm" (00:00–23:59)' }) open: string;
  @ApiProperty({ example: '18:00', description: 'Local closing time "HH:mm", after open; "24:00" = midnight' }) close: string;
}

const DAY: ApiPropertyOptions = {
  type: [WorkingWindowSchema],
  description: 'Working windows of the day; several allowed, none may overlap; missing or empty = not worked',
};

export class WeekSchema {
  @ApiPropertyOptional({
    ...DAY,
    example: [
      { open: '09:00', close: '12:00' },
      { open: '13:30', close: '18:00' },
    ],
  })
  monday?: WorkingWindowSchema[];
  @ApiPropertyOptional(DAY) tuesday?: WorkingWindowSchema[];
  @ApiPropertyOptional(DAY) wednesday?: WorkingWindowSchema[];
  @ApiPropertyOptional(DAY) thursday?: WorkingWindowSchema[];
  @ApiPropertyOptional(DAY) friday?: WorkingWindowSchema[];
  @ApiPropertyOptional(DAY) saturday?: WorkingWindowSchema[];
  @ApiPropertyOptional(DAY) sunday?: WorkingWindowSchema[];
}

export class ExtraWorkingDaySchema {
  @ApiProperty({ example: '2026-10-10', description: 'Local date worked although the weekly pattern says otherwise (make-up day)' })
  date: string;
  @ApiProperty({ type: [WorkingWindowSchema], example: [{ open: '09:00', close: '18:00' }] }) windows: WorkingWindowSchema[];
}

export class CalendarDefinitionSchema {
  @ApiProperty({ example: 'Asia/Shanghai', description: 'IANA time zone' }) zone: string;
  @ApiProperty({ type: WeekSchema, description: 'Working windows per weekday (monday…sunday)' }) week: WeekSchema;
  @ApiPropertyOptional({ type: [String], example: ['2026-10-01', '2026-10-02'], description: 'Local dates not worked' })
  holidays?: string[];
  @ApiPropertyOptional({ type: [ExtraWorkingDaySchema], description: 'Dates worked although the weekly pattern says otherwise' })
  extraWorkingDays?: ExtraWorkingDaySchema[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { region: 'CN', years: [2026], overrides: [{ date: '2026-10-08', as: 'working' }] },
    description:
      "Follow a region's public holidays: { region (CN with make-up days via chinese-days; others e.g. DE, DE-BY via date-holidays), years, " +
      'overrides?: [{ date, as: holiday | working | weekly }], makeUpWindows? }. Materialised into holidays and extraWorkingDays when saved; ' +
      'the response lists them in holidayFeed.dates with source feed or override. Unknown region: 400 naming definition.holidayFeed.region.',
  })
  holidayFeed?: Record<string, unknown>;
}

export const CALENDAR_5X8_EXAMPLE = {
  zone: 'Asia/Shanghai',
  week: {
    monday: [{ open: '09:00', close: '18:00' }],
    tuesday: [{ open: '09:00', close: '18:00' }],
    wednesday: [{ open: '09:00', close: '18:00' }],
    thursday: [{ open: '09:00', close: '18:00' }],
    friday: [{ open: '09:00', close: '18:00' }],
  },
  holidays: ['2026-10-01'],
  extraWorkingDays: [{ date: '2026-10-10', windows: [{ open: '09:00', close: '18:00' }] }],
};
