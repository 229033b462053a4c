import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, ValidateIf } from 'class-validator';
import { IsName } from '../../admin/names';
import { CALENDAR_5X8_EXAMPLE, CalendarDefinitionSchema } from './calendar-definition.schema';

/** Replaces the name and/or the definition; at least one of them. The built-in 24x7 cannot be updated. */
export class UpdateCalendarDto {
  @ApiPropertyOptional({ example: 'Shanghai 5x8 (2027)', maxLength: 200 })
  @ValidateIf((o: UpdateCalendarDto) => o.name !== undefined)
  @IsName()
  name?: string;

  @ApiPropertyOptional({ type: CalendarDefinitionSchema, example: CALENDAR_5X8_EXAMPLE, description: 'The whole new definition' })
  @ValidateIf((o: UpdateCalendarDto) => o.definition !== undefined || o.name === undefined)
  @IsObject({ message: 'definition must be an object (give name, definition or both)' })
  definition?: Record<string, unknown>;
}
