import { createZodDto } from 'nestjs-zod';
import { name } from '../../domain/fields';
import { CalendarDefinitionSchema } from '../../domain/clock/schema';
import { z } from '../../domain/validation';

export const CreateCalendarSchema = z.strictObject({
  name: name().meta({ example: 'Shanghai 5x8', description: 'Unique name' }),
  definition: CalendarDefinitionSchema,
});

/** Replaces the name and/or the whole definition. The built-in 24x7 cannot be updated. */
export const UpdateCalendarSchema = CreateCalendarSchema.partial().refine((dto) => dto.name !== undefined || dto.definition !== undefined, {
  path: ['definition'],
  error: 'give name, definition or both',
});

export class CreateCalendarDto extends createZodDto(CreateCalendarSchema) {}
export class UpdateCalendarDto extends createZodDto(UpdateCalendarSchema) {}
