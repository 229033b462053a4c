import { createZodDto } from 'nestjs-zod';
import { CreateCalendarSchema } from '../../calendars/dto/create-calendar.dto';
import { z } from '../../domain/validation';

export const ImportTemplateSchema = z.strictObject({
  name: CreateCalendarSchema.shape.name
    .optional()
    .meta({ example: 'Xinbei 2026', description: "Name of the calendar and the policy created; default the template's name" }),
});

export class ImportTemplateDto extends createZodDto(ImportTemplateSchema) {}
