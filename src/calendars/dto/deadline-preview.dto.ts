import { ApiProperty } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { isoInstant, parseInstant } from '../../domain/fields';
import { durationSchema } from '../../domain/policy/schema';
import { z } from '../../domain/validation';

const PreviewPauseSchema = z
  .strictObject({
    from: isoInstant(),
    to: isoInstant().nullish().meta({ description: 'Not before from; null or missing = still paused (the deadline is then unknown)' }),
  })
  .refine((p) => p.to == null || parseInstant(p.to) >= parseInstant(p.from), {
    path: ['to'],
    error: (iss) => `must not be before from (${(iss.input as { from: string }).from})`,
  })
  .meta({ id: 'PreviewPause', description: 'An interval during which the clock stops (force majeure, waiting on the customer)' });

export const DeadlinePreviewSchema = z.strictObject({
  start: isoInstant().meta({ description: 'When the clock starts' }),
  duration: durationSchema().meta({
    example: { amount: 2, unit: 'workingHours' },
    description: 'seconds/minutes/hours/days run on the wall clock (a day = 24 h); workingMinutes/workingHours/workingDays on the calendar',
  }),
  pauses: z.array(PreviewPauseSchema).optional(),
});

export class DeadlinePreviewDto extends createZodDto(DeadlinePreviewSchema) {}

export class DeadlinePreviewResponse {
  @ApiProperty({
    example: '2026-11-23T02:00:00.000Z',
    nullable: true,
    type: String,
    description: 'UTC; null while an open pause holds the clock',
  })
  deadline: string | null;

  @ApiProperty({
    example: '2026-11-23T10:00:00.000+08:00',
    nullable: true,
    type: String,
    description: "The same instant in the calendar's zone",
  })
  deadlineLocal: string | null;

  @ApiProperty({ example: '3f0c6a4e-8a36-4a53-9a0e-0c8a4ef6f0b1' }) calendarId: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) zone: string;
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z', description: 'The start, UTC' }) start: string;
  @ApiProperty({ example: { amount: 2, unit: 'workingHours' } }) duration: { amount: number; unit: string };
}
