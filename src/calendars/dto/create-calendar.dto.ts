import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { IsName } from '../../admin/names';
import { CALENDAR_5X8_EXAMPLE, CalendarDefinitionSchema } from './calendar-definition.schema';

export class CreateCalendarDto {
  @ApiProperty({ example: 'Shanghai 5x8', description: 'Unique name', maxLength: 200 })
  @IsName()
  name: string;

  @ApiProperty({
    type: CalendarDefinitionSchema,
    example: CALENDAR_5X8_EXAMPLE,
    description: 'Zone, weekly windows, holidays and extra working days; errors name the path, e.g. definition.week.monday[0].close',
  })
  @IsObject()
  definition: Record<string, unknown>;
}
